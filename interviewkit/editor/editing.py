"""Writes of the kit editor: editing a role's kit and cloning it (moving a draft scorecard onto a
newer version is `scorecards.services.scorecards.scorecard_move_to_version`).

Editing follows the versioning rule: the current version, once any scorecard uses it, never
changes; the edit becomes a new version (and the old scorecards keep pointing at the old one, so
their weighted scores stay what they were). An unused current version is updated in place.

Provenance: an item keeps the document and section it came from as long as its wording (names,
texts, anchors, questions; an exercise's format and length; a signal's kind) is unchanged.
Weights, order, an exercise's focus and a signal's dimension are arrangement, not wording: a
changed weight makes the kit's weight basis "set by hand" but leaves the item's source alone.
Items that are new or reworded are marked as written in the app (origin "written", no longer
"suggested"); on a dimension, the library's anchors or questions stay marked as suggested only
while they are unchanged. A version the editor makes records that it was edited in the app and
keeps the kit's screening criteria; weights changed there are "set by hand".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from interviewkit.audit import events as audit
from interviewkit.kit_rows import sync_rows
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from interviewkit.signals import kit_version_replaced

WRITTEN_IN_APP = {
    "source_document": "",
    "source_section": "",
    "suggested": False,
    "origin": Dimension.Origin.WRITTEN,
}
PROVENANCE_FIELDS = tuple(WRITTEN_IN_APP)
# Which wording each part the library may fill in (`Dimension.suggested_parts`) is made of.
SUGGESTED_PART_FIELDS = {
    "anchors": ("anchor_1", "anchor_2", "anchor_3", "anchor_4"),
    "questions": ("questions",),
}
HAND_SET_WEIGHTS = "Set by hand in the kit editor."

DIMENSION_WORDING = (
    "name",
    "description",
    "anchor_1",
    "anchor_2",
    "anchor_3",
    "anchor_4",
    "questions",
)
EXERCISE_WORDING = ("name", "format", "minutes", "brief", "questions")
SIGNAL_WORDING = ("kind", "text")

DIMENSION_FIELDS = (*DIMENSION_WORDING, "weight")
EXERCISE_FIELDS = EXERCISE_WORDING
SIGNAL_FIELDS = SIGNAL_WORDING
# Kept from the edited item, never typed in the editor: what the library filled in on a
# dimension, and whether an exercise is a scored interview or a loop step without a scorecard.
DIMENSION_KEPT = (*PROVENANCE_FIELDS, "suggested_parts")
EXERCISE_KEPT = (*PROVENANCE_FIELDS, "scored")
SIGNAL_KEPT = PROVENANCE_FIELDS


class KitChanged(ValidationError):
    """The kit changed between opening the editor and saving it."""


def kit_edit_errors(
    *, dimensions: list[dict], exercises: list[dict], signals: list[dict]
) -> list[str]:
    """Everything that makes this content unsavable, as sentences (empty when it is fine)."""
    errors = []
    if not dimensions:
        errors.append("A kit needs at least one dimension.")
    names = [(d.get("name") or "").strip() for d in dimensions]
    if any(not name for name in names):
        errors.append("Every dimension needs a name.")
    folded = [name.casefold() for name in names if name]
    if len(set(folded)) != len(folded):
        errors.append("Two dimensions have the same name.")
    weights = [d.get("weight") for d in dimensions]
    if any(not isinstance(w, int) or not 0 <= w <= 100 for w in weights):
        errors.append("Each weight is a whole number from 0 to 100.")
    elif dimensions and sum(weights) != 100:
        errors.append(f"The weights add up to {sum(weights)}%, not 100%.")
    exercise_names = [(e.get("name") or "").strip() for e in exercises]
    if any(not name for name in exercise_names):
        errors.append("Every exercise needs a name.")
    folded = [name.casefold() for name in exercise_names if name]
    if len(set(folded)) != len(folded):
        errors.append("Two exercises have the same name.")
    for e in exercises:
        minutes = e.get("minutes")
        if not isinstance(minutes, int) or not 1 <= minutes <= 600:
            errors.append(f"{e.get('name') or 'An exercise'}: minutes must be from 1 to 600.")
        if e.get("format") and e["format"] not in Exercise.Format.values:
            errors.append(f"{e.get('name') or 'An exercise'}: unknown format {e['format']!r}.")
        missing = [n for n in e.get("focus", []) if n not in names]
        if missing:
            errors.append(f"{e.get('name') or 'An exercise'}: no dimension named {missing[0]!r}.")
    for s in signals:
        if not (s.get("text") or "").strip():
            errors.append("Every signal needs its text.")
            break
    for s in signals:
        if s.get("kind") not in Signal.Kind.values:
            errors.append("A signal's kind is strong, weak or red flag.")
            break
        if s.get("dimension") and s["dimension"] not in names:
            errors.append(f"A signal bears on {s['dimension']!r}, which is not a dimension.")
            break
    return errors


def _normalise(rows: list[dict], fields: tuple[str, ...]) -> list[dict]:
    out = []
    for row in rows:
        clean = {f: row.get(f) for f in fields}
        for f in fields:
            if isinstance(clean[f], str):
                clean[f] = clean[f].strip()
            if f == "questions":
                clean[f] = [q.strip() for q in (clean[f] or []) if q.strip()]
            elif clean[f] is None and f not in ("weight", "minutes"):
                clean[f] = ""
        if "format" in fields and not clean["format"]:
            clean["format"] = Exercise.Format.OTHER
        clean["id"] = row.get("id")
        clean["focus"] = list(row.get("focus") or [])
        clean["dimension"] = row.get("dimension") or None
        out.append(clean)
    return out


def _provenance(old, row: dict, wording: tuple[str, ...]) -> dict:
    """The old item's source if its wording is unchanged, else "written in the app"."""
    if old is not None and all(getattr(old, f) == row[f] for f in wording):
        return {f: getattr(old, f) for f in PROVENANCE_FIELDS}
    return dict(WRITTEN_IN_APP)


def _suggested_parts(old: Dimension | None, row: dict) -> list[str]:
    """The library's parts of the old dimension that the edit left word for word."""
    if old is None:
        return []
    return [
        part
        for part in old.suggested_parts
        if all(getattr(old, f) == row[f] for f in SUGGESTED_PART_FIELDS.get(part, ()))
    ]


@dataclass
class _Plan:
    dimensions: list[dict]
    exercises: list[dict]
    signals: list[dict]
    weight_basis: str


def _plan(
    current: KitVersion | None, dimensions: list[dict], exercises: list[dict], signals: list[dict]
) -> _Plan:
    """The content to save, with each row's position and provenance decided; rows keep the `id`
    of the item they edit in the current version (None for new items)."""
    old_dims = {d.pk: d for d in current.dimensions.all()} if current else {}
    old_ex = {e.pk: e for e in current.exercises.all()} if current else {}
    old_signals = {s.pk: s for s in current.signals.all()} if current else {}
    dims = []
    for i, row in enumerate(_normalise(dimensions, DIMENSION_FIELDS)):
        old = old_dims.get(row["id"])
        row["id"] = old.pk if old else None
        dims.append(
            {
                **row,
                "position": i,
                **_provenance(old, row, DIMENSION_WORDING),
                "suggested_parts": _suggested_parts(old, row),
            }
        )
    exs = []
    for i, row in enumerate(_normalise(exercises, EXERCISE_FIELDS)):
        old = old_ex.get(row["id"])
        row["id"] = old.pk if old else None
        exs.append(
            {
                **row,
                "position": i,
                **_provenance(old, row, EXERCISE_WORDING),
                "scored": old.scored if old else True,
            }
        )
    sigs = []
    for i, row in enumerate(_normalise(signals, SIGNAL_FIELDS)):
        old = old_signals.get(row["id"])
        row["id"] = old.pk if old else None
        sigs.append({**row, "position": i, **_provenance(old, row, SIGNAL_WORDING)})
    basis = KitVersion.WeightBasis.MANUAL
    if current is not None:
        before = sorted((d.name, d.weight) for d in old_dims.values())
        if before == sorted((d["name"], d["weight"]) for d in dims):
            basis = current.weight_basis
    return _Plan(dims, exs, sigs, basis)


def _snapshot(kit: KitVersion) -> _Plan:
    """The current content in the same shape as a plan, to tell whether an edit changes it."""
    dimensions = list(kit.dimensions.all())
    dims = [
        {
            "id": d.pk,
            "position": i,
            **{f: getattr(d, f) for f in (*DIMENSION_FIELDS, *DIMENSION_KEPT)},
        }
        for i, d in enumerate(dimensions)
    ]
    names = {d.pk: d.name for d in dimensions}
    exs = [
        {
            "id": e.pk,
            "position": i,
            "focus": sorted(names[d.pk] for d in e.focus.all()),
            **{f: getattr(e, f) for f in (*EXERCISE_FIELDS, *EXERCISE_KEPT)},
        }
        for i, e in enumerate(kit.exercises.prefetch_related("focus"))
    ]
    signals = sorted(kit.signals.all(), key=lambda s: (s.position, s.pk))
    sigs = [
        {
            "id": s.pk,
            "position": i,
            "dimension": names.get(s.dimension_id),
            **{f: getattr(s, f) for f in (*SIGNAL_FIELDS, *SIGNAL_KEPT)},
        }
        for i, s in enumerate(signals)
    ]
    return _Plan(dims, exs, sigs, kit.weight_basis)


def _comparable(plan: _Plan) -> tuple:
    def rows(items, drop=()):
        return [
            {k: (sorted(v) if k == "focus" else v) for k, v in row.items() if k not in drop}
            for row in items
        ]

    return (
        rows(plan.dimensions, ("focus", "dimension")),
        rows(plan.exercises, ("dimension",)),
        rows(plan.signals, ("focus",)),
        plan.weight_basis,
    )


# What the editor writes of each model: the fields typed in it, and those kept from the item.
WRITTEN = {
    Dimension: (*DIMENSION_FIELDS, *DIMENSION_KEPT),
    Exercise: (*EXERCISE_FIELDS, *EXERCISE_KEPT),
    Signal: (*SIGNAL_FIELDS, *SIGNAL_KEPT),
}


def _fields(row: dict, model) -> dict:
    return {f: row[f] for f in (*WRITTEN[model], "position")}


def _write_new(kit: KitVersion, plan: _Plan) -> None:
    dims = {
        row["name"]: Dimension.objects.create(kit=kit, **_fields(row, Dimension))
        for row in plan.dimensions
    }
    for row in plan.exercises:
        exercise = Exercise.objects.create(kit=kit, **_fields(row, Exercise))
        exercise.focus.set([dims[n] for n in row["focus"] if n in dims])
    Signal.objects.bulk_create(
        Signal(kit=kit, dimension=dims.get(row["dimension"]), **_fields(row, Signal))
        for row in plan.signals
    )


def _sync(model, kit: KitVersion, rows: list[dict], per_row: list[dict] | None = None) -> list:
    """The kit's `model` rows made to match the edited `rows`, matched by id."""
    return sync_rows(
        model,
        kit,
        [
            (row["id"], {**_fields(row, model), **more})
            for row, more in zip(rows, per_row or [{}] * len(rows), strict=True)
        ],
    )


def _write_in_place(kit: KitVersion, plan: _Plan) -> None:
    dims = _sync(Dimension, kit, plan.dimensions)
    by_name = {d.name: d for d in dims}
    exercises = _sync(Exercise, kit, plan.exercises)
    for exercise, row in zip(exercises, plan.exercises, strict=True):
        exercise.focus.set([by_name[n] for n in row["focus"] if n in by_name])
    _sync(
        Signal,
        kit,
        plan.signals,
        per_row=[{"dimension": by_name.get(row["dimension"])} for row in plan.signals],
    )


@transaction.atomic
def kit_edit(
    *,
    role: Role,
    dimensions: list[dict],
    exercises: list[dict],
    signals: list[dict],
    by: AbstractBaseUser | None,
    expected_token: str | None = None,
) -> KitVersion:
    """Save the edited kit of `role` and return the version that holds it.

    Rows are dicts in order: dimensions {id, name, description, weight, anchor_1…anchor_4,
    questions}, exercises {id, name, format, minutes, brief, questions, focus: [dimension names]},
    signals {id, kind, text, dimension: name or None}; `id` is the item edited in the current
    version, None for a new one. Unchanged content writes nothing. A current version used by any
    scorecard gets a new version (planned interviews not yet started follow their exercise to
    it); an unused one is updated in place. Raises ValidationError for content that cannot be a
    kit (weights not summing to 100, empty or duplicate names, …). With `expected_token` (from
    `kit_edit_state` when the editor was opened), raises KitChanged if someone saved the kit since.
    """
    errors = kit_edit_errors(dimensions=dimensions, exercises=exercises, signals=signals)
    if errors:
        raise ValidationError(errors)
    current = KitVersion.objects.select_for_update().filter(role=role).order_by("-number").first()
    if expected_token is not None and expected_token != kit_edit_token(current):
        raise KitChanged(
            f"Someone saved version {current.number if current else '?'} of this kit while you "
            "were editing, so nothing was saved."
        )
    plan = _plan(current, dimensions, exercises, signals)
    if current is not None and _comparable(plan) == _comparable(_snapshot(current)):
        return current
    if current is not None and plan.weight_basis == current.weight_basis:
        weight_note = current.weight_note
    else:
        weight_note = HAND_SET_WEIGHTS
    if current is None or current.is_used():
        # A person wrote this version: it is confirmed when it follows a confirmed one; a kit
        # begun in the editor is a draft until confirmed, like one begun from the library.
        kit = KitVersion.objects.create(
            role=role,
            number=current.number + 1 if current else 1,
            weight_basis=plan.weight_basis,
            weight_note=weight_note,
            sources=list(current.sources) if current else [],
            screening=list(current.screening) if current else [],
            note=f"Edited in the app from v{current.number}." if current else "Written in the app.",
            status=KitVersion.Status.CONFIRMED
            if current is not None and not current.is_draft
            else KitVersion.Status.DRAFT,
            created_by=by,
        )
        _write_new(kit, plan)
        if current is not None:
            kit_version_replaced.send(sender=KitVersion, old=current, new=kit)
    else:
        kit = current
        kit.weight_basis = plan.weight_basis
        kit.weight_note = weight_note
        kit.save(update_fields=["weight_basis", "weight_note"])
        _write_in_place(kit, plan)
    audit.record(
        by,
        "kit.edit",
        kit,
        detail={
            "version": kit.number,
            "from_version": current.number if current else None,
            "new_version": current is None or kit.pk != current.pk,
            "weights": {d["name"]: d["weight"] for d in plan.dimensions},
        },
    )
    return kit


@transaction.atomic
def kit_clone(*, kit: KitVersion, title: str, slug: str, by: AbstractBaseUser | None) -> KitVersion:
    """A new role `title` whose version 1 copies `kit` (items keep their provenance); the person
    cloning becomes its hiring manager. Raises ValidationError when the title or slug is taken."""
    title, slug = title.strip(), slug.strip()
    if not title or not slug:
        raise ValidationError("A role needs a title and a web address.")
    if Role.objects.filter(title__iexact=title).exists():
        raise ValidationError(f"A role called {title!r} already exists.")
    if Role.objects.filter(slug=slug).exists():
        raise ValidationError(f"The web address {slug!r} is taken.")
    role = Role.objects.create(title=title, slug=slug)
    if by is not None:
        role.hiring_managers.add(by)
    copy = KitVersion.objects.create(
        role=role,
        number=1,
        weight_basis=kit.weight_basis,
        weight_note=kit.weight_note,
        sources=list(kit.sources),
        screening=list(kit.screening),
        note=f"Cloned from {kit.role.title} v{kit.number}.",
        status=kit.status,
        created_by=by,
    )
    snapshot = _snapshot(kit)
    _write_new(copy, snapshot)
    audit.record(
        by,
        "kit.clone",
        copy,
        detail={"from_role": kit.role.slug, "from_version": kit.number, "role": role.slug},
    )
    return copy


def kit_edit_rows(kit: KitVersion | None) -> dict[str, list[dict]]:
    """A version's content as the rows `kit_edit` takes (the editor's initial data)."""
    if kit is None:
        return {"dimensions": [], "exercises": [], "signals": []}
    return _rows_of(_snapshot(kit))


def _rows_of(snapshot: _Plan) -> dict[str, list[dict]]:
    dimension_fields = ("id", *DIMENSION_FIELDS)
    return {
        "dimensions": [{f: row[f] for f in dimension_fields} for row in snapshot.dimensions],
        "exercises": [
            {f: row[f] for f in ("id", *EXERCISE_FIELDS, "focus")} for row in snapshot.exercises
        ],
        "signals": [
            {f: row[f] for f in ("id", *SIGNAL_FIELDS, "dimension")} for row in snapshot.signals
        ],
    }


def kit_edit_state(kit: KitVersion | None) -> tuple[dict[str, list[dict]], str]:
    """The editor's rows of `kit` and a token of its content: an edit posted with another
    token was made on content that someone has changed since."""
    if kit is None:
        return kit_edit_rows(None), "new"
    snapshot = _snapshot(kit)
    return _rows_of(snapshot), _token(kit, snapshot)


def kit_edit_token(kit: KitVersion | None) -> str:
    return "new" if kit is None else _token(kit, _snapshot(kit))


def _token(kit: KitVersion, snapshot: _Plan) -> str:
    content = repr((kit.pk, _comparable(snapshot))).encode()
    return f"{kit.pk}-{hashlib.sha256(content).hexdigest()[:16]}"


def kit_content(kit: KitVersion) -> tuple:
    """Everything `kit_edit` compares: equal before and after an edit means nothing changed."""
    return _comparable(_snapshot(kit))
