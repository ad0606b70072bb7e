"""The ratings CSV: exact columns, one row per submitted rating, and an import that takes the
same file back, refusing a bad file whole with each error's line number."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from interviewkit.models import AuditEvent
from scorecards.aggregation import KitDimension, ScorecardInput, aggregate
from scorecards.exports.csv_io import (
    COLUMNS,
    CsvImportError,
    ratings_csv_lines,
    scorecards_csv_read,
)
from scorecards.models import Candidate, Interview, Scorecard
from scorecards.services.imports import scorecards_import
from tests.factories import CandidateFactory, RatingFactory, ScorecardFactory, make_kit
from tests.scorecards.export_fixtures import interviewer_named, submitted_scorecard

WHEN = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)


def export_text(role) -> str:
    return "".join(ratings_csv_lines(role))


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def packets(role) -> dict[str, tuple]:
    """Per candidate email: the packet numbers (scorecards.aggregation) and each scorecard's
    interviewer, exercise, recommendation, submission time and ratings."""
    kit = role.current_kit()
    reference = [KitDimension(d.name, d.weight) for d in kit.dimensions.all()]
    cards_by_email: dict[str, list] = {}
    cards = Scorecard.objects.submitted().filter(interview__candidate__role=role)
    for card in cards.select_related("interview__candidate", "interview__interviewer", "kit"):
        cards_by_email.setdefault(card.interview.candidate.email, []).append(card)
    result = {}
    for email, cards in cards_by_email.items():
        inputs, details = [], []
        for card in cards:
            ratings = {r.dimension.name: r.value for r in card.ratings.select_related("dimension")}
            weights = {d.name: d.weight for d in card.kit.dimensions.all()}
            interviewer = card.interview.interviewer.username
            inputs.append(
                ScorecardInput(
                    card.pk, interviewer, card.kit.number, weights, ratings, card.recommendation
                )
            )
            details.append(
                (
                    interviewer,
                    card.interview.title,
                    card.recommendation,
                    card.submitted_at,
                    tuple(sorted(ratings.items())),
                )
            )
        packet = aggregate(inputs, reference)
        result[email] = (
            packet.overall,
            packet.coverage,
            [(d.name, d.mean, d.n, d.min, d.max) for d in packet.dimensions],
            packet.tally,
            sorted(packet.scorecard_scores.values()),
            sorted(details),
        )
    return result


@pytest.fixture
def scored_role(role, candidate, interviewer, other_interviewer):
    submitted_scorecard(
        candidate,
        interviewer,
        {"Dimension 1": 4, "Dimension 2": 3},
        recommendation="strong-yes",
        when=WHEN,
    )
    submitted_scorecard(
        candidate,
        other_interviewer,
        {"Dimension 3": 2, "Dimension 4": None},
        exercise_name="Behavioral",
        recommendation="no",
        when=WHEN,
        evidence='Said:\n=SUM(A1) and "quoted", with commas',
    )
    second = CandidateFactory(role=role, name="Dana Doe", email="dana@example.com")
    submitted_scorecard(
        second, interviewer, {"Dimension 1": 1, "Dimension 2": 2, "Dimension 3": 3}, when=WHEN
    )
    return role


def test_the_header_is_exactly_the_documented_columns(role):
    header = export_text(role).splitlines()[0]

    assert header == (
        "candidate_email,candidate_name,role,kit_version,scorecard_id,interviewer,exercise,"
        "submitted_at,dimension,weight,rating,evidence,recommendation"
    )
    assert header.split(",") == COLUMNS


def test_there_is_one_row_per_submitted_rating(scored_role, candidate, interviewer):
    draft = ScorecardFactory(interview__candidate=candidate, interview__interviewer=interviewer)
    RatingFactory(scorecard=draft, dimension=scored_role.current_kit().dimensions.first())

    rows = rows_of(export_text(scored_role))

    assert len(rows) == 2 + 2 + 3
    assert {r["scorecard_id"] for r in rows} == {str(s.pk) for s in Scorecard.objects.submitted()}
    first = rows[0]
    card = Scorecard.objects.get(pk=first["scorecard_id"])
    assert first == {
        "candidate_email": "casey@example.com",
        "candidate_name": "Casey Candidate",
        "role": "staff-platform-engineer",
        "kit_version": "1",
        "scorecard_id": str(card.pk),
        "interviewer": "interviewer",
        "exercise": "System design",
        "submitted_at": "2026-03-02T14:30:00+00:00",
        "dimension": "Dimension 1",
        "weight": "40",
        "rating": "4",
        "evidence": "Walked through the trade-offs.",
        "recommendation": "strong-yes",
    }


def test_not_assessed_is_an_empty_rating_and_formulas_are_defused(scored_role):
    rows = rows_of(export_text(scored_role))

    not_assessed = next(r for r in rows if r["dimension"] == "Dimension 4")
    assert not_assessed["rating"] == ""
    assert not_assessed["evidence"] == 'Said:\n=SUM(A1) and "quoted", with commas'
    formula = CandidateFactory(role=scored_role, name="=HYPERLINK(1)", email="f@example.com")
    submitted_scorecard(formula, interviewer_named("ivy"), {"Dimension 1": 3})
    row = next(
        r for r in rows_of(export_text(scored_role)) if r["candidate_email"] == "f@example.com"
    )
    assert row["candidate_name"] == "'=HYPERLINK(1)"


def test_export_then_import_gives_the_same_packets(scored_role):
    before = packets(scored_role)
    text = export_text(scored_role)
    Candidate.objects.filter(role=scored_role).delete()
    User.objects.filter(username__in=["interviewer", "other_interviewer"]).delete()

    result = scorecards_import(
        scorecards=scorecards_csv_read(io.StringIO(text)), by=None, create_users=True
    )

    assert (result.scorecards, result.candidates, result.interviewers) == (3, 2, 2)
    assert packets(scored_role) == before
    assert before["casey@example.com"][0] == pytest.approx((40 * 4 + 30 * 3 + 20 * 2) / 90)
    assert set(Scorecard.objects.values_list("imported", "status")) == {(True, "submitted")}
    for user in User.objects.filter(username__in=["interviewer", "other_interviewer"]):
        assert not user.has_usable_password()
        assert user.groups.filter(name="Interviewers").exists()
    assert Candidate.objects.get(email="dana@example.com").name == "Dana Doe"
    assert AuditEvent.objects.filter(action="scorecard.import").count() == 3


def test_importing_the_same_file_twice_adds_nothing(scored_role):
    text = export_text(scored_role)
    Candidate.objects.filter(role=scored_role).delete()
    scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)

    again = scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)

    assert (again.scorecards, again.duplicates) == (0, 3)
    assert Scorecard.objects.count() == 3


def test_import_links_the_kit_exercise_by_name(scored_role):
    text = export_text(scored_role)
    Candidate.objects.filter(role=scored_role).delete()

    scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)

    interview = Interview.objects.get(candidate__email="dana@example.com")
    assert interview.exercise.name == "System design"


def bad_file(role) -> str:
    good = rows_of(export_text(role))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    rows = [dict(r) for r in good[:4]]
    rows[1]["rating"] = "5"  # line 3
    rows[2]["dimension"] = "Charisma"  # line 4, after which the evidence spans two lines
    rows[3]["submitted_at"] = "yesterday"
    rows[3]["recommendation"] = "maybe"
    writer.writerows(rows)
    return out.getvalue()


def test_a_bad_file_is_refused_whole_with_line_numbers(scored_role):
    text = bad_file(scored_role)
    Candidate.objects.filter(role=scored_role).delete()

    with pytest.raises(CsvImportError) as refused:
        scorecards_csv_read(io.StringIO(text))

    # Line 5 holds the second row's multi-line evidence, so the fourth row starts on line 6.
    assert [str(e) for e in refused.value.errors] == [
        "line 3: rating '5' is not 1-4 (leave it empty for not assessed)",
        "line 4: dimension 'Charisma' is not in Staff Platform Engineer v1",
        "line 6: submitted_at 'yesterday' is not a date and time (ISO 8601)",
        "line 6: recommendation 'maybe' is not one of strong-no, no, yes, strong-yes",
    ]
    assert not Candidate.objects.exists()


def test_a_rating_of_four_without_evidence_is_refused(scored_role):
    rows = rows_of(export_text(scored_role))
    rows[0]["evidence"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows[:1])

    with pytest.raises(CsvImportError, match="line 2: a rating of 4 needs evidence"):
        scorecards_csv_read(io.StringIO(out.getvalue()))


def test_rows_of_one_scorecard_must_agree(scored_role):
    rows = rows_of(export_text(scored_role))[:2]
    rows[1]["interviewer"] = "someone_else"
    rows[1]["weight"] = "99"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)

    with pytest.raises(CsvImportError) as refused:
        scorecards_csv_read(io.StringIO(out.getvalue()))

    assert [str(e) for e in refused.value.errors] == [
        "line 3: weight 99 of 'Dimension 2' does not match the kit's 30",
    ]


def test_a_file_without_the_columns_is_refused(role):
    with pytest.raises(CsvImportError, match="line 1: missing columns: .*scorecard_id"):
        scorecards_csv_read(io.StringIO("candidate_email,rating\na@example.com,3\n"))


def test_an_unknown_kit_version_is_refused(scored_role):
    make_kit(weights=(50, 50))
    rows = rows_of(export_text(scored_role))[:1]
    rows[0]["kit_version"] = "7"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)

    with pytest.raises(
        CsvImportError, match="line 2: Staff Platform Engineer has no kit version 7"
    ):
        scorecards_csv_read(io.StringIO(out.getvalue()))


def test_export_scorecards_writes_the_csv_to_stdout(scored_role):
    out = io.StringIO()

    call_command("export_scorecards", "--role", scored_role.slug, stdout=out)

    assert out.getvalue() == export_text(scored_role)
    assert AuditEvent.objects.get(action="export.csv").detail == {
        "command": "export_scorecards",
        "rows": 7,
    }


def test_export_scorecards_names_an_unknown_role(db):
    with pytest.raises(CommandError, match="No role with slug 'nope'"):
        call_command("export_scorecards", "--role", "nope", stdout=io.StringIO())


def test_import_scorecards_command_imports_the_file(scored_role, tmp_path):
    path = tmp_path / "past.csv"
    path.write_text(export_text(scored_role), encoding="utf-8")
    Candidate.objects.filter(role=scored_role).delete()
    out = io.StringIO()

    call_command("import_scorecards", str(path), stdout=out)

    assert out.getvalue().strip() == (
        "Imported 3 scorecards, created 2 candidates and 0 interviewer accounts."
    )
    assert Scorecard.objects.filter(imported=True).count() == 3


def test_import_scorecards_command_refuses_a_bad_file(scored_role, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(bad_file(scored_role), encoding="utf-8")
    Candidate.objects.filter(role=scored_role).delete()
    err = io.StringIO()

    with pytest.raises(CommandError, match="4 errors; nothing was imported"):
        call_command("import_scorecards", str(path), stderr=err)

    assert f"{path}: line 3: rating '5'" in err.getvalue()
    assert not Scorecard.objects.exists()


def test_import_scorecards_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_scorecards", str(tmp_path / "missing.csv"))
