"""Role documents as hiring teams have them, in every format and shape, and the bad ones."""

import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviewkit.importers import DocumentError, parse_document
from interviewkit.importers.jd import anchors_from_levels
from interviewkit.importers.kitdata import origin_of
from interviewkit.importers.merge import merge
from interviewkit.importers.words import plan_minutes
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from interviewkit.services import kit_import
from tests.interviewkit import role_documents as docs


def kit_from(name: str, raw: bytes | str):
    raw = raw.encode() if isinstance(raw, str) else raw
    return merge(parse_document(name, raw))


def dims(kit) -> list[tuple[str, int]]:
    return [(d.name, d.weight) for d in kit.dimensions]


def exercises(kit) -> list[tuple[str, int, bool]]:
    return [(e.name, e.minutes, e.scored) for e in kit.exercises]


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Recruiter call (45m)", 45),
        ("Technical interview, 60 min", 60),
        ("System design (45-60 minutes)", 60),
        ("Onsite: 2–3 hours", 180),
        ("You'll finish with a 30 minute quiz", 30),
        ("A paid day working with the team", 480),
        ("Pairing, 1h30", 90),
        ("Take-home, 1.5 hours", 90),
        ("Half a day onsite", 240),
        ("An hour with the founders", 60),
        ("A chat over coffee", None),
    ],
)
def test_plan_durations_are_read_however_they_are_written(text, minutes):
    assert plan_minutes(text) == minutes


# --------------------------------------------------------------------------- shapes and formats


def test_a_markdown_job_description_becomes_a_few_competencies_not_requirement_sentences():
    kit = kit_from("backend.md", docs.BACKEND_JD_MD)
    assert kit.title == "Senior Backend Engineer"  # from the front matter
    assert 4 <= len(kit.dimensions) <= 8
    assert sum(d.weight for d in kit.dimensions) == 100
    names = [d.name for d in kit.dimensions]
    for competency in ("System design", "Coding", "Operations & reliability", "Payments"):
        assert competency in names
    assert not any("years" in n.lower() or "benefit" in n.lower() for n in names)
    # Every dimension keeps the bullets it came from, as description and provenance.
    design = next(d for d in kit.dimensions if d.name == "System design")
    assert "- Experience designing distributed systems that scale" in design.description
    assert design.source.section.startswith("What you'll do")
    assert origin_of(design) == "grouped" and design.suggested_parts == ["anchors", "questions"]
    # Required 2 : preferred 1 summed over the bullets: design 2+2, payments 2+1, coding 2.
    weights = dict(dims(kit))
    assert weights["System design"] > weights["Payments"] > weights["Coding"]
    assert "Required 2 : preferred 1" in kit.weight_note


def test_screening_lines_are_criteria_not_dimensions():
    kit = kit_from("backend.md", docs.BACKEND_JD_MD)
    assert [s.text for s in kit.screening] == [
        "5+ years of professional software engineering experience",
        "BS in Computer Science or equivalent experience",
        "Must be authorized to work in the US",
    ]


def test_the_interview_plan_gives_the_exercises_and_screens_carry_no_scorecard():
    kit = kit_from("backend.md", docs.BACKEND_JD_MD)
    assert exercises(kit) == [
        ("Recruiter screen", 30, False),
        ("Technical interview", 60, True),
        ("System design", 60, True),
        ("Team fit with the hiring manager", 45, True),
    ]  # the offer is not an interview
    assert all(origin_of(e) == "read" for e in kit.exercises)
    by_name = {e.name: e for e in kit.exercises}
    assert by_name["Recruiter screen"].dimensions == []
    assert "Coding" in by_name["Technical interview"].dimensions
    assert {"Ownership", "Communication"} <= set(
        by_name["Team fit with the hiring manager"].dimensions
    )
    assert kit.needs_review


def test_plain_text_with_capital_headings_and_bullet_glyphs():
    kit = kit_from("analyst.txt", docs.DATA_ANALYST_TXT)
    assert kit.title == "Data Analyst"
    assert {"Data & analytics", "Communication"} <= {d.name for d in kit.dimensions}
    assert [s.text for s in kit.screening] == [
        "3+ years in an analytics role",
        "Based in Chicago or able to commute to the office three days a week",
    ]
    # No plan in the document: suggested exercises, marked as such.
    assert kit.exercises and all(origin_of(e) == "suggested" for e in kit.exercises)
    assert not any("CV" in d.description for d in kit.dimensions)  # "How to apply" is ignored


def test_a_careers_page_is_read_without_its_navigation_footer_and_scripts():
    kit = kit_from("careers.html", docs.CAREERS_PAGE_HTML)
    assert kit.title == "Site Reliability Engineer"
    text = " ".join(d.description for d in kit.dimensions)
    for chrome in ("nav menu", "Accept all", "Build great systems", "analytics", "Free lunch"):
        assert chrome not in text
    assert "Kubernetes platform on AWS" in text
    assert exercises(kit) == [
        ("Résumé review", 45, False),
        ("Incident scenario", 180, True),
        ("Automation pairing", 90, True),
        ("Values chat", 45, True),
    ]
    assert [s.text for s in kit.screening] == ["Right to work in the UK"]


def test_a_word_document_with_headings_bold_lead_ins_and_numbered_steps():
    kit = kit_from("designer.docx", docs.docx_bytes())
    assert kit.title == "Product Designer"
    assert "User research & design" in [d.name for d in kit.dimensions]
    assert "Healthcare software" in [d.name for d in kit.dimensions]  # a domain area, preferred
    assert exercises(kit) == [
        ("Portfolio review", 60, True),
        ("Design exercise", 480, True),
        ("Team chat", 45, True),
    ]
    assert not any("Holidays" in d.description for d in kit.dimensions)


def test_a_pdf_job_description_is_read_from_its_text_layer():
    kit = kit_from("mle.pdf", docs.pdf_bytes())
    assert kit.title == "Machine Learning Engineer"
    assert "Data & analytics" in [d.name for d in kit.dimensions]
    assert [s.text for s in kit.screening] == ["MSc or PhD in a quantitative field"]
    spark = next(d for d in kit.dimensions if "Spark" in d.description)
    assert "Ideally, experience with Spark or dbt (preferred)" in spark.description


def test_a_competency_table_is_used_as_is_with_its_weights_and_levels():
    kit = kit_from("em.md", docs.COMPETENCY_TABLE_MD)
    assert dims(kit) == [
        ("People leadership", 30),
        ("Delivery", 25),
        ("Technical judgement", 25),
        ("Hiring", 20),
    ]
    assert kit.weight_basis == "explicit"
    assert kit.dimensions[0].anchors[4] == "Grows leaders on the team"
    assert exercises(kit) == [
        ("Hiring manager screen", 30, False),
        ("People scenario", 60, True),
        ("Delivery deep dive", 90, True),
        ("Architecture review", 60, True),
    ]
    assert kit.exercises[1].dimensions == ["People leadership", "Hiring"]
    # All read from the document: nothing to review.
    assert not kit.needs_review
    assert all(origin_of(d) == "read" for d in kit.dimensions)


def test_a_values_rubric_gives_anchors_and_no_evidence_is_not_assessed():
    kit = kit_from("values.md", docs.VALUES_RUBRIC_MD)
    assert dims(kit) == [("Empathy", 34), ("Ownership", 33), ("Clarity", 33)]
    empathy = kit.dimensions[0]
    assert empathy.anchors == {
        1: "Level 2: Dismisses the customer's feelings",
        2: "Level 3: Acknowledges feelings, then moves on",
        3: "Level 4: Reflects the customer's feelings and adapts",
        4: "Level 5: Turns upset customers into advocates",
    }
    assert "no evidence" in kit.note
    assert exercises(kit) == [
        ("Quiz on our product", 30, True),
        ("Role play with a difficult customer", 45, True),
        ("Paid day working alongside the team", 480, True),
    ]


def test_five_levels_without_no_evidence_spread_over_four_anchors():
    anchors, notes = anchors_from_levels([(f"L{i}", f"t{i}") for i in range(1, 6)])
    assert anchors == {1: "L1: t1", 2: "L2: t2", 3: "L3: t3 / L4: t4", 4: "L5: t5"}
    assert notes == ["5 document levels spread over the ratings 1–4"]


def test_seed_shaped_skill_briefs_keep_one_dimension_per_skill():
    text = (
        "# Role Research Brief: Data Platform Engineer\n\n## Technical Skills\n### Required\n"
        "- Distributed systems (Kafka, Flink)\n- Data modelling\n### Preferred\n- dbt\n"
    )
    assert dims(kit_from("brief.md", text)) == [
        ("Distributed systems", 40),
        ("Data modelling", 40),
        ("Dbt", 20),
    ]


def test_many_requirements_are_grouped_into_at_most_eight_dimensions():
    areas = ["payments", "ledgers", "fraud", "logistics", "healthcare", "insurance", "retail",
             "gaming", "telecoms", "energy", "shipping", "aviation"]  # fmt: skip
    bullets = "\n".join(f"- Experience with {area}" for area in areas)
    kit = kit_from("many.md", f"# Analyst\n\n## Requirements\n\n{bullets}\n")
    assert len(kit.dimensions) <= 8
    assert sum(d.weight for d in kit.dimensions) == 100
    assert "folded into" in kit.note
    folded = " ".join(d.description for d in kit.dimensions)
    assert all(area in folded for area in areas)  # folded, never dropped


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("scan.pdf", docs.scanned_pdf_bytes, "the PDF has no text layer on any of its 1 page(s)"),
        ("locked.pdf", docs.locked_pdf_bytes, "the PDF is password-protected"),
        ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj <<>> garbage", "a damaged PDF"),
        ("broken.docx", lambda: b"PK\x03\x04word/ not really a zip", "a damaged Word document"),
        ("locked.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
        ("photo.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "an image, not a document"),
        ("empty.md", lambda: b"   \n", "the file is empty"),
        ("front.md", lambda: b"---\ntitle: X\n---\n", "front matter and nothing else"),
        (
            "cake.md",
            lambda: b"# Chocolate cake\n\n## Ingredients\n\n- Flour\n- Eggs\n",
            "not a role document",
        ),
        ("deep.json", docs.nested_json, "nested more than 40 levels deep (line 1)"),
        ("spans.json", docs.wordpress_with_nested_spans, "nested more than 40 elements deep"),
        ("table.md", docs.huge_weight_table, "the table starting at line 3 has more than 200 rows"),
        ("huge.txt", lambda: b"# Big\n" + b"x" * (3 * 1024 * 1024), "too large (3.0 MB"),
    ],
)
def test_bad_documents_are_refused_in_one_line_saying_where(name, raw, reason):
    with pytest.raises(DocumentError) as caught:
        merge(parse_document(name, raw()))
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_worst_case_upload_is_refused_in_well_under_a_second():
    for raw in (
        docs.huge_weight_table(60_000),
        docs.nested_json(500_000),
        docs.wordpress_with_nested_spans(50_000),
    ):
        started = time.perf_counter()
        with pytest.raises(DocumentError):
            parse_document("worst", raw)
        assert time.perf_counter() - started < 0.5


def test_a_table_repeating_a_dimension_name_in_another_case_is_refused():
    text = "# Engineer\n\n| Competency | Weight |\n|---|---|\n| Design | 50 |\n| design | 50 |\n"
    with pytest.raises(DocumentError, match="row 2 “design” repeats the dimension “Design”"):
        parse_document("dup.md", text.encode())


def test_a_table_with_more_dimensions_than_a_kit_holds_is_refused():
    rows = "".join(f"| Skill {i} | 5 |\n" for i in range(20))
    text = f"# Engineer\n\n| Competency | Weight |\n|---|---|\n{rows}"
    with pytest.raises(DocumentError, match="20 dimensions; a kit holds at most 12"):
        parse_document("wide.md", text.encode())


# --------------------------------------------------------------------------- saving


@pytest.mark.django_db
def test_an_import_that_derived_anything_is_a_draft_with_origins_and_screening():
    [result] = kit_import(documents=[("backend.md", docs.BACKEND_JD_MD.encode())])
    kit = result.kit
    assert kit.status == KitVersion.Status.DRAFT
    assert [s["text"] for s in kit.screening][0].startswith("5+ years")
    assert "Required 2 : preferred 1" in kit.weight_note
    assert set(kit.dimensions.values_list("origin", flat=True)) == {"grouped"}
    assert not kit.exercises.get(name="Recruiter screen").scored
    assert set(kit.signals.values_list("origin", flat=True)) == {"suggested"}


@pytest.mark.django_db
def test_a_document_read_whole_is_confirmed_and_importing_it_twice_changes_nothing():
    documents = [("em.md", docs.COMPETENCY_TABLE_MD.encode())]
    [first] = kit_import(documents=documents)
    assert first.kit.status == KitVersion.Status.CONFIRMED
    counts = [m.objects.count() for m in (Role, KitVersion, Dimension, Exercise, Signal)]
    [again] = kit_import(documents=documents)
    assert again.status == "unchanged"
    assert [m.objects.count() for m in (Role, KitVersion, Dimension, Exercise, Signal)] == counts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("backend.md", lambda: docs.BACKEND_JD_MD.encode()),
        ("analyst.txt", lambda: docs.DATA_ANALYST_TXT.encode()),
        ("careers.html", lambda: docs.CAREERS_PAGE_HTML.encode()),
        ("designer.docx", docs.docx_bytes),
        ("mle.pdf", docs.pdf_bytes),
        ("values.md", lambda: docs.VALUES_RUBRIC_MD.encode()),
    ],
)
def test_every_format_imports_once_and_then_is_unchanged(name, build):
    raw = build()
    [first] = kit_import(documents=[(name, raw)])
    assert first.ok, first.error
    [again] = kit_import(documents=[(name, raw)])
    assert again.status == "unchanged"


@pytest.mark.django_db
def test_a_look_alike_title_is_refused_naming_the_role_it_imitates():
    kit_import(documents=[("em.md", docs.COMPETENCY_TABLE_MD.encode())])
    imitation = docs.COMPETENCY_TABLE_MD.replace("# Engineering Manager", "# Engineering Mаnager")
    [result] = kit_import(documents=[("fake.md", imitation.encode())])
    assert not result.ok
    assert "looks like the role “Engineering Manager”" in result.error
    assert "U+0430 CYRILLIC SMALL LETTER A" in result.error
    assert Role.objects.count() == 1


@pytest.mark.django_db
def test_full_width_letters_are_the_same_role_after_nfkc():
    kit_import(documents=[("em.md", docs.COMPETENCY_TABLE_MD.encode())])
    wide = docs.COMPETENCY_TABLE_MD.replace("# Engineering Manager", "# Ｅngineering Manager")
    [result] = kit_import(documents=[("wide.md", wide.encode())])
    assert result.ok and result.role == "Engineering Manager"


def _kit_json(weights: list[int], names: list[str]) -> str:
    return json.dumps(
        {
            "title": "Repaired Role",
            "weight_basis": "manual",
            "dimensions": [{"name": n, "weight": w} for n, w in zip(names, weights, strict=True)],
        }
    )


@pytest.mark.django_db
def test_kit_json_with_weights_off_100_is_refused_unless_asked_to_rescale(tmp_path):
    path = tmp_path / "kit.json"
    path.write_text(_kit_json([30, 30, 30], ["A", "B", "C"]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_kits", str(path), stdout=StringIO(), stderr=err)
    assert "the weights sum to 90, not 100" in err.getvalue()
    assert not Role.objects.exists()
    out = StringIO()
    call_command("import_kits", str(path), "--rescale-weights", stdout=out)
    assert "changed: kit: weights rescaled from a sum of 90 to 100: A 30→34, B 30→33, C 30→33" in (
        out.getvalue()
    )
    kit = Role.objects.get().current_kit()
    assert [d.weight for d in kit.dimensions.all()] == [34, 33, 33]
    assert "rescaled" in kit.note and kit.status == KitVersion.Status.DRAFT


@pytest.mark.django_db
def test_kit_json_repeating_a_name_in_another_case_is_refused_unless_asked_to_rename(tmp_path):
    path = tmp_path / "kit.json"
    path.write_text(_kit_json([50, 50], ["Design", "design"]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_kits", str(path), stdout=StringIO(), stderr=err)
    assert "dimension 2: “design” repeats the dimension “Design”" in err.getvalue()
    out = StringIO()
    call_command("import_kits", str(path), "--rename-duplicates", stdout=out)
    assert "dimension 2 “design” renamed “design (2)”" in out.getvalue()
    names = list(Role.objects.get().current_kit().dimensions.values_list("name", flat=True))
    assert names == ["Design", "design (2)"]
