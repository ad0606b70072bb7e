"""CSV scorecard import under bad input: every unreadable line named (a NUL byte, a cell over
the csv module's limit or its field's), nothing written (hypothesis for the cells). The
re-import key and the interviewers: tests/scorecards/test_csv_reimport.py."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.exports.csv_io import (
    COLUMNS,
    CsvImportError,
    ratings_csv_lines,
    scorecards_csv_read,
)
from scorecards.models import Candidate, Scorecard
from scorecards.services.scorecards import NOTE_MAX
from tests.scorecards.export_fixtures import submitted_scorecard

pytestmark = pytest.mark.django_db


def csv_text(*rows: list[str]) -> str:
    return ",".join(COLUMNS) + "\r\n" + "".join(",".join(r) + "\r\n" for r in rows)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    line=st.integers(min_value=2, max_value=12),
    junk=st.text(alphabet="abcXYZ 019-_.@", max_size=20),
)
def test_a_nul_byte_names_its_line(line, junk):
    rows = [["x"] * len(COLUMNS) for _ in range(line - 2)]
    rows.append([f"{junk}\x00"] + ["x"] * (len(COLUMNS) - 1))
    with pytest.raises(CsvImportError) as caught:
        scorecards_csv_read(io.StringIO(csv_text(*rows)))
    assert any(e.line == line and "NUL" in e.message for e in caught.value.errors), [
        str(e) for e in caught.value.errors
    ]


def good_rows(role, candidate, interviewer) -> list[dict]:
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3, "Dimension 2": 2})
    rows = list(csv.DictReader(io.StringIO("".join(ratings_csv_lines(role)))))
    Candidate.objects.filter(role=role).delete()
    return rows


def text_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


CSV_LIMIT = csv.field_size_limit()


def test_a_cell_over_the_csv_limit_names_its_line(role, candidate, interviewer):
    rows = good_rows(role, candidate, interviewer)
    # The first row's evidence spans two lines, so the second row starts on line 4: the csv
    # module's own count still names line 2 when it gives up on the long cell.
    rows[0]["evidence"] = "Two\nlines."
    rows[1]["evidence"] = "y" * (CSV_LIMIT + 1)

    with pytest.raises(CsvImportError) as caught:
        scorecards_csv_read(io.StringIO(text_of(rows)))

    assert [str(e) for e in caught.value.errors] == [
        f"line 4: a cell is longer than {CSV_LIMIT:,} characters, the most a cell may hold; "
        "nothing after this line was read"
    ]


def test_the_command_refuses_an_over_long_cell_without_a_traceback(
    role, candidate, interviewer, tmp_path
):
    rows = good_rows(role, candidate, interviewer)
    rows[1]["candidate_name"] = "z" * 200_000
    path = tmp_path / "long.csv"
    path.write_text(text_of(rows), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 error; nothing was imported"):
        call_command("import_scorecards", str(path), stderr=err)

    assert f"{path}: line 3: a cell is longer than" in err.getvalue()
    assert not Candidate.objects.exists()
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("column", "length", "limit"),
    [
        ("candidate_name", 201, 200),
        ("exercise", 201, 200),
        ("scorecard_id", 65, 64),
        ("evidence", NOTE_MAX + 1, NOTE_MAX),
    ],
)
def test_a_cell_longer_than_its_field_names_its_line(
    role, candidate, interviewer, column, length, limit
):
    rows = good_rows(role, candidate, interviewer)
    for row in rows:  # every row of the scorecard, so that its rows still agree
        row[column] = "x" * length

    with pytest.raises(CsvImportError) as caught:
        scorecards_csv_read(io.StringIO(text_of(rows)))

    expected = f"line 2: {column} has {length:,} characters, more than the {limit:,} it may have"
    assert expected in [str(e) for e in caught.value.errors]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    before=st.integers(min_value=0, max_value=6),
    column=st.sampled_from(COLUMNS),
    extra=st.integers(min_value=1, max_value=5000),
)
def test_an_over_long_cell_anywhere_names_its_line(before, column, extra):
    rows = [dict.fromkeys(COLUMNS, "x") for _ in range(before)]
    rows.append({**dict.fromkeys(COLUMNS, "x"), column: "q" * (CSV_LIMIT + extra)})
    rows.append(dict.fromkeys(COLUMNS, "x"))

    with pytest.raises(CsvImportError) as caught:
        scorecards_csv_read(io.StringIO(text_of(rows)))

    long_line = before + 2
    assert [e.line for e in caught.value.errors if "longer than" in e.message] == [long_line]
    assert max(e.line for e in caught.value.errors) == long_line  # nothing after it was read


def test_the_command_names_the_first_line_that_is_not_utf8(role, candidate, interviewer, tmp_path):
    rows = good_rows(role, candidate, interviewer)
    rows[1]["evidence"] = "Café"
    path = tmp_path / "latin.csv"
    path.write_bytes(text_of(rows).encode("latin-1"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 error; nothing was imported"):
        call_command("import_scorecards", str(path), stderr=err)

    assert f"{path}: line 3: is not UTF-8 text" in err.getvalue()
