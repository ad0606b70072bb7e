"""A kit as JSON and back: what `export_kit` prints and `import_kits` accepts.

Shape: {"title", "slug", "version", "weight_basis", "sources", "note",
"dimensions": [{"name", "weight", "description", "anchors", "questions", "source"}],
"exercises": [{"name", "format", "minutes", "brief", "questions", "dimensions", "source"}],
"signals": [{"kind", "text", "dimension", "source"}]}.
`source` is {"document", "section"}, the word "suggested" for what the importer proposed, or
null for what was written in the app.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from interviewkit.importers.kitdata import (
    DimensionData,
    DocumentError,
    ExerciseData,
    KitData,
    ParsedDocument,
    SignalData,
    Source,
)
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
        "dimensions": [
            {
                "name": d.name,
                "weight": d.weight,
                "description": d.description,
                "anchors": {str(k): v for k, v in d.anchors().items() if v},
                "questions": list(d.questions),
                "source": source_to_json(d),
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
            }
            for e in exercises
        ],
        "signals": [
            {
                "kind": s.kind,
                "text": s.text,
                "dimension": s.dimension.name if s.dimension else None,
                "source": source_to_json(s),
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
        "dimensions": [
            {
                "name": d.name,
                "weight": d.weight,
                "description": d.description,
                "anchors": {str(k): v for k, v in sorted(d.anchors.items()) if v},
                "questions": list(d.questions),
                "source": source_to_json(d.source),
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
            }
            for e in data.exercises
        ],
        "signals": [
            {
                "kind": s.kind,
                "text": s.text,
                "dimension": s.dimension,
                "source": source_to_json(s.source),
            }
            for s in data.signals
        ],
    }


def content_of(data: dict) -> dict:
    """What makes two kits the same kit: everything but the version number and the note."""
    return {k: v for k, v in data.items() if k not in ("version", "note", "slug")}


def matches(data: object) -> bool:
    if isinstance(data, list):
        return bool(data) and all(isinstance(d, dict) and "dimensions" in d for d in data)
    return isinstance(data, dict) and "dimensions" in data and "title" in data


def parse(name: str, data: dict | list) -> list[ParsedDocument]:
    kits = data if isinstance(data, list) else [data]
    parsed = []
    for index, kit in enumerate(kits):
        where = f"kit {index + 1}" if isinstance(data, list) else "kit"
        kit_data = kit_from_dict(kit, where=where)
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


def kit_from_dict(data: Any, *, where: str = "kit") -> KitData:
    """Validate exported-kit JSON and read it back; DocumentError says what is wrong."""
    if not isinstance(data, dict):
        raise DocumentError(f"{where} must be a JSON object")
    title = _text(data.get("title"), f"{where} title", required=True).strip()
    basis = data.get("weight_basis") or "manual"
    if basis not in BASES:
        raise DocumentError(f"{where}: unknown weight_basis {basis!r}")
    raw_dims = data.get("dimensions")
    if not isinstance(raw_dims, list) or not raw_dims:
        raise DocumentError(f"{where} has no dimensions")
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
            )
        )
    total = sum(d.weight for d in dims)
    if total == 0:
        raise DocumentError(f"{where}: the weights sum to zero")
    if total != 100:
        raise DocumentError(f"{where}: the weights sum to {total}, not 100")
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
            )
        )
    return KitData(
        title=title,
        weight_basis=basis,
        sources=_texts(data.get("sources"), f"{where} sources"),
        dimensions=dims,
        exercises=exercises,
        signals=signals,
        note=_text(data.get("note"), f"{where} note")[:500],
    )
