"""Re-importing a ratings CSV: the file's `scorecard_id` is the key, so the same file twice adds
and changes nothing, and a file that changes an imported scorecard is refused, line named."""

import csv
import io
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from interviewkit.models import AuditEvent
from scorecards.exports.csv_io import COLUMNS, ratings_csv_lines, scorecards_csv_read
from scorecards.models import Candidate, Interview, Rating, Scorecard
from scorecards.services import imports
from scorecards.services.imports import ImportRefused, scorecards_import
from scorecards.services.scorecards import scorecard_amend, scorecard_data_of
from tests.factories import CandidateFactory
from tests.scorecards.export_fixtures import interviewer_named, submitted_scorecard

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 3, 2, 14, 30, 0, 123456, tzinfo=UTC)


def export_text(role) -> str:
    return "".join(ratings_csv_lines(role))


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def text_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def do_import(text: str, *, create_users: bool = False):
    cards = scorecards_csv_read(io.StringIO(text))
    return scorecards_import(scorecards=cards, by=None, create_users=create_users)


def stored_state() -> list[tuple]:
    """Every scorecard with its key, content and ratings: what "changes nothing" compares."""
    return [
        (
            s.pk,
            s.source_scorecard_id,
            s.status,
            s.recommendation,
            s.submitted_at,
            s.revision,
            s.interview.candidate.email,
            s.interview.interviewer.username,
            tuple(
                Rating.objects.filter(scorecard=s).values_list("dimension_id", "value", "evidence")
            ),
        )
        for s in Scorecard.objects.select_related(
            "interview__candidate", "interview__interviewer"
        ).order_by("pk")
    ]


@pytest.fixture
def source_file(role, candidate, interviewer, other_interviewer) -> str:
    """Three scorecards exported, then removed with their candidates: the file to import."""
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 4, "Dimension 2": 3}, when=WHEN)
    # A second scorecard at the very same time, same interviewer and exercise: a different one.
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 2, "Dimension 2": 2}, when=WHEN)
    submitted_scorecard(
        candidate,
        other_interviewer,
        {"Dimension 3": 2, "Dimension 4": None},
        exercise_name="Behavioral",
        recommendation="no",
        when=WHEN,
    )
    text = export_text(role)
    Candidate.objects.filter(role=role).delete()
    return text


def test_each_imported_scorecard_keeps_its_source_id(source_file):
    source_ids = {r["scorecard_id"] for r in rows_of(source_file)}

    result = do_import(source_file)

    assert result.scorecards == 3
    assert set(Scorecard.objects.values_list("source_scorecard_id", flat=True)) == source_ids


def test_two_scorecards_at_one_time_stay_two(source_file):
    do_import(source_file)

    same_time = Scorecard.objects.filter(interview__interviewer__username="interviewer")
    assert same_time.count() == 2
    assert sorted(
        tuple(Rating.objects.filter(scorecard=s).values_list("value", flat=True)) for s in same_time
    ) == [(2, 2), (4, 3)]


def test_the_same_file_twice_creates_and_changes_nothing(source_file):
    do_import(source_file)
    before = stored_state()
    audits = AuditEvent.objects.count()

    again = do_import(source_file)

    assert (again.scorecards, again.candidates, again.interviewers, again.duplicates) == (
        0,
        0,
        0,
        3,
    )
    assert stored_state() == before
    assert AuditEvent.objects.count() == audits


def test_timestamps_cut_to_milliseconds_by_a_restore_still_match(source_file):
    do_import(source_file)
    for scorecard in Scorecard.objects.all():
        cut = scorecard.submitted_at.replace(
            microsecond=scorecard.submitted_at.microsecond // 1000 * 1000
        )
        Scorecard.objects.filter(pk=scorecard.pk).update(submitted_at=cut)

    again = do_import(source_file)

    assert (again.scorecards, again.duplicates) == (0, 3)
    assert Scorecard.objects.count() == 3


def test_a_changed_rating_of_an_imported_scorecard_is_refused_with_its_line(source_file):
    do_import(source_file)
    before = stored_state()
    rows = rows_of(source_file)
    rows[1]["rating"] = "2"  # line 3: the first scorecard's second rating was 3

    with pytest.raises(ImportRefused) as refused:
        do_import(text_of(rows))

    [error] = refused.value.errors
    assert error.startswith(
        f"line 2: scorecard {rows[0]['scorecard_id']} was imported before and this file changes "
        "its rating of 'Dimension 2' (2, stored 3)."
    )
    assert "An import never changes a submitted scorecard" in error
    assert stored_state() == before


def test_a_changed_recommendation_and_evidence_are_named(source_file):
    do_import(source_file)
    rows = rows_of(source_file)
    card = rows[0]["scorecard_id"]
    for row in rows:
        if row["scorecard_id"] == card:
            row["recommendation"] = "strong-yes"
    rows[0]["evidence"] = "Rewritten later."

    with pytest.raises(ImportRefused, match="recommendation; evidence of 'Dimension 1'"):
        do_import(text_of(rows))


def test_a_file_with_a_new_scorecard_and_a_changed_one_imports_nothing(source_file, role):
    do_import(source_file)
    rows = rows_of(source_file)
    new_row = {**rows[0], "scorecard_id": "new-1", "candidate_email": "new@example.com"}
    for row in rows:
        if row["scorecard_id"] == rows[-1]["scorecard_id"]:
            row["recommendation"] = "yes"

    with pytest.raises(ImportRefused, match="changes its recommendation"):
        do_import(text_of([*rows, new_row]))

    assert not Candidate.objects.filter(email="new@example.com").exists()
    assert Scorecard.objects.count() == 3


def test_an_imported_scorecard_amended_in_the_app_stays_amended(source_file):
    do_import(source_file)
    scorecard = Scorecard.objects.get(source_scorecard_id=rows_of(source_file)[0]["scorecard_id"])
    data = scorecard_data_of(scorecard)
    data.recommendation = "strong-yes"
    scorecard_amend(
        scorecard=scorecard, data=data, reason="Typo", by=scorecard.interview.interviewer
    )

    again = do_import(source_file)

    assert (again.scorecards, again.duplicates) == (0, 3)
    scorecard.refresh_from_db()
    assert scorecard.recommendation == "strong-yes"


def test_importing_an_export_into_its_own_database_adds_nothing(
    role, candidate, interviewer, other_interviewer
):
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 4, "Dimension 2": 3}, when=WHEN)
    submitted_scorecard(candidate, other_interviewer, {"Dimension 3": 2}, when=WHEN)

    result = do_import(export_text(role))

    assert (result.scorecards, result.duplicates) == (0, 2)
    assert Scorecard.objects.count() == 2


def test_a_scorecard_imported_before_keys_were_kept_takes_its_key(source_file):
    do_import(source_file)
    Scorecard.objects.update(source_scorecard_id="")  # as imported by the previous version

    again = do_import(source_file)

    assert (again.scorecards, again.duplicates) == (0, 3)
    assert set(Scorecard.objects.values_list("source_scorecard_id", flat=True)) == {
        r["scorecard_id"] for r in rows_of(source_file)
    }


def test_one_source_id_under_two_roles_is_refused(source_file, role):
    rows = rows_of(source_file)[:2]
    other = CandidateFactory().role
    other.slug = "other-role"
    other.save()
    rows[1]["role"] = other.slug

    with pytest.raises(Exception, match=r"line 3: .*(role|kit version)"):
        do_import(text_of(rows))


# --- interviewers ---------------------------------------------------------------------------


def test_interviewers_are_matched_case_insensitively(source_file, interviewer):
    rows = rows_of(source_file)
    for row in rows:
        row["interviewer"] = row["interviewer"].upper()

    result = do_import(text_of(rows))

    assert result.interviewers == 0
    assert Interview.objects.filter(interviewer=interviewer).count() == 2
    assert User.objects.filter(username__iexact="interviewer").count() == 1


def test_an_unknown_interviewer_is_refused_with_its_line(source_file):
    rows = rows_of(source_file)
    last = rows[-1]["scorecard_id"]  # the last scorecard, whose rows start on line 6
    for row in rows:
        if row["scorecard_id"] == last:
            row["interviewer"] = "stranger"

    with pytest.raises(ImportRefused) as refused:
        do_import(text_of(rows))

    assert refused.value.errors == [
        "line 6: interviewer 'stranger' has no account (import with --create-users to create it)"
    ]
    assert not User.objects.filter(username="stranger").exists()
    assert not Scorecard.objects.exists()


def test_an_unknown_interviewer_gets_an_account_only_when_asked(source_file):
    rows = rows_of(source_file)
    for row in rows:
        if row["interviewer"] == "other_interviewer":
            row["interviewer"] = "New.Person"

    result = do_import(text_of(rows), create_users=True)

    assert result.interviewers == 1
    user = User.objects.get(username="New.Person")
    assert not user.has_usable_password()


def test_an_interviewer_matching_two_accounts_is_refused(source_file):
    interviewer_named("INTERVIEWER")

    with pytest.raises(
        ImportRefused, match=r"matches several accounts \(INTERVIEWER, interviewer\)"
    ):
        do_import(source_file)


def test_the_command_names_the_line_of_an_unknown_interviewer(source_file, tmp_path):
    rows = rows_of(source_file)
    first = rows[0]["scorecard_id"]
    for row in rows:
        if row["scorecard_id"] == first:
            row["interviewer"] = "stranger"
    path = tmp_path / "past.csv"
    path.write_text(text_of(rows), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_scorecards", str(path), stderr=err)

    assert f"{path}: line 2: interviewer 'stranger' has no account" in err.getvalue()

    out = io.StringIO()
    call_command("import_scorecards", str(path), "--create-users", stdout=out)
    assert "created 1 candidate and 1 interviewer account." in out.getvalue()
    again = io.StringIO()
    call_command("import_scorecards", str(path), stdout=again)
    assert again.getvalue().strip() == (
        "Imported 0 scorecards, created 0 candidates and 0 interviewer accounts; "
        "skipped 3 already present."
    )


def test_the_same_moment_tolerance_is_below_a_millisecond(source_file):
    do_import(source_file)
    rows = rows_of(source_file)
    card = rows[0]["scorecard_id"]
    later = (WHEN + timedelta(milliseconds=2)).isoformat()
    for row in rows:
        if row["scorecard_id"] == card:
            row["submitted_at"] = later

    with pytest.raises(ImportRefused, match="changes its submitted_at"):
        do_import(text_of(rows))


def test_an_import_racing_another_with_the_same_keys_is_refused_not_a_500(source_file):
    """The other import committed the same source keys after this one looked for them: the
    unique key refuses the insert, and the import says so instead of failing."""
    do_import(source_file)
    nothing_seen = mock.patch.object(imports, "_already_imported", return_value=(set(), []))
    not_here = mock.patch.object(imports, "_present_already", return_value=False)

    with nothing_seen, not_here, pytest.raises(ImportRefused, match="at the same time"):
        do_import(source_file)

    assert Scorecard.objects.count() == 3
