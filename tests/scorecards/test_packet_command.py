"""manage.py packet EMAIL --format json|html|pdf [-o FILE]."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.factories import CandidateFactory, RoleFactory, UserFactory, make_kit
from tests.scorecards.packet_fixtures import (
    draft_scorecard,
)

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("packet", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_has_the_documented_shape_and_only_submitted_scorecards(scored_candidate):
    draft_scorecard(scored_candidate, UserFactory(username="late"))
    data = json.loads(run("casey@example.com", "--format", "json"))
    assert data["candidate"] == {"name": "Casey Candidate", "email": "casey@example.com"}
    assert data["role"] == "Staff Platform Engineer"
    assert data["overall"] == pytest.approx(250 / 90, abs=1e-3)
    assert data["overall_percent"] == pytest.approx(59.3, abs=0.05)
    assert data["coverage"] == 90
    first = data["dimensions"][0]
    assert first == {
        "name": "Dimension 1",
        "weight": 40,
        "kit_weight": 40,
        "mean": 3.0,
        "n": 2,
        "min": 2,
        "max": 4,
        "disagreement": True,
    }
    assert data["red_flags"][0]["signal"] == "Blames others"
    assert data["recommendations"] == {"strong-no": 1, "no": 0, "yes": 1, "strong-yes": 0}
    assert len(data["scorecards"]) == 2
    card = data["scorecards"][0]
    assert {"interviewer", "exercise", "weighted", "ratings"} <= card.keys()
    assert card["weighted"] == pytest.approx(3.222, abs=1e-3)  # (160 + 90 + 40) / 90
    assert data["missing"][0]["status"] == "draft"


def test_pdf_and_html_are_written_to_a_file(scored_candidate, tmp_path):
    target = tmp_path / "casey.pdf"
    run("casey@example.com", "--format", "pdf", "-o", str(target))
    text = PdfReader(target).pages[0].extract_text()
    assert "Casey Candidate" in text
    page = tmp_path / "casey.html"
    run("casey@example.com", "--format", "html", "-o", str(page))
    html = page.read_text()
    assert "<style>" in html and "@page" in html and "Casey Candidate" in html


def test_an_unknown_email_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No candidate with email"):
        run("nobody@example.com")


def test_an_email_in_two_roles_asks_for_the_role(scored_candidate):
    other = RoleFactory(title="Data Engineer", slug="data-engineer")
    make_kit(role=other)
    CandidateFactory(role=other, name="Casey Again", email="casey@example.com")
    with pytest.raises(CommandError, match="--role"):
        run("casey@example.com")
    data = json.loads(run("casey@example.com", "--role", "data-engineer"))
    assert data["candidate"]["name"] == "Casey Again"
