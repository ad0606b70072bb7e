"""Writes of the kit domain: importing documents and saving a kit version.

A kit version used by a scorecard never changes: saving different content for its role makes a
new version. An unused version is updated in place, and identical content changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from interviewkit import kit_json, weights
from interviewkit.audit import events as audit
from interviewkit.importers import DocumentError, jd, library, parse_document, titles
from interviewkit.importers.kitdata import DimensionData, KitData, ParsedDocument, Source
from interviewkit.importers.merge import merge
from interviewkit.importers.words import name_key, title_key
from interviewkit.kit_rows import sync_rows
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal

CREATED = "created"
UPDATED = "updated"
NEW_VERSION = "new version"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass
class KitSaveResult:
    kit: KitVersion
    status: str  # CREATED | UPDATED | NEW_VERSION | UNCHANGED


@dataclass
class ImportResult:
    """What happened to one document: which kit it went into, or why it failed."""

    document: str
    status: str
    role: str = ""
    kit: KitVersion | None = None
    error: str = ""
    # What an explicit repair (`--rescale-weights`, `--rename-duplicates`) changed.
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    def __str__(self) -> str:
        if not self.ok:
            return f"{self.document}: error: {self.error}"
        return f"{self.document}: {self.role} v{self.kit.number if self.kit else '?'} {self.status}"


def _content_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _validate(data: KitData) -> None:
    total = sum(d.weight for d in data.dimensions)
    if not data.dimensions:
        raise DocumentError("the kit has no dimensions")
    if total != 100:
        raise DocumentError(f"the weights sum to {total}, not 100")
    names = [name_key(d.name) for d in data.dimensions]
    if len(set(names)) != len(names):
        raise DocumentError("two dimensions have the same name (compared without case)")
    exercise_names = [e.name for e in data.exercises]
    if len(set(exercise_names)) != len(exercise_names):
        raise DocumentError("two exercises have the same name")


@transaction.atomic
def kit_version_save(
    *, role: Role, data: KitData | dict, by: AbstractBaseUser | None = None
) -> KitSaveResult:
    """Save `data` as the role's current kit.

    Identical content → no change. The current version already used by a scorecard → a new
    version. Otherwise the current version is rewritten in place. `data` may be the exported
    JSON shape (a dict) or a `KitData`; DocumentError says what is wrong with it.
    """
    if isinstance(data, dict):
        data = kit_json.kit_from_dict(data)
    _validate(data)
    content = kit_json.content_of(kit_json.kit_data_to_dict(data))
    current = KitVersion.objects.select_for_update().filter(role=role).order_by("-number").first()
    if current is not None and kit_json.content_of(kit_json.kit_to_dict(current)) == content:
        return KitSaveResult(current, UNCHANGED)
    # What the importer derived or suggested is reviewed by a hiring manager before use.
    review = KitVersion.Status.DRAFT if data.needs_review else KitVersion.Status.CONFIRMED
    fields = {
        "weight_basis": data.weight_basis,
        "sources": list(data.sources),
        "source_hash": _content_hash(content),
        "note": data.note,
        "weight_note": data.weight_note,
        "screening": [kit_json.screening_to_json(item) for item in data.screening],
        "status": review,
        "confirmed_at": None,
        "confirmed_by": None,
    }
    if current is None or current.is_used():
        kit = KitVersion.objects.create(
            role=role, number=(current.number + 1) if current else 1, created_by=by, **fields
        )
        status = CREATED if current is None else NEW_VERSION
    else:
        kit = current
        for name, value in fields.items():
            setattr(kit, name, value)
        kit.save(update_fields=list(fields))
        status = UPDATED
    _write_items(kit, data)
    return KitSaveResult(kit, status)


def _provenance(item) -> dict:
    source = item.source
    return {
        "source_document": source.document[:255],
        "source_section": source.section[:500],
        "suggested": source.suggested,
        "origin": kit_json.item_origin(item),
    }


def _upsert(model, kit: KitVersion, rows: list[dict]) -> list:
    """The kit's `model` rows made to match the imported `rows`, matched by name."""
    pk_by_name = dict(model.objects.filter(kit=kit).values_list("name", "pk"))
    return sync_rows(model, kit, [(pk_by_name.get(row["name"]), row) for row in rows])


def _signal_rows(kit: KitVersion, rows: list[dict]) -> list[tuple[int | None, dict]]:
    """Imported signals matched to the kit's by kind and text, so that a signal an open
    scorecard page (or a draft's observed signal) refers to keeps its id."""
    free: dict[tuple[str, str], list[int]] = {}
    for pk, kind, text in (
        Signal.objects.filter(kit=kit).order_by("position", "pk").values_list("pk", "kind", "text")
    ):
        free.setdefault((kind, text), []).append(pk)
    matched = []
    for row in rows:
        pks = free.get((row["kind"], row["text"]))
        matched.append((pks.pop(0) if pks else None, row))
    return matched


def _write_items(kit: KitVersion, data: KitData) -> None:
    dims = _upsert(
        Dimension,
        kit,
        [
            {
                "position": i,
                "name": d.name,
                "description": d.description,
                "weight": d.weight,
                "anchor_1": d.anchors.get(1, ""),
                "anchor_2": d.anchors.get(2, ""),
                "anchor_3": d.anchors.get(3, ""),
                "anchor_4": d.anchors.get(4, ""),
                "questions": list(d.questions),
                "suggested_parts": list(d.suggested_parts),
                **_provenance(d),
            }
            for i, d in enumerate(data.dimensions)
        ],
    )
    by_name = {d.name: d for d in dims}
    exercises = _upsert(
        Exercise,
        kit,
        [
            {
                "position": i,
                "name": e.name,
                "format": e.format,
                "minutes": e.minutes,
                "brief": e.brief,
                "questions": list(e.questions),
                "scored": e.scored,
                **_provenance(e),
            }
            for i, e in enumerate(data.exercises)
        ],
    )
    for exercise, e in zip(exercises, data.exercises, strict=True):
        exercise.focus.set([by_name[name] for name in e.dimensions if name in by_name])
    rows = [
        {
            "position": i,
            "kind": s.kind,
            "text": s.text,
            "dimension": by_name.get(s.dimension) if s.dimension else None,
            **_provenance(s),
        }
        for i, s in enumerate(data.signals)
    ]
    sync_rows(Signal, kit, _signal_rows(kit, rows))


def role_for_title(title: str) -> Role:
    """The role with this title (matched loosely), created if there is none.

    A title that only looks like an existing role's (look-alike letters of another script) is
    refused, naming the role it imitates."""
    title = titles.normalise(title)
    key = title_key(title)
    roles = list(Role.objects.all())
    for role in roles:
        if title_key(role.title) == key:
            return role
    imitated = titles.imitated_role(
        title, [r.title for r in roles], lambda a, b: title_key(a) == title_key(b)
    )
    if imitated is not None:
        letters = ", ".join(titles.foreign_letters(title, imitated)) or "other characters"
        raise DocumentError(
            f"the title “{title}” looks like the role “{imitated}” but is written with other "
            f"characters ({letters}); use that role's own title"
        )
    slug = slugify(title)[:200] or "role"
    base, n = slug, 2
    while Role.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return Role.objects.create(title=title[:200], slug=slug)


def read_paths(
    paths: Iterable[str | Path], errors: list[str] | None = None
) -> list[tuple[str, bytes]]:
    """Files and the files inside folders (sorted, hidden ones skipped) as (name, bytes).

    A path that is missing or unreadable adds a one-line message to `errors` (raises if None).
    """
    documents = []
    for path in map(Path, paths):
        try:
            files = (
                sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
                if path.is_dir()
                else [path]
            )
            for file in files:
                documents.append((file.name, file.read_bytes()))
        except OSError as exc:
            if errors is None:
                raise
            reason = (
                "no such file or folder" if isinstance(exc, FileNotFoundError) else exc.strerror
            )
            errors.append(f"{path.name or path}: error: cannot read it ({reason})")
    return documents


def kit_import(
    *,
    documents: Iterable[tuple[str, bytes]],
    by: AbstractBaseUser | None = None,
    repairs: kit_json.Repairs | None = None,
) -> list[ImportResult]:
    """Import documents given as (file name, raw bytes); one result per document and kit, in order
    (an exported `--all` list gives one result per kit it holds).

    Documents naming the same role merge into one kit. A document that cannot be read fails
    alone; the documents of one role are saved together or not at all (one transaction per role).
    `by`, when given, becomes the hiring manager of each role the import creates.
    """
    results: dict[int, list[ImportResult]] = {}
    groups: dict[str, list[tuple[int, ParsedDocument]]] = {}
    documents = list(documents)
    changes: dict[int, list[str]] = {}
    for index, (name, raw) in enumerate(documents):
        results[index] = []
        document_repairs = replace(repairs, changes=[]) if repairs else None
        try:
            parsed = parse_document(name, raw, document_repairs)
            changes[index] = document_repairs.changes if document_repairs else []
        except DocumentError as exc:
            results[index].append(ImportResult(document=name, status=FAILED, error=str(exc)))
            continue
        for doc in parsed:
            # Exported kits carry their own final content: each one is its own group.
            key = title_key(doc.title) if doc.complete is None else f"{index}:{doc.title}"
            groups.setdefault(key, []).append((index, doc))
    for group in groups.values():
        indexes = sorted({i for i, _ in group})
        docs = [doc for _, doc in group]
        try:
            data = merge(docs)
            with transaction.atomic():
                role = role_for_title(data.title)
                saved = kit_version_save(role=role, data=data, by=by)
                if saved.status == CREATED and by is not None:
                    # A new role: the person who started it manages it.
                    role.hiring_managers.add(by)
                if saved.status != UNCHANGED:
                    audit.record(
                        by,
                        "kit.import",
                        saved.kit,
                        detail={"status": saved.status, "sources": [d.name for d in docs]},
                    )
        except (DocumentError, IntegrityError) as exc:
            if isinstance(exc, IntegrityError):
                exc = DocumentError(f"the kit could not be saved ({exc})")
            names = ", ".join(doc.name for doc in docs)
            for i in indexes:
                reason = str(exc) if len(indexes) == 1 else f"{exc} (with {names})"
                results[i].append(
                    ImportResult(document=documents[i][0], status=FAILED, error=reason)
                )
            continue
        for i in indexes:
            results[i].append(
                ImportResult(
                    document=documents[i][0],
                    status=saved.status,
                    role=role.title,
                    kit=saved.kit,
                    changes=changes.get(i, []),
                )
            )
    return [result for i in range(len(documents)) for result in results[i]]


@transaction.atomic
def kit_confirm(*, kit: KitVersion, by: AbstractBaseUser) -> KitVersion:
    """A hiring manager has reviewed the draft: interviews may now be planned on it. Only the
    role's current version can be confirmed, and only when its weights sum to 100."""
    kit = KitVersion.objects.select_for_update().get(pk=kit.pk)
    if kit.status == KitVersion.Status.CONFIRMED:
        return kit
    if kit.role.current_kit() != kit:
        raise DocumentError(f"v{kit.number} is not the role's current version")
    if not kit.dimensions.exists():
        raise DocumentError("the kit has no dimensions yet: add at least one before confirming")
    total = kit.total_weight()
    if total != 100:
        raise DocumentError(f"the weights sum to {total}, not 100")
    kit.status = KitVersion.Status.CONFIRMED
    kit.confirmed_at = timezone.now()
    kit.confirmed_by = by
    kit.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    audit.record(by, "kit.confirm", kit, detail={"version": kit.number})
    return kit


@transaction.atomic
def role_start(*, title: str, competencies: list[str], by: AbstractBaseUser | None) -> KitVersion:
    """A new role with a draft kit: empty, or the chosen library competencies (equal weights,
    their anchors, questions and signals, all marked suggested)."""
    title = titles.normalise(title)
    if not title:
        raise DocumentError("give the role a title")
    key = title_key(title)
    existing = next((r for r in Role.objects.all() if title_key(r.title) == key), None)
    if existing is not None:
        raise DocumentError(f"a role called “{existing.title}” already exists")
    unknown = [k for k in competencies if k not in library.BY_KEY]
    if unknown:
        raise DocumentError(f"no competency {unknown[0]!r} in the library")
    chosen = [library.BY_KEY[k] for k in dict.fromkeys(competencies)]
    # Refuses a title that imitates an existing role's with look-alike letters, as imports do.
    role = role_for_title(title)
    if by is not None:
        role.hiring_managers.add(by)
    kit = KitVersion.objects.create(
        role=role,
        number=1,
        weight_basis=KitVersion.WeightBasis.MANUAL,
        status=KitVersion.Status.DRAFT,
        weight_note="Equal weights for the competencies picked from the library; set them by hand."
        if chosen
        else "Set by hand in the kit editor.",
        note="Started from the competency library." if chosen else "Started from nothing.",
        created_by=by,
    )
    if chosen:
        data = KitData(title=title, weight_basis=KitVersion.WeightBasis.MANUAL)
        data.dimensions = [
            DimensionData(
                name=c.name,
                description=c.description,
                anchors=dict(c.anchors),
                questions=list(c.questions),
                source=Source.suggestion(),
                origin="suggested",
            )
            for c in chosen
        ]
        for dim, weight in zip(
            data.dimensions, weights.largest_remainder([1] * len(chosen)), strict=True
        ):
            dim.weight = weight
        data.signals = jd.suggested_signals("", data.dimensions)
        data.exercises = jd.suggested_exercises("", data.dimensions)
        _write_items(kit, data)
    audit.record(by, "kit.start", kit, detail={"competencies": [c.key for c in chosen]})
    return kit
