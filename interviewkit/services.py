"""Writes of the kit domain: importing documents and saving a kit version.

A kit version used by a scorecard never changes: saving different content for its role makes a
new version. An unused version is updated in place, and identical content changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from interviewkit import kit_json
from interviewkit.audit import events as audit
from interviewkit.importers import DocumentError, parse_document
from interviewkit.importers.kitdata import KitData, ParsedDocument
from interviewkit.importers.merge import merge
from interviewkit.importers.words import title_key
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
    names = [d.name for d in data.dimensions]
    if len(set(names)) != len(names):
        raise DocumentError("two dimensions have the same name")
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
    if current is None or current.is_used():
        kit = KitVersion.objects.create(
            role=role,
            number=(current.number + 1) if current else 1,
            weight_basis=data.weight_basis,
            sources=list(data.sources),
            source_hash=_content_hash(content),
            note=data.note,
            created_by=by,
        )
        status = CREATED if current is None else NEW_VERSION
    else:
        kit = current
        kit.weight_basis = data.weight_basis
        kit.sources = list(data.sources)
        kit.source_hash = _content_hash(content)
        kit.note = data.note
        kit.save(update_fields=["weight_basis", "sources", "source_hash", "note"])
        status = UPDATED
    _write_items(kit, data)
    return KitSaveResult(kit, status)


def _provenance(source) -> dict:
    return {
        "source_document": source.document[:255],
        "source_section": source.section[:500],
        "suggested": source.suggested,
    }


def _upsert(model, kit: KitVersion, rows: list[dict]) -> list:
    """The kit's `model` rows made to match the imported `rows`, matched by name."""
    pk_by_name = dict(model.objects.filter(kit=kit).values_list("name", "pk"))
    return sync_rows(model, kit, [(pk_by_name.get(row["name"]), row) for row in rows])


def _write_items(kit: KitVersion, data: KitData) -> None:
    kit.signals.all().delete()
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
                **_provenance(d.source),
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
                **_provenance(e.source),
            }
            for i, e in enumerate(data.exercises)
        ],
    )
    for exercise, e in zip(exercises, data.exercises, strict=True):
        exercise.focus.set([by_name[name] for name in e.dimensions if name in by_name])
    Signal.objects.bulk_create(
        Signal(
            kit=kit,
            position=i,
            kind=s.kind,
            text=s.text,
            dimension=by_name.get(s.dimension) if s.dimension else None,
            **_provenance(s.source),
        )
        for i, s in enumerate(data.signals)
    )


def role_for_title(title: str) -> Role:
    """The role with this title (matched loosely), created if there is none."""
    key = title_key(title)
    for role in Role.objects.all():
        if title_key(role.title) == key:
            return role
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
    *, documents: Iterable[tuple[str, bytes]], by: AbstractBaseUser | None = None
) -> list[ImportResult]:
    """Import documents given as (file name, raw bytes); one result per document and kit, in order
    (an exported `--all` list gives one result per kit it holds).

    Documents naming the same role merge into one kit. A document that cannot be read fails
    alone; the documents of one role are saved together or not at all (one transaction per role).
    """
    results: dict[int, list[ImportResult]] = {}
    groups: dict[str, list[tuple[int, ParsedDocument]]] = {}
    documents = list(documents)
    for index, (name, raw) in enumerate(documents):
        results[index] = []
        try:
            parsed = parse_document(name, raw)
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
                    document=documents[i][0], status=saved.status, role=role.title, kit=saved.kit
                )
            )
    return [result for i in range(len(documents)) for result in results[i]]
