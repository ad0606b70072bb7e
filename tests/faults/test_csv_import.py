"""CSV scorecard import under bad input: interviewers matched case-insensitively, unknown ones
refused unless asked, and every unreadable line named (hypothesis for the cells)."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.exports.csv_io import COLUMNS, CsvImportError, scorecards_csv_read

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
