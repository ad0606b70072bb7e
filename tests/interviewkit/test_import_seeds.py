"""Importing the real seeds, and the round trip through export_kit."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from interviewkit.services import kit_import, read_paths

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    results = kit_import(documents=read_paths([SEEDS]))
    assert all(r.ok for r in results), [str(r) for r in results]
    return results


def test_the_five_seeds_give_four_kits(seeded):
    assert sorted(Role.objects.values_list("title", flat=True)) == [
        "AI Infrastructure ML Platform Engineer",
        "AI Infrastructure Team Lead",
        "Principal AI Infrastructure Engineer",
        "Staff AI Platform Engineer",
    ]
    assert KitVersion.objects.count() == 4
    for kit in KitVersion.objects.all():
        assert kit.total_weight() == 100, kit


def test_the_staff_kit_is_the_blueprint_s_scorecard(seeded):
    kit = Role.objects.get(title="Staff AI Platform Engineer").current_kit()
    assert kit.weight_basis == "explicit"
    assert [d.weight for d in kit.dimensions.all()] == [20, 15, 10, 10, 15, 10, 10, 10]
    assert [e.minutes for e in kit.exercises.all()] == [90, 45, 60, 45]
    assert not kit.exercises.filter(suggested=True).exists()
    assert Counter(kit.signals.values_list("kind", flat=True)) == {"strong": 6, "weak": 5, "red": 5}
    for item in [*kit.dimensions.all(), *kit.exercises.all(), *kit.signals.all()]:
        # The seed's stored name (004_b9a8bb61f544326a.txt) tells a reader nothing.
        assert item.source_document == "Staff AI Platform Engineer role document (file 004)"
        assert item.source_section.startswith("19) Hiring Evaluation Criteria › ")


def test_the_staff_kit_s_probes_sit_on_the_dimensions_they_concern(seeded):
    kit = Role.objects.get(title="Staff AI Platform Engineer").current_kit()
    questions = {d.name: d.questions for d in kit.dimensions.all()}
    assert questions["Platform architecture"][0].startswith(
        "Can the candidate design an end-to-end"
    )
    assert questions["Kubernetes & cloud"][0].startswith("Kubernetes and cloud mastery: GPU")
    assert questions["Serving & performance"][0].startswith("Model serving engineering:")
    assert questions["Observability & SRE"][0].startswith("Operational excellence:")
    assert questions["Security & compliance"][0].startswith("Security and governance mindset:")
    assert questions["DX & adoption"][0].startswith("Developer experience and adoption")
    assert questions["Leadership behaviors"][0].startswith("Influence and leadership:")


def test_the_team_lead_kit_merges_its_two_documents(seeded):
    kit = Role.objects.get(title="AI Infrastructure Team Lead").current_kit()
    assert kit.sources == [
        "AI Infrastructure Team Lead role document (file 000)",
        "AI Infrastructure Team Lead role document (file 001)",
    ]
    # The posting analysis's frequency table outranks the brief's required/preferred lists.
    assert kit.weight_basis == "frequency"
    assert kit.dimensions.count() == 8
    # Suggested exercises quote both documents.
    briefs = " ".join(kit.exercises.values_list("brief", flat=True))
    assert "Lead day-to-day operations" in briefs  # from the brief
    lead = "AI Infrastructure Team Lead role document (file 001)"
    assert kit.signals.filter(source_document=lead).count() == 5


def test_roles_without_named_exercises_get_a_suggested_loop(seeded):
    for title in ("AI Infrastructure Team Lead", "Principal AI Infrastructure Engineer"):
        kit = Role.objects.get(title=title).current_kit()
        exercises = list(kit.exercises.all())
        assert exercises and all(e.suggested for e in exercises)
        assert {e.format for e in exercises} == {
            "system-design",
            "incident",
            "hands-on",
            "behavioral",
        }
        focused = set(
            Exercise.focus.through.objects.filter(exercise__kit=kit).values_list(
                "dimension", flat=True
            )
        )
        assert focused == set(kit.dimensions.values_list("pk", flat=True))


def test_the_ml_platform_kit_weighs_required_skills_twice_the_preferred(seeded):
    kit = Role.objects.get(title="AI Infrastructure ML Platform Engineer").current_kit()
    assert kit.weight_basis == "required-preferred"
    # 7 required + 5 preferred = 19 units → 10.53 and 5.26 each.
    assert [d.weight for d in kit.dimensions.all()] == [11, 11, 11, 11, 11, 10, 10, 5, 5, 5, 5, 5]


def test_importing_twice_creates_nothing_new(seeded):
    counts = [m.objects.count() for m in (Role, KitVersion, Dimension, Exercise, Signal)]
    ids = list(Dimension.objects.values_list("pk", flat=True))
    again = kit_import(documents=read_paths([SEEDS]))
    assert {r.status for r in again} == {"unchanged"}
    assert [m.objects.count() for m in (Role, KitVersion, Dimension, Exercise, Signal)] == counts
    assert list(Dimension.objects.values_list("pk", flat=True)) == ids


def test_the_export_imports_back_as_the_same_kit(seeded, tmp_path):
    out = StringIO()
    call_command("export_kit", "staff-ai-platform-engineer", stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["version"] == 1
    assert exported["dimensions"][0]["source"] == {
        "document": "Staff AI Platform Engineer role document (file 004)",
        "section": "19) Hiring Evaluation Criteria › Scorecard dimensions (example)",
    }
    # Into an empty database: the same kit comes back.
    Role.objects.all().delete()
    path = tmp_path / "staff.json"
    path.write_text(out.getvalue())
    call_command("import_kits", str(path), stdout=StringIO())
    again = StringIO()
    call_command("export_kit", "staff-ai-platform-engineer", stdout=again)
    assert json.loads(again.getvalue()) == exported


def test_export_all_lists_every_kit_and_imports_back_unchanged(seeded, tmp_path):
    out = StringIO()
    call_command("export_kit", "--all", stdout=out)
    kits = json.loads(out.getvalue())
    assert [k["title"] for k in kits] == sorted(k["title"] for k in kits)
    assert len(kits) == 4
    path = tmp_path / "all.json"
    path.write_text(out.getvalue())
    results = kit_import(documents=read_paths([path]))
    assert [r.status for r in results] == ["unchanged"] * 4
    assert KitVersion.objects.count() == 4
