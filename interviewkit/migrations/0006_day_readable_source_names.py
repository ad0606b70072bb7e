"""Sources imported under a generated stored file name (`004_b9a8bb61f544326a.txt`) are shown
as the role document they are, as new imports name them (interviewkit.importers.names); the
original file name of those is not known. Reversing keeps the readable names."""

from django.db import migrations

from interviewkit.importers.names import shown_document_name


def readable_names(apps, schema_editor):
    KitVersion = apps.get_model("interviewkit", "KitVersion")
    items = [apps.get_model("interviewkit", name) for name in ("Dimension", "Exercise", "Signal")]
    for kit in KitVersion.objects.select_related("role").iterator():
        title = kit.role.title
        sources = [shown_document_name(name, title) for name in kit.sources or []]
        if sources != list(kit.sources or []):
            kit.sources = sources
            kit.save(update_fields=["sources"])
        for model in items:
            for item in model.objects.filter(kit=kit).exclude(source_document=""):
                shown = shown_document_name(item.source_document, title)[:255]
                if shown != item.source_document:
                    item.source_document = shown
                    item.save(update_fields=["source_document"])


class Migration(migrations.Migration):
    dependencies = [("interviewkit", "0005_day_role_interviewer_panel")]

    operations = [migrations.RunPython(readable_names, migrations.RunPython.noop)]
