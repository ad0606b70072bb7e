"""Each document shape, read from documents the tests write (not the seeds)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewkit.importers import DocumentError, parse_document
from interviewkit.importers.merge import merge
from interviewkit.importers.words import role_title
from tests.interviewkit import kit_fixtures


def parse_one(text: str, name: str = "doc.md"):
    [doc] = parse_document(name, text.encode())
    return doc


def kit_of(*texts: str):
    return merge([parse_one(t, f"doc{i}.md") for i, t in enumerate(texts)])


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Role Research Brief: Data Engineer", "Data Engineer"),
        ("Job Posting Analysis — Data Engineer", "Data Engineer"),
        (
            "Data Engineer: Role Blueprint, Responsibilities, Skills, KPIs, and Career Path",
            "Data Engineer",
        ),
        ("Candidate Profile - Head of Security", "Head of Security"),
        ("Site Reliability Engineer", "Site Reliability Engineer"),
    ],
)
def test_the_role_title_is_the_part_of_the_heading_that_is_not_a_document_kind(heading, title):
    assert role_title(heading) == title


def test_a_brief_gives_required_skills_twice_the_weight_of_preferred_ones():
    kit = kit_of(kit_fixtures.brief())
    assert kit.title == "Senior Data Reliability Engineer"
    assert kit.weight_basis == "required-preferred"
    assert [(d.name, d.weight) for d in kit.dimensions] == [
        ("Data pipelines", 29),
        ("Incident handling for data outages", 29),
        ("SQL performance tuning", 28),
        ("Experience with dbt or similar transformation tools", 14),
    ]
    assert kit.dimensions[0].source.document == "doc0.md"
    assert kit.dimensions[0].source.section == "B. Skills › Must-have"
    assert kit.dimensions[3].source.section == "B. Skills › Nice to have"


def test_a_brief_without_exercises_gets_a_suggested_loop_from_the_formats_it_describes():
    kit = kit_of(kit_fixtures.brief())
    formats = [e.format for e in kit.exercises]
    # It mentions on-call/postmortems (incident) and reviewing pull requests (hands-on), not design
    # or leadership.
    assert formats == ["incident", "hands-on"]
    assert all(e.source.suggested for e in kit.exercises)
    covered = {name for e in kit.exercises for name in e.dimensions}
    assert covered == {d.name for d in kit.dimensions}


def test_a_posting_analysis_weighs_skills_by_their_share_of_postings():
    kit = kit_of(kit_fixtures.postings())
    assert kit.title == "Search Relevance Lead"
    assert kit.weight_basis == "frequency"
    # 70:45:30 of 145 → 48.28, 31.03, 20.69 → 48, 31, 21.
    assert [(d.name, d.weight) for d in kit.dimensions] == [
        ("Ranking models", 48),
        ("Query understanding", 31),
        ("A/B testing", 21),
    ]
    assert kit.dimensions[0].description == "Learning to rank. Core skill, in 70% of postings."
    assert kit.dimensions[0].source.section == "1.1 Skills by frequency"
    assert [s.kind for s in kit.signals] == ["strong", "strong"]
    assert kit.signals[0].source.section == "1.2 What employers look for"


def test_a_wordpress_blueprint_takes_its_weight_column_as_is():
    doc = parse_document("export.json", kit_fixtures.wordpress().encode())[0]
    kit = merge([doc])
    assert kit.title == "Analytics Engineer"
    assert kit.weight_basis == "explicit"
    assert [(d.name, d.weight, d.description) for d in kit.dimensions] == [
        ("Modelling", 60, "Clean schemas"),
        ("Communication", 40, "Clear writing"),
    ]
    assert kit.dimensions[0].source.section == "Part VII: Interview guide › Evaluation scorecard"


def test_a_blueprint_s_exercises_keep_their_names_minutes_and_briefs():
    kit = merge(parse_document("export.json", kit_fixtures.wordpress().encode()))
    assert [(e.name, e.format, e.minutes) for e in kit.exercises] == [
        ("Schema design case", "system-design", 75),
        ("Behavioral interview", "behavioral", 30),
    ]
    assert kit.exercises[0].brief.startswith("Design a schema for orders.")
    assert kit.exercises[0].questions == ["Ask about modelling trade-offs."]
    assert not any(e.source.suggested for e in kit.exercises)
    assert kit.exercises[0].dimensions == ["Modelling"]
    assert kit.exercises[1].dimensions == ["Communication"]


def test_a_blueprint_s_probes_attach_to_the_dimension_they_concern():
    kit = merge(parse_document("export.json", kit_fixtures.wordpress().encode()))
    by_name = {d.name: d for d in kit.dimensions}
    assert by_name["Modelling"].questions == ["Can they normalise a schema?"]
    assert by_name["Communication"].questions == [
        "Written communication: Clear writing in design docs."
    ]


def test_a_blueprint_s_signals_are_grouped_by_the_heading_above_them():
    kit = merge(parse_document("export.json", kit_fixtures.wordpress().encode()))
    assert [(s.kind, s.text) for s in kit.signals] == [
        ("strong", "Writes clear schemas."),
        ("weak", "Vague answers."),
        ("weak", "No tests."),
        ("red", "Blames the data team for modelling problems."),
    ]
    assert kit.signals[3].dimension == "Modelling"


def test_a_weight_column_outranks_frequency_and_lists_when_documents_merge():
    role = "Analytics Engineer"
    kit = merge(
        [
            parse_one(kit_fixtures.brief(role), "brief.md"),
            parse_document("bp.json", kit_fixtures.wordpress(f"{role}: Blueprint").encode())[0],
        ]
    )
    assert kit.weight_basis == "explicit"
    assert kit.sources == ["brief.md", "bp.json"]
    assert [d.name for d in kit.dimensions] == ["Modelling", "Communication"]
    assert "brief.md" in kit.note


def test_frequency_outranks_required_preferred_when_documents_merge():
    kit = kit_of(kit_fixtures.brief("Search Relevance Lead"), kit_fixtures.postings())
    assert kit.weight_basis == "frequency"
    assert sum(d.weight for d in kit.dimensions) == 100
    assert kit.sources == ["doc0.md", "doc1.md"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# Meeting notes\n\nWe met.\n", "not a role document"),
        ("", "the file is empty"),
        ("plain words with no heading\n", "not a role document"),
        (
            kit_fixtures.postings(rows=[("A", "1", "0%", "x", "y"), ("B", "1", "0 %", "x", "y")]),
            "the weights sum to zero",
        ),
        (
            kit_fixtures.postings(rows=[("A", "1", "lots", "x", "y")]),
            "broken table in section “1.1 Skills by frequency”: 'lots' is not a percentage",
        ),
        ("# Study: X\n\n| Skill | % of Postings |\n|---|---|---|\n| A | 5% |\n", "broken table"),
        (
            "# Study: X\n\n| Skill | % of Postings |\n|---|---|\n| A | 5% | 7 |\n",
            "line 5 has 3 cells",
        ),
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "neither a WordPress post nor an exported kit"),
    ],
)
def test_it_says_in_one_line_why_a_document_cannot_be_read(text, reason):
    with pytest.raises(DocumentError, match=None) as caught:
        merge(parse_document("bad.md", text.encode()))
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_it_refuses_text_that_is_not_utf8():
    with pytest.raises(DocumentError, match=r"not UTF-8 text \(byte 0xe9 at offset 12\)"):
        parse_document("latin1.md", "# Brief: Caf\u00e9 lead".encode("latin-1"))


def test_a_blueprint_with_weights_summing_to_zero_is_refused():
    text = kit_fixtures.wordpress(dims=(("A", "a", "0%"), ("B", "b", "0%")))
    with pytest.raises(DocumentError, match="the weights sum to zero"):
        parse_document("zero.json", text.encode())


def test_a_wordpress_table_with_a_missing_cell_is_a_broken_table():
    html = kit_fixtures.blueprint_html().replace("<td>Clear writing</td>", "")
    text = json.dumps({"title": {"rendered": "X: Blueprint"}, "content": {"rendered": html}})
    with pytest.raises(DocumentError, match="broken table .* row 3 has 2 cells"):
        parse_document("bp.json", text.encode())


markdown_pieces = st.lists(
    st.sampled_from(
        [
            "# Brief: Widget Engineer\n",
            "## Required\n",
            "### Preferred\n",
            "- **Bold**: item\n",
            "- item with (parens), commas\n",
            "  - nested\n",
            "| Skill | % of Postings |\n",
            "|---|---|\n",
            "| A | 10% |\n",
            "| B | x |\n",
            "| C | 0% |\n",
            "| Dimension | Weight |\n",
            "## Red flags\n",
            "## Exercises\n",
            "- Case (30 minutes): do it\n",
            "\n",
            "plain paragraph\n",
        ]
    ),
    max_size=25,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_pieces)
def test_markdown_parsing_never_crashes_it_gives_a_kit_or_a_reason(pieces):
    try:
        kit = merge(parse_document("fuzz.md", "".join(pieces).encode()))
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert sum(d.weight for d in kit.dimensions) == 100
        assert kit.exercises


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_parser(raw):
    try:
        docs = parse_document("fuzz.bin", raw)
        merge(docs)
    except DocumentError as exc:
        assert str(exc)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcdefg &", min_size=1, max_size=12),
            st.integers(min_value=0, max_value=100),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_any_weight_table_gives_weights_summing_to_100_or_a_reason(rows):
    dims = tuple((name, "desc", f"{weight}%") for name, weight in rows)
    try:
        kit = merge(parse_document("bp.json", kit_fixtures.wordpress(dims=dims).encode()))
    except DocumentError as exc:
        assert str(exc)
    else:
        assert sum(d.weight for d in kit.dimensions) == 100


def test_a_markdown_document_with_a_weight_table_imports_its_weights_as_is():
    text = (
        "# Hiring Guide: Staff Mobile Engineer\n\n"
        "## 4. Interview loop\n\n"
        "### 4.2 Red flags\n\n- Ships without tests.\n\n"
        "### 4.3 Scorecard\n\n"
        "| Dimension | Strong no | No | Yes | Strong yes | Weight |\n"
        "|---|---|---|---|---|---|\n"
        "| Mobile architecture | Cannot structure an app | Ad hoc | Sound modules "
        "| Sets the pattern | 70% |\n"
        "| Release safety | Ships blind | Some checks | Staged rollouts "
        "| Designs the release train | 30% |\n"
    )
    kit = merge(parse_document("guide.md", text.encode()))
    assert kit.title == "Staff Mobile Engineer"
    assert kit.weight_basis == "explicit"
    assert [(d.name, d.weight) for d in kit.dimensions] == [
        ("Mobile architecture", 70),
        ("Release safety", 30),
    ]
    assert kit.dimensions[1].anchors == {
        1: "Ships blind",
        2: "Some checks",
        3: "Staged rollouts",
        4: "Designs the release train",
    }
    assert kit.dimensions[0].source.section == "4. Interview loop › 4.3 Scorecard"
    assert [(s.kind, s.text) for s in kit.signals] == [("red", "Ships without tests.")]


html_pieces = st.lists(
    st.sampled_from(
        [
            "<h2>3) Hiring</h2>",
            "<h3>Strong signals</h3>",
            "<h3>Red flags</h3>",
            "<h3>Practical exercises</h3>",
            "<h3>What to assess</h3>",
            "<ul>",
            "</ul>",
            "<li><strong>Case (40 minutes):</strong><br/>Do a thing. Ask why?</li>",
            "<li>plain item</li>",
            "<table><tr><th>Dimension</th><th>Weight</th></tr>",
            "<tr><td>Depth</td><td>50%</td></tr>",
            "<tr><td>Breadth</td><td>zero</td></tr>",
            "<tr><td>Only one cell</td></tr>",
            "</table>",
            "<p>text &amp; more</p>",
            "<div>",
        ]
    ),
    max_size=25,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(html_pieces)
def test_wordpress_parsing_never_crashes_it_gives_a_kit_or_a_reason(pieces):
    raw = json.dumps(
        {"title": {"rendered": "Widget Lead: Blueprint"}, "content": {"rendered": "".join(pieces)}}
    ).encode()
    try:
        kit = merge(parse_document("fuzz.json", raw))
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert kit.title == "Widget Lead"
        assert sum(d.weight for d in kit.dimensions) == 100
