"""What changed between two versions of a kit: pure data in, differences out (no ORM).

Both sides are in the kit JSON shape of `interviewkit.kit_json.kit_to_dict`. A dimension that
disappears under one name and appears under another is reported as renamed when the two share
their description or their level anchors (text that a rename leaves alone); otherwise it is one
removal and one addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewkit.scale import LEVEL_NAMES


@dataclass(frozen=True)
class DimensionRef:
    name: str
    weight: int


@dataclass(frozen=True)
class WeightChange:
    name: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old


@dataclass(frozen=True)
class Rename:
    old_name: str
    new_name: str
    old_weight: int
    new_weight: int


@dataclass(frozen=True)
class TextChange:
    """One piece of a dimension's wording, before and after ("" where there was none)."""

    part: str
    before: str
    after: str


@dataclass(frozen=True)
class Rewording:
    name: str
    changes: tuple[TextChange, ...]


@dataclass
class KitDiff:
    added: list[DimensionRef] = field(default_factory=list)
    removed: list[DimensionRef] = field(default_factory=list)
    weight_changed: list[WeightChange] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    # Dimensions present on both sides whose description, anchors or questions changed, with
    # the words before and after.
    reworded: list[Rewording] = field(default_factory=list)
    exercises_added: list[str] = field(default_factory=list)
    exercises_removed: list[str] = field(default_factory=list)
    exercises_changed: list[str] = field(default_factory=list)
    signals_added: list[tuple[str, str]] = field(default_factory=list)
    signals_removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.weight_changed,
                self.renamed,
                self.reworded,
                self.exercises_added,
                self.exercises_removed,
                self.exercises_changed,
                self.signals_added,
                self.signals_removed,
            )
        )

    @property
    def scoring_changed(self) -> bool:
        """Would the same ratings give a different weighted score on the new side?"""
        return bool(self.added or self.removed or self.weight_changed or self.renamed)


def _wording(dimension: dict) -> tuple:
    return (
        dimension.get("description") or "",
        tuple(sorted((dimension.get("anchors") or {}).items())),
        tuple(dimension.get("questions") or []),
    )


def _wording_changes(old: dict, new: dict) -> tuple[TextChange, ...]:
    """The description, each level's anchor and each question (by position) that differ."""
    changes = []
    before, after = old.get("description") or "", new.get("description") or ""
    if before != after:
        changes.append(TextChange("Description", before, after))
    old_anchors, new_anchors = old.get("anchors") or {}, new.get("anchors") or {}
    for level, name in LEVEL_NAMES.items():
        before, after = old_anchors.get(str(level), ""), new_anchors.get(str(level), "")
        if before != after:
            changes.append(TextChange(f"{name} ({level}) looks like", before, after))
    old_questions, new_questions = old.get("questions") or [], new.get("questions") or []
    for index in range(max(len(old_questions), len(new_questions))):
        before = old_questions[index] if index < len(old_questions) else ""
        after = new_questions[index] if index < len(new_questions) else ""
        if before != after:
            changes.append(TextChange(f"Question {index + 1}", before, after))
    return tuple(changes)


def _same_thing(old: dict, new: dict, shared: set) -> bool:
    """Could `new` be `old` renamed? Only when they share wording that no other dimension of
    either version has (boilerplate text shared by many dimensions tells nothing)."""
    description = (old.get("description") or "").strip()
    if description and description == (new.get("description") or "").strip():
        return ("description", description) not in shared
    anchors = old.get("anchors") or {}
    if anchors and anchors == (new.get("anchors") or {}):
        return ("anchors", tuple(sorted(anchors.items()))) not in shared
    return False


def _shared_wording(old: list[dict], new: list[dict]) -> set:
    """Descriptions and anchor sets that occur more than once within one version."""
    shared = set()
    for dims in (old, new):
        seen = set()
        for d in dims:
            keys = []
            description = (d.get("description") or "").strip()
            if description:
                keys.append(("description", description))
            if d.get("anchors"):
                keys.append(("anchors", tuple(sorted(d["anchors"].items()))))
            for key in keys:
                if key in seen:
                    shared.add(key)
                seen.add(key)
    return shared


def _exercise_content(exercise: dict) -> tuple:
    return (
        exercise.get("format"),
        exercise.get("minutes"),
        exercise.get("brief") or "",
        tuple(exercise.get("questions") or []),
        tuple(exercise.get("dimensions") or []),
    )


def kit_diff(old: dict, new: dict) -> KitDiff:
    """The differences from `old` to `new`, each list in the order of the side it comes from."""
    diff = KitDiff()
    old_dims = {d["name"]: d for d in old.get("dimensions", [])}
    new_dims = {d["name"]: d for d in new.get("dimensions", [])}

    gone = [d for name, d in old_dims.items() if name not in new_dims]
    came = [d for name, d in new_dims.items() if name not in old_dims]
    shared = _shared_wording(list(old_dims.values()), list(new_dims.values()))
    for was in gone:
        match = next((d for d in came if _same_thing(was, d, shared)), None)
        if match is None:
            diff.removed.append(DimensionRef(was["name"], was["weight"]))
            continue
        came.remove(match)
        diff.renamed.append(Rename(was["name"], match["name"], was["weight"], match["weight"]))
    diff.added = [DimensionRef(d["name"], d["weight"]) for d in came]

    for name, was in old_dims.items():
        now = new_dims.get(name)
        if now is None:
            continue
        if was["weight"] != now["weight"]:
            diff.weight_changed.append(WeightChange(name, was["weight"], now["weight"]))
        if _wording(was) != _wording(now):
            diff.reworded.append(Rewording(name, _wording_changes(was, now)))

    old_ex = {e["name"]: e for e in old.get("exercises", [])}
    new_ex = {e["name"]: e for e in new.get("exercises", [])}
    diff.exercises_added = [name for name in new_ex if name not in old_ex]
    diff.exercises_removed = [name for name in old_ex if name not in new_ex]
    diff.exercises_changed = [
        name
        for name, e in old_ex.items()
        if name in new_ex and _exercise_content(e) != _exercise_content(new_ex[name])
    ]

    old_signals = [(s["kind"], s["text"]) for s in old.get("signals", [])]
    new_signals = [(s["kind"], s["text"]) for s in new.get("signals", [])]
    diff.signals_added = [s for s in new_signals if s not in old_signals]
    diff.signals_removed = [s for s in old_signals if s not in new_signals]
    return diff
