"""Helpers for the kit editor's tests: the editor's rows of a kit, and a scorecard's score."""

from __future__ import annotations

from fractions import Fraction

from interviewkit.editor.editing import kit_edit_rows, kit_edit_token
from interviewkit.models import KitVersion
from scorecards.models import Scorecard
from tests.factories import InterviewFactory, RatingFactory, ScorecardFactory


def rows(kit: KitVersion) -> dict[str, list[dict]]:
    return kit_edit_rows(kit)


def with_weights(kit: KitVersion, *weights: int) -> dict[str, list[dict]]:
    data = kit_edit_rows(kit)
    for row, weight in zip(data["dimensions"], weights, strict=True):
        row["weight"] = weight
    return data


def scorecard_with_ratings(candidate, kit: KitVersion, values: list[int | None], **kwargs):
    """A scorecard on `kit` rating its dimensions in order with `values`."""
    interview = InterviewFactory(candidate=candidate, **kwargs)
    scorecard = ScorecardFactory(interview=interview, kit=kit)
    for dimension, value in zip(kit.dimensions.all(), values, strict=True):
        RatingFactory(scorecard=scorecard, dimension=dimension, value=value, evidence="seen")
    return scorecard


def weighted_score(scorecard: Scorecard) -> Fraction | None:
    """S = Σ w·r / Σ w over rated dimensions, weights read from the scorecard's own kit version."""
    weights = {d.pk: d.weight for d in scorecard.kit.dimensions.all()}
    rated = [
        (weights[r.dimension_id], r.value) for r in scorecard.ratings.all() if r.value is not None
    ]
    total = sum(w for w, _ in rated)
    if not total:
        return None
    return Fraction(sum(w * v for w, v in rated), total)


def editor_post(kit: KitVersion, **changes) -> dict[str, str]:
    """The editor's POST data for `kit` as it stands; `changes` override single fields, e.g.
    `{"dimensions-0-weight": "45"}`."""
    dims = list(kit.dimensions.all())
    exercises = list(kit.exercises.prefetch_related("focus"))
    signals = sorted(kit.signals.all(), key=lambda s: s.position)
    index = {d.pk: str(i) for i, d in enumerate(dims)}
    data = {"based_on": kit_edit_token(kit)}
    for prefix, rows in (("dimensions", dims), ("exercises", exercises), ("signals", signals)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    for i, d in enumerate(dims):
        p = f"dimensions-{i}-"
        data.update(
            {
                p + "id": str(d.pk),
                p + "ORDER": str(i + 1),
                p + "name": d.name,
                p + "weight": str(d.weight),
                p + "description": d.description,
                p + "anchor_1": d.anchor_1,
                p + "anchor_2": d.anchor_2,
                p + "anchor_3": d.anchor_3,
                p + "anchor_4": d.anchor_4,
                p + "questions": "\n".join(d.questions),
            }
        )
    post = list(data.items())
    for i, e in enumerate(exercises):
        p = f"exercises-{i}-"
        post += [
            (p + "id", str(e.pk)),
            (p + "ORDER", str(i + 1)),
            (p + "name", e.name),
            (p + "format", e.format),
            (p + "minutes", str(e.minutes)),
            (p + "brief", e.brief),
            (p + "questions", "\n".join(e.questions)),
        ]
        post += [(p + "focus", index[d.pk]) for d in e.focus.all()]
    for i, s in enumerate(signals):
        p = f"signals-{i}-"
        post += [
            (p + "id", str(s.pk)),
            (p + "ORDER", str(i + 1)),
            (p + "kind", s.kind),
            (p + "text", s.text),
            (p + "dimension", index.get(s.dimension_id, "")),
        ]
    merged: dict[str, list[str]] = {}
    for key, value in post:
        merged.setdefault(key, []).append(value)
    for key, value in changes.items():
        merged[key.replace("__", "-")] = [value] if isinstance(value, str) else list(value)
    return merged
