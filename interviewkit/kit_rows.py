"""Rewriting a kit version's rows (dimensions, exercises, signals) in place, for the importer
(rows matched by name) and the editor (rows matched by id) alike."""

from __future__ import annotations

from interviewkit.models import KitVersion

# Names are unique in a kit; a row being renamed steps aside under this first.
ASIDE = "\u2063renaming {pk}"


def sync_rows(model, kit: KitVersion, rows: list[tuple[int | None, dict]]) -> list:
    """Make the kit's `model` rows exactly `rows`, in order: `(pk, values)` updates that row of
    the kit, `(None, values)` (or a pk not in the kit) creates one, and the kit's other rows are
    deleted. Kept rows keep their ids, so planned interviews keep pointing at their exercise.

    Rows whose name changes first step aside under a temporary name, so that two rows may swap
    names in one write without breaking the unique name."""
    keep = [pk for pk, _ in rows if pk]
    model.objects.filter(kit=kit).exclude(pk__in=keep).delete()
    existing = {obj.pk: obj for obj in model.objects.filter(kit=kit, pk__in=keep)}
    for pk, values in rows:
        obj = existing.get(pk)
        if obj is not None and "name" in values and values["name"] != obj.name:
            obj.name = ASIDE.format(pk=obj.pk)
            obj.save(update_fields=["name"])
    saved = []
    for pk, values in rows:
        obj = existing.get(pk)
        if obj is None:
            obj = model.objects.create(kit=kit, **values)
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        saved.append(obj)
    return saved
