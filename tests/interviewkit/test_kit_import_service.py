"""kit_import and kit_version_save: versioning, atomicity, and the command's errors."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewkit.models import AuditEvent, Dimension, KitVersion, Role
from interviewkit.services import kit_import, kit_version_save
from tests.factories import InterviewFactory, ScorecardFactory
from tests.interviewkit import kit_fixtures

pytestmark = pytest.mark.django_db


def import_texts(**texts: str):
    return kit_import(documents=[(name, text.encode()) for name, text in texts.items()])


def test_a_new_role_gets_version_1_with_an_audit_event():
    [result] = import_texts(**{"search.md": kit_fixtures.postings()})
    assert (result.status, result.role, result.kit.number) == (
        "created",
        "Search Relevance Lead",
        1,
    )
    assert str(result) == "search.md: Search Relevance Lead v1 created"
    event = AuditEvent.objects.get(action="kit.import")
    assert event.role == result.kit.role
    assert event.detail == {"status": "created", "sources": ["search.md"]}


def test_changed_documents_update_an_unused_kit_in_place():
    [first] = import_texts(**{"search.md": kit_fixtures.postings()})
    exercise = first.kit.exercises.get()  # the fallback "Structured interview"
    interview = InterviewFactory(exercise=exercise, candidate__role=first.kit.role)
    rows = [
        ("Ranking models", "14", "80%", "Core", "LTR"),
        ("Query understanding", "9", "20%", "Core", ""),
    ]
    [second] = import_texts(**{"search.md": kit_fixtures.postings(rows=rows)})
    assert second.status == "updated"
    assert second.kit.pk == first.kit.pk
    assert KitVersion.objects.count() == 1
    assert list(second.kit.dimensions.values_list("name", "weight")) == [
        ("Ranking models", 80),
        ("Query understanding", 20),
    ]
    # A planned interview keeps its exercise: kept items are updated, not recreated.
    interview.refresh_from_db()
    assert interview.exercise == exercise


def test_changed_documents_make_a_new_version_once_the_kit_was_used():
    [first] = import_texts(**{"search.md": kit_fixtures.postings()})
    ScorecardFactory(interview__candidate__role=first.kit.role, kit=first.kit)
    used_weights = list(first.kit.dimensions.values_list("weight", flat=True))
    rows = [
        ("Ranking models", "14", "80%", "Core", "LTR"),
        ("Query understanding", "9", "20%", "Core", ""),
    ]
    [second] = import_texts(**{"search.md": kit_fixtures.postings(rows=rows)})
    assert (second.status, second.kit.number) == ("new version", 2)
    assert list(first.kit.dimensions.values_list("weight", flat=True)) == used_weights
    assert first.kit.role.current_kit() == second.kit


def test_the_same_documents_again_change_nothing_even_on_a_used_kit():
    [first] = import_texts(**{"search.md": kit_fixtures.postings()})
    ScorecardFactory(interview__candidate__role=first.kit.role, kit=first.kit)
    [again] = import_texts(**{"search.md": kit_fixtures.postings()})
    assert again.status == "unchanged"
    assert KitVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="kit.import").count() == 1


def test_documents_of_the_same_role_merge_whatever_their_title_s_case():
    results = import_texts(
        **{
            "brief.md": kit_fixtures.brief("search relevance lead"),
            "postings.md": kit_fixtures.postings("Search Relevance Lead"),
        }
    )
    assert [r.status for r in results] == ["created", "created"]
    assert results[0].kit == results[1].kit
    assert results[0].kit.sources == ["brief.md", "postings.md"]
    assert Role.objects.count() == 1


def test_a_bad_document_fails_alone_and_the_others_import():
    results = import_texts(
        **{
            "good.md": kit_fixtures.postings(),
            "bad.md": "# Notes\n\nnothing here\n",
            "other.md": kit_fixtures.brief(),
        }
    )
    assert [r.ok for r in results] == [True, False, True]
    assert str(results[1]).startswith("bad.md: error: not a role document")
    assert Role.objects.count() == 2


def test_a_role_whose_documents_fail_together_leaves_nothing_behind(monkeypatch):
    import interviewkit.services as services

    def explode(**kwargs):
        Role.objects.filter(title="Search Relevance Lead").update(title="half-written")
        raise services.DocumentError("the database refused it")

    monkeypatch.setattr(services, "kit_version_save", explode)
    [result] = import_texts(**{"search.md": kit_fixtures.postings()})
    assert result.error == "the database refused it"
    assert not Role.objects.exists()


def test_kit_version_save_accepts_the_json_shape_and_validates_it(role):
    data = {
        "title": role.title,
        "weight_basis": "manual",
        "dimensions": [{"name": "Only", "weight": 100, "source": None}],
        "exercises": [
            {"name": "Chat", "format": "behavioral", "minutes": 30, "dimensions": ["Only"]}
        ],
        "signals": [{"kind": "red", "text": "Rude", "dimension": "Only", "source": None}],
    }
    saved = kit_version_save(role=role, data=data)
    # The role fixture's kit has no scorecard: updated in place.
    assert saved.status == "updated"
    assert list(saved.kit.dimensions.values_list("name", "weight", "source_document")) == [
        ("Only", 100, "")
    ]
    assert saved.kit.dimensions.get().source_label == "Written in the app"
    data["dimensions"][0]["weight"] = 90
    from interviewkit.importers import DocumentError

    with pytest.raises(DocumentError, match="the weights sum to 90, not 100"):
        kit_version_save(role=role, data=data)
    assert Dimension.objects.filter(kit=saved.kit).count() == 1


def test_the_command_prints_one_line_per_file_and_fails_if_any_file_failed(tmp_path):
    (tmp_path / "good.md").write_text(kit_fixtures.postings())
    (tmp_path / "latin1.md").write_bytes("# Brief: Café".encode("latin-1"))
    (tmp_path / "zero.md").write_text(kit_fixtures.postings(rows=[("A", "1", "0%", "x", "y")]))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 of 3 documents failed"):
        call_command("import_kits", str(tmp_path), stdout=out, stderr=err)
    assert out.getvalue() == "good.md: Search Relevance Lead v1 created\n"
    assert err.getvalue().splitlines() == [
        "latin1.md: error: not UTF-8 text (byte 0xe9 at offset 12)",
        "zero.md: error: the weights sum to zero",
    ]


def test_the_command_names_a_missing_path(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 documents failed"):
        call_command("import_kits", str(tmp_path / "nope.md"), stdout=StringIO(), stderr=err)
    assert err.getvalue() == "nope.md: error: cannot read it (no such file or folder)\n"


def test_export_kit_needs_a_known_slug(role):
    with pytest.raises(CommandError, match="no role with slug 'nope'"):
        call_command("export_kit", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="either a role's SLUG or --all"):
        call_command("export_kit", stdout=StringIO())


def test_export_kit_is_audited(role):
    call_command("export_kit", role.slug, stdout=StringIO())
    assert AuditEvent.objects.get(action="export.kit_json").role == role


def test_an_exported_kit_with_bad_weights_is_refused(tmp_path):
    (tmp_path / "kit.json").write_text(
        '{"title": "X", "weight_basis": "manual", "dimensions": [{"name": "A", "weight": 0}]}'
    )
    [result] = kit_import(documents=[("kit.json", (tmp_path / "kit.json").read_bytes())])
    assert result.error == "kit: the weights sum to zero"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.sampled_from(
            [
                "# Brief: Fuzz Engineer\n",
                "## Required\n",
                "## Preferred\n",
                "- **Same**: item\n",
                "- same: item again\n",
                "- \n",
                "## Red flags\n",
                "## Exercises\n",
                "- Case (0 minutes): zero\n",
                "- Case (900 minutes): long\n",
                "| Skill | % of Postings |\n|---|---|\n| A | 10% |\n| a | 5% |\n",
            ]
        ),
        max_size=20,
    )
)
def test_importing_any_document_gives_a_kit_or_a_one_line_error(pieces):
    [result] = kit_import(documents=[("fuzz.md", "".join(pieces).encode())])
    if result.ok:
        assert result.kit.total_weight() == 100
    else:
        assert result.error and "\n" not in result.error
