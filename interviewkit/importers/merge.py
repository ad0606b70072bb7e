"""The documents of one role become one kit: weights by the strongest rule any document allows,
probes attached to the dimensions they concern, and a suggested loop where none is named."""

from __future__ import annotations

from interviewkit import weights
from interviewkit.importers import limits
from interviewkit.importers.kitdata import (
    DimensionData,
    DocumentError,
    ExerciseData,
    KitData,
    ParsedDocument,
    Source,
    origin_of,
)
from interviewkit.importers.words import FORMAT_WORDS, overlap, title_key

# Lower is stronger: an explicit weight column beats posting frequency beats the 2:1 rule.
RULE_RANK = {
    weights.MANUAL: 0,
    weights.EXPLICIT: 0,
    weights.FREQUENCY: 1,
    weights.REQUIRED_PREFERRED: 2,
}

SUGGESTED_LOOP: dict[str, dict] = {
    "system-design": {
        "name": "System design interview",
        "minutes": 60,
        "brief": "Ask the candidate to design a system this role would own, then probe the "
        "trade-offs, interfaces, scaling limits, failure modes and how it would be rolled out.",
        "questions": [
            "Which trade-offs did you make, and what would change your mind?",
            "How does the design fail, and how would you find out?",
            "How would you roll it out and measure that it works?",
        ],
    },
    "incident": {
        "name": "Incident scenario",
        "minutes": 45,
        "brief": "Walk through a realistic production incident in the systems this role runs: "
        "triage, communication, mitigation and the follow-up.",
        "questions": [
            "What do you look at first, and why?",
            "Who do you tell, when, and what do you say?",
            "What changes after the postmortem?",
        ],
    },
    "hands-on": {
        "name": "Hands-on review",
        "minutes": 60,
        "brief": "Review a short piece of the role's everyday work (code, configuration or a "
        "design document) and discuss the issues found and the improvements proposed.",
        "questions": [
            "Which issue matters most, and why?",
            "What would you change first, and how would you verify it?",
        ],
    },
    "behavioral": {
        "name": "Behavioral interview",
        "minutes": 45,
        "brief": "Explore past situations that show how the candidate leads, influences and "
        "works with others.",
        "questions": [
            "Tell me about a time you aligned teams that disagreed.",
            "Describe someone you helped grow. What changed for them?",
            "When did you push back on a plan, and what happened?",
        ],
    },
}
FALLBACK_EXERCISE = {
    "name": "Structured interview",
    "minutes": 60,
    "brief": "One structured conversation covering every dimension of the kit.",
    "questions": [],
}


def merge(documents: list[ParsedDocument]) -> KitData:
    if not documents:
        raise ValueError("no documents to merge")
    complete = [d for d in documents if d.complete is not None]
    if complete:
        if len(documents) > 1:
            names = ", ".join(d.name for d in documents)
            raise DocumentError(f"an exported kit cannot be merged with other documents ({names})")
        return complete[0].complete

    best = min(RULE_RANK[d.weight_basis] for d in documents)
    weighing = [d for d in documents if RULE_RANK[d.weight_basis] == best]
    basis = weighing[0].weight_basis
    dims: list[DimensionData] = []
    seen: set[str] = set()
    for doc in weighing:
        for dim in doc.dimensions:
            key = title_key(dim.name)
            if key not in seen:
                seen.add(key)
                dims.append(dim)
    _weigh(dims, basis)

    for doc in documents:
        for probe in doc.probes:
            target = _best_dimension(
                probe.topic + " " + " ".join(probe.questions), dims, probe.topic
            )
            if target is None:
                continue
            for question in probe.questions:
                text = question if question.endswith("?") else f"{probe.topic}: {question}"
                if text not in target.questions:
                    target.questions.append(text)

    exercises: list[ExerciseData] = []
    seen_exercises: set[str] = set()
    for doc in documents:
        for exercise in doc.exercises:
            if title_key(exercise.name) not in seen_exercises:
                seen_exercises.add(title_key(exercise.name))
                exercises.append(exercise)
    if not exercises:
        exercises = [e for doc in documents for e in doc.suggested_exercises]
    if not exercises:
        exercises = suggest_loop(documents)
    limits.check_kit_counts(
        dimensions=len(dims), exercises=len(exercises), signals=0, where="the kit"
    )
    names = {d.name for d in dims}
    for exercise in exercises:
        exercise.dimensions = [n for n in exercise.dimensions if n in names]
    unfocused = [e for e in exercises if e.scored and not e.dimensions]
    added = _assign_focus([e for e in exercises if e.scored], dims)

    signals = []
    texts: set[str] = set()
    for doc in documents:
        for signal in doc.signals:
            if signal.text in texts:
                continue
            texts.add(signal.text)
            if signal.dimension is None:
                match = _best_dimension(signal.text, dims, "", minimum=2)
                signal.dimension = match.name if match else None
            signals.append(signal)

    signals = signals[: limits.MAX_SIGNALS]

    unused = [d.name for d in documents if RULE_RANK[d.weight_basis] != best]
    notes = [n for doc in documents for n in doc.notes]
    if added and any(doc.shape == "job description" for doc in documents):
        notes.append(
            "no interview names "
            + ", ".join(f"“{dim}” (added to “{exercise}”)" for dim, exercise in added)
        )
    if unused:
        notes.insert(
            0,
            f"Dimensions and weights from {', '.join(d.name for d in weighing)} "
            f"({basis} rule); the skill lists of {', '.join(unused)} were not used for weights",
        )
    screening = []
    for doc in documents:
        screening.extend(s for s in doc.screening if s.text not in {x.text for x in screening})
    derived = (
        any(origin_of(d) != "read" or d.suggested_parts for d in dims)
        or any(origin_of(e) != "read" for e in exercises)
        or any(origin_of(s) != "read" for s in signals)
        or bool(unfocused)
        or bool(notes)
    )
    weight_note = next((d.weight_note for d in weighing if d.weight_note), "")
    return KitData(
        title=documents[0].title,
        weight_basis=basis,
        sources=[d.name for d in documents],
        dimensions=dims,
        exercises=exercises,
        signals=signals,
        note=("; ".join(notes) + "." if notes else "")[:500],
        screening=screening,
        weight_note=weight_note or WEIGHT_NOTES.get(basis, ""),
        needs_review=derived,
    )


WEIGHT_NOTES = {
    weights.EXPLICIT: "The document's own weight column (rule 1).",
    weights.FREQUENCY: "In proportion to the skills' share of postings (rule 2).",
    weights.REQUIRED_PREFERRED: "Required skills weigh twice as much as preferred ones (rule 3).",
}


def _weigh(dims: list[DimensionData], basis: str) -> None:
    try:
        if basis == weights.REQUIRED_PREFERRED and all(d.raw_weight is not None for d in dims):
            # Grouped dimensions: 2 units per required bullet, 1 per preferred, summed.
            result = weights.largest_remainder([d.raw_weight for d in dims])
        elif basis == weights.REQUIRED_PREFERRED:
            result = weights.required_preferred_weights([d.skill_kind for d in dims])
        elif basis == weights.FREQUENCY:
            result = weights.frequency_weights([d.raw_weight for d in dims])
        else:
            result = weights.explicit_weights([d.raw_weight for d in dims])
    except weights.WeightError as exc:
        raise DocumentError(str(exc)) from None
    for dim, weight in zip(dims, result, strict=True):
        dim.weight = weight


def _best_dimension(
    text: str, dims: list[DimensionData], topic: str, minimum: int = 1
) -> DimensionData | None:
    """The dimension a text concerns most: shared words with its name count double."""
    best, best_score = None, 0
    for dim in dims:
        score = 2 * overlap(topic or text, dim.name) + overlap(
            text, dim.name + " " + dim.description
        )
        if score > best_score:
            best, best_score = dim, score
    return best if best_score >= minimum else None


def suggest_loop(documents: list[ParsedDocument]) -> list[ExerciseData]:
    """One suggested exercise per interview format the documents describe, in loop order."""
    exercises = []
    for fmt, words in FORMAT_WORDS.items():
        evidence = [
            (doc.name, section, text)
            for doc in documents
            for section, text in doc.passages
            if any(word in text.lower() for word in words)
        ]
        if not evidence:
            continue
        plan = SUGGESTED_LOOP[fmt]
        document, section, _ = evidence[0]
        quoted = " ".join(f"“{_clip(text)}”" for _, _, text in evidence[:2])
        exercises.append(
            ExerciseData(
                name=plan["name"],
                format=fmt,
                minutes=plan["minutes"],
                brief=f"{plan['brief']} The documents describe this work: {quoted}",
                questions=list(plan["questions"]),
                source=Source.suggestion(document, section),
            )
        )
    if not exercises:
        plan = FALLBACK_EXERCISE
        exercises.append(
            ExerciseData(
                name=plan["name"],
                format="other",
                minutes=plan["minutes"],
                brief=plan["brief"],
                source=Source.suggestion(documents[0].name),
            )
        )
    return exercises


def _clip(text: str, limit: int = 180) -> str:
    text = text.rstrip(". ")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text + "."


def _assign_focus(
    exercises: list[ExerciseData], dims: list[DimensionData]
) -> list[tuple[str, str]]:
    """Exercises that name no dimensions focus on the ones their text concerns; every dimension
    ends up covered by at least one exercise. Returns the (dimension, exercise) pairs added only
    for coverage."""
    added: list[tuple[str, str]] = []
    names = {title_key(d.name): d.name for d in dims}
    scores: dict[int, list[int]] = {}
    for index, exercise in enumerate(exercises):
        text = " ".join([exercise.name, exercise.brief, *exercise.questions])
        text += " " + " ".join(FORMAT_WORDS.get(exercise.format, ()))
        scores[index] = [overlap(text, d.name + " " + d.description) for d in dims]
        if exercise.dimensions:
            exercise.dimensions = [
                names[title_key(n)] for n in exercise.dimensions if title_key(n) in names
            ]
            continue
        ranked = sorted(range(len(dims)), key=lambda i: (-scores[index][i], i))
        chosen = [i for i in ranked[:4] if scores[index][i] >= 2] or ranked[:1]
        exercise.dimensions = [dims[i].name for i in sorted(chosen)]
    covered = {n for e in exercises for n in e.dimensions}
    for i, dim in enumerate(dims):
        if dim.name in covered or not exercises:
            continue
        best = max(range(len(exercises)), key=lambda e: (scores[e][i], -e))
        exercises[best].dimensions.append(dim.name)
        added.append((dim.name, exercises[best].name))
        order = {d.name: j for j, d in enumerate(dims)}
        exercises[best].dimensions.sort(key=order.__getitem__)
    return added
