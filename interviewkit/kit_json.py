"""A kit as JSON and back: what `export_kit` prints and `import_kits` accepts.

Shape: {"title", "slug", "version", "weight_basis", "sources", "note",
"dimensions": [{"name", "weight", "description", "anchors", "questions", "source"}],
"exercises": [{"name", "format", "minutes", "brief", "questions", "dimensions", "source"}],
"signals": [{"kind", "text", "dimension", "source"}]}.
`source` is {"document", "section"}, the word "suggested" for what the importer proposed, or
null for what was written in the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from interviewkit import weights
from interviewkit.importers import limits
from interviewkit.importers.kitdata import (
    DimensionData,
    DocumentError,
    ExerciseData,
    KitData,
    ParsedDocument,
    Screening,
    SignalData,
    Source,
)
from interviewkit.importers.words import name_key
from interviewkit.models import Exercise, KitVersion, Provenance, Signal

BASES = {"explicit", "frequency", "required-preferred", "manual"}


def source_to_json(source: Source | Provenance) -> dict | str | None:
    document = getattr(source, "document", None)
    if document is None:
        document = source.source_document
    section = getattr(source, "section", None)
    if section is None:
        section = source.source_section
    if source.suggested:
        return "suggested"
    if not document:
        return None
    return {"document": document, "section": section}


def source_from_json(value: Any, where: str) -> Source:
    if value is None:
        return Source()
    if value == "suggested":
        return Source(suggested=True)
    if isinstance(value, dict) and isinstance(value.get("document", ""), str):
        return Source(str(value.get("document") or ""), str(value.get("section") or ""))
    raise DocumentError(f'{where}: source must be null, "suggested" or {{document, section}}')


def kit_to_dict(kit: KitVersion) -> dict:
    """The kit version as JSON-ready data (dimensions, exercises and signals in their order)."""
    dims = list(kit.dimensions.all())
    exercises = list(kit.exercises.prefetch_related("focus"))
    signals = sorted(kit.signals.select_related("dimension"), key=lambda s: (s.position, s.id))
    return {
        "title": kit.role.title,
        "slug": kit.role.slug,
        "version": kit.number,
        "weight_basis": kit.weight_basis,
        "sources": list(kit.sources),
        "note": kit.note,
        "status": kit.status,
        "weight_note": kit.weight_note,
        "screening": [dict(item) for item in kit.screening],
        "dimensions": [
            {
                "name": d.name,
                "weight": d.weight,
                "description": d.description,
                "anchors": {str(k): v for k, v in d.anchors().items() if v},
                "questions": list(d.questions),
                "source": source_to_json(d),
                "origin": d.origin,
                "suggested_parts": list(d.suggested_parts),
            }
            for d in dims
        ],
        "exercises": [
            {
                "name": e.name,
                "format": e.format,
                "minutes": e.minutes,
                "brief": e.brief,
                "questions": list(e.questions),
                "dimensions": [d.name for d in sorted(e.focus.all(), key=lambda d: d.position)],
                "source": source_to_json(e),
                "origin": e.origin,
                "scored": e.scored,
            }
            for e in exercises
        ],
        "signals": [
            {
                "kind": s.kind,
                "text": s.text,
                "dimension": s.dimension.name if s.dimension else None,
                "source": source_to_json(s),
                "origin": s.origin,
            }
            for s in signals
        ],
    }


def kit_data_to_dict(data: KitData) -> dict:
    """The same shape for a kit not yet saved (no version number yet)."""
    return {
        "title": data.title,
        "slug": slugify(data.title),
        "version": None,
        "weight_basis": data.weight_basis,
        "sources": list(data.sources),
        "note": data.note,
        "status": "draft" if data.needs_review else "confirmed",
        "weight_note": data.weight_note,
        "screening": [screening_to_json(item) for item in data.screening],
        "dimensions": [
            {
                "name": d.name,
                "weight": d.weight,
                "description": d.description,
                "anchors": {str(k): v for k, v in sorted(d.anchors.items()) if v},
                "questions": list(d.questions),
                "source": source_to_json(d.source),
                "origin": item_origin(d),
                "suggested_parts": list(d.suggested_parts),
            }
            for d in data.dimensions
        ],
        "exercises": [
            {
                "name": e.name,
                "format": e.format,
                "minutes": e.minutes,
                "brief": e.brief,
                "questions": list(e.questions),
                "dimensions": list(e.dimensions),
                "source": source_to_json(e.source),
                "origin": item_origin(e),
                "scored": e.scored,
            }
            for e in data.exercises
        ],
        "signals": [
            {
                "kind": s.kind,
                "text": s.text,
                "dimension": s.dimension,
                "source": source_to_json(s.source),
                "origin": item_origin(s),
            }
            for s in data.signals
        ],
    }


def screening_to_json(item: Screening) -> dict:
    return {"text": item.text, "document": item.source.document, "section": item.source.section}


def item_origin(item: DimensionData | ExerciseData | SignalData) -> str:
    """The origin saved for an item: what the importer says, "written" for an item that names no
    document (an exported kit's hand-written rows)."""
    if item.origin:
        return item.origin
    if item.source.suggested:
        return "suggested"
    return "read" if item.source.document else "written"


def content_of(data: dict) -> dict:
    """What makes two kits the same kit: everything but the version number, the note and the
    review status (confirming a kit does not change its content)."""
    return {k: v for k, v in data.items() if k not in ("version", "note", "slug", "status")}


def matches(data: object) -> bool:
    if isinstance(data, list):
        return bool(data) and all(isinstance(d, dict) and "dimensions" in d for d in data)
    return isinstance(data, dict) and "dimensions" in data and "title" in data


@dataclass
class Repairs:
    """What an import may change in a kit document, asked for explicitly (`import_kits
    --rescale-weights --rename-duplicates`); `changes` says what was changed."""

    rescale_weights: bool = False
    rename_duplicates: bool = False
    changes: list[str] = field(default_factory=list)


ORIGINS = {"read", "grouped", "suggested", "written"}


def parse(name: str, data: dict | list, repairs: Repairs | None = None) -> list[ParsedDocument]:
    kits = data if isinstance(data, list) else [data]
    if len(kits) > 500:
        raise DocumentError(f"the file holds {len(kits)} kits (at most 500)")
    parsed = []
    for index, kit in enumerate(kits):
        where = f"kit {index + 1}" if isinstance(data, list) else "kit"
        kit_data = kit_from_dict(kit, where=where, repairs=repairs)
        parsed.append(
            ParsedDocument(
                name=name,
                shape="exported kit",
                title=kit_data.title,
                weight_basis=kit_data.weight_basis,
                complete=kit_data,
            )
        )
    return parsed


def _text(value: Any, where: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise DocumentError(
            f"{where} must be a non-empty text" if required else f"{where} must be text"
        )
    return value


def _texts(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DocumentError(f"{where} must be a list of texts")
    return list(value)


def _origin(value: Any, where: str) -> str:
    if value is None or value == "":
        return ""
    if value not in ORIGINS:
        raise DocumentError(f"{where}: origin must be one of {', '.join(sorted(ORIGINS))}")
    return value


def kit_from_dict(data: Any, *, where: str = "kit", repairs: Repairs | None = None) -> KitData:
    """Validate exported-kit JSON and read it back; DocumentError says what is wrong.

    Weights that do not sum to 100 and dimension names repeated (compared without case) are
    refused, unless `repairs` allows rescaling or renaming; each change is then listed in
    `repairs.changes` and in the kit's note."""
    if not isinstance(data, dict):
        raise DocumentError(f"{where} must be a JSON object")
    title = _text(data.get("title"), f"{where} title", required=True).strip()
    basis = data.get("weight_basis") or "manual"
    if basis not in BASES:
        raise DocumentError(f"{where}: unknown weight_basis {basis!r}")
    raw_dims = data.get("dimensions")
    if not isinstance(raw_dims, list) or not raw_dims:
        raise DocumentError(f"{where} has no dimensions")
    limits.check_kit_counts(
        dimensions=len(raw_dims),
        exercises=len(data.get("exercises") or []),
        signals=len(data.get("signals") or []),
        where=where,
    )
    dims = []
    for i, d in enumerate(raw_dims, start=1):
        w = f"{where} dimension {i}"
        if not isinstance(d, dict):
            raise DocumentError(f"{w} must be an object")
        weight = d.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 0 <= weight <= 100:
            raise DocumentError(f"{w}: weight must be a whole number from 0 to 100")
        anchors_in = d.get("anchors") or {}
        if not isinstance(anchors_in, dict) or not set(anchors_in) <= {"1", "2", "3", "4"}:
            raise DocumentError(f'{w}: anchors must map the levels "1"–"4" to texts')
        dims.append(
            DimensionData(
                name=_text(d.get("name"), f"{w} name", required=True).strip()[:200],
                weight=weight,
                description=_text(d.get("description"), f"{w} description"),
                anchors={int(k): _text(v, f"{w} anchor {k}") for k, v in anchors_in.items() if v},
                questions=_texts(d.get("questions"), f"{w} questions"),
                source=source_from_json(d.get("source"), w),
                origin=_origin(d.get("origin"), w),
                suggested_parts=[
                    p
                    for p in _texts(d.get("suggested_parts"), f"{w} suggested_parts")
                    if p in ("anchors", "questions")
                ],
            )
        )
    repairs = repairs or Repairs()
    changes: list[str] = []
    total = sum(d.weight for d in dims)
    if total == 0:
        raise DocumentError(f"{where}: the weights sum to zero")
    if total != 100:
        if not repairs.rescale_weights:
            raise DocumentError(
                f"{where}: the weights sum to {total}, not 100 (fix them, or import with "
                "--rescale-weights to scale them to 100)"
            )
        rescaled = weights.largest_remainder([d.weight for d in dims])
        changes.append(
            f"weights rescaled from a sum of {total} to 100: "
            + ", ".join(f"{d.name} {d.weight}→{w}" for d, w in zip(dims, rescaled, strict=True))
        )
        for d, w in zip(dims, rescaled, strict=True):
            d.weight = w
    seen: dict[str, str] = {}
    for i, d in enumerate(dims, start=1):
        key = name_key(d.name)
        if key not in seen:
            seen[key] = d.name
            continue
        if not repairs.rename_duplicates:
            raise DocumentError(
                f"{where} dimension {i}: “{d.name}” repeats the dimension “{seen[key]}” (names "
                "are compared without case; rename one, or import with --rename-duplicates)"
            )
        number = 2
        while name_key(f"{d.name} ({number})") in seen:
            number += 1
        renamed = f"{d.name} ({number})"
        changes.append(f"dimension {i} “{d.name}” renamed “{renamed}”")
        seen[name_key(renamed)] = renamed
        d.name = renamed
    repairs.changes.extend(f"{where}: {change}" for change in changes)
    names = [d.name for d in dims]
    if len(set(names)) != len(names):
        raise DocumentError(f"{where}: two dimensions have the same name")
    exercises = []
    for i, e in enumerate(data.get("exercises") or [], start=1):
        w = f"{where} exercise {i}"
        if not isinstance(e, dict):
            raise DocumentError(f"{w} must be an object")
        fmt = e.get("format") or Exercise.Format.OTHER
        if fmt not in Exercise.Format.values:
            raise DocumentError(f"{w}: unknown format {fmt!r}")
        minutes = e.get("minutes", 45)
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 600:
            raise DocumentError(f"{w}: minutes must be a whole number from 1 to 600")
        focus = _texts(e.get("dimensions"), f"{w} dimensions")
        missing = [n for n in focus if n not in names]
        if missing:
            raise DocumentError(f"{w}: no dimension named {missing[0]!r}")
        exercises.append(
            ExerciseData(
                name=_text(e.get("name"), f"{w} name", required=True).strip()[:200],
                format=fmt,
                minutes=minutes,
                brief=_text(e.get("brief"), f"{w} brief"),
                questions=_texts(e.get("questions"), f"{w} questions"),
                dimensions=focus,
                source=source_from_json(e.get("source"), w),
                origin=_origin(e.get("origin"), w),
                scored=e.get("scored", True) is not False,
            )
        )
    signals = []
    for i, s in enumerate(data.get("signals") or [], start=1):
        w = f"{where} signal {i}"
        if not isinstance(s, dict):
            raise DocumentError(f"{w} must be an object")
        if s.get("kind") not in Signal.Kind.values:
            raise DocumentError(f"{w}: kind must be strong, weak or red")
        dimension = s.get("dimension")
        if dimension is not None and dimension not in names:
            raise DocumentError(f"{w}: no dimension named {dimension!r}")
        signals.append(
            SignalData(
                kind=s["kind"],
                text=_text(s.get("text"), f"{w} text", required=True),
                dimension=dimension,
                source=source_from_json(s.get("source"), w),
                origin=_origin(s.get("origin"), w),
            )
        )
    screening = []
    raw_screening = data.get("screening") or []
    if not isinstance(raw_screening, list):
        raise DocumentError(f"{where}: screening must be a list")
    for i, item in enumerate(raw_screening, start=1):
        w = f"{where} screening {i}"
        if not isinstance(item, dict):
            raise DocumentError(f"{w} must be an object")
        screening.append(
            Screening(
                text=_text(item.get("text"), f"{w} text", required=True),
                source=Source(
                    _text(item.get("document"), f"{w} document"),
                    _text(item.get("section"), f"{w} section"),
                ),
            )
        )
    status = data.get("status")
    if status not in (None, "draft", "confirmed"):
        raise DocumentError(f"{where}: status must be draft or confirmed")
    if status is None:
        status = (
            "draft"
            if any(item.source.suggested for item in [*dims, *exercises, *signals])
            else "confirmed"
        )
    note = _text(data.get("note"), f"{where} note")
    if changes:
        note = "; ".join([*filter(None, [note]), *changes])
    return KitData(
        title=title,
        weight_basis=basis,
        sources=_texts(data.get("sources"), f"{where} sources"),
        dimensions=dims,
        exercises=exercises,
        signals=signals,
        note=note[:500],
        screening=screening,
        weight_note=_text(data.get("weight_note"), f"{where} weight_note"),
        needs_review=status == "draft" or bool(changes),
    )
