"""Source documents are shown by their file name, or as the role document they are when they
were stored under a generated name; the migration renames what was imported before."""

from importlib import import_module

import pytest
from django.apps import apps

from interviewkit.importers.names import shown_document_name
from interviewkit.models import KitVersion

pytestmark = pytest.mark.django_db

migration = import_module("interviewkit.migrations.0006_day_readable_source_names")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("004_b9a8bb61f544326a.txt", "Staff Engineer role document (file 004)"),
        ("brief.md", "brief.md"),
        ("2024_report.docx", "2024_report.docx"),
        ("Staff engineer 004_b9a8bb61f544326a.txt", "Staff engineer 004_b9a8bb61f544326a.txt"),
    ],
)
def test_only_a_generated_stored_name_is_replaced(name, shown):
    assert shown_document_name(name, "Staff Engineer") == shown


def test_the_migration_renames_stored_names_and_keeps_real_ones(kit):
    kit.sources = ["004_b9a8bb61f544326a.txt", "brief.md"]
    kit.save()
    kit.dimensions.update(source_document="004_b9a8bb61f544326a.txt")
    kit.exercises.update(source_document="brief.md")
    migration.readable_names(apps, None)
    kit = KitVersion.objects.get(pk=kit.pk)
    label = f"{kit.role.title} role document (file 004)"
    assert kit.sources == [label, "brief.md"]
    assert set(kit.dimensions.values_list("source_document", flat=True)) == {label}
    assert set(kit.exercises.values_list("source_document", flat=True)) == {"brief.md"}
