"""Submits at once, through the real page, in two threads with a database connection each
(tests/faults/concurrency.py): never a 500, one submission, nothing half of each."""

from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from interviewkit.models import AuditEvent
from scorecards.interviews import views as interview_views
from scorecards.models import Candidate, LoopState, Rating, Scorecard, ScorecardRevision
from scorecards.services.scorecards import scorecard_start
from tests.faults.concurrency import Race
from tests.scorecards.scorecard_fixtures import form_post, interview_for

pytestmark = pytest.mark.django_db(transaction=True)


def submit_url(interview):
    return reverse("scorecards:interview-submit", args=[interview.pk])


def poster(user, url: str, body: dict):
    client = Client()
    client.force_login(user)
    return lambda: client.post(url, body)


def statuses(results) -> list[int]:
    """The responses' status codes; an exception a thread raised fails the test as itself."""
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [r.status_code for r in results]


def racing(race: Race, real):
    """`real` entered by both requests at the same moment (past their reads)."""

    def wrapper(**kwargs):
        race.write_now()
        return real(**kwargs)

    return wrapper


def test_two_different_submits_of_one_scorecard(interview_pair, interviewer):
    interview, _ = interview_pair
    draft = scorecard_start(interview=interview, by=interviewer)
    url = submit_url(interview)
    yes = form_post(interview, revision=draft.revision, kit_version=draft.kit_id)
    no = {**yes, "recommendation": "no"}
    no.update({key: "2" for key in yes if key.startswith("rating_")})
    race = Race()

    with mock.patch.object(
        interview_views, "scorecard_submit", racing(race, interview_views.scorecard_submit)
    ):
        results = race.run(poster(interviewer, url, yes), poster(interviewer, url, no))

    assert 500 not in statuses(results)
    assert statuses(results) == [302, 302]
    scorecard = Scorecard.objects.get(pk=draft.pk)
    assert scorecard.is_submitted
    assert scorecard.revision == draft.revision + 1
    assert AuditEvent.objects.filter(action="scorecard.submit").count() == 1
    assert not ScorecardRevision.objects.exists()
    # One submission whole, not half of each.
    values = set(Rating.objects.filter(scorecard=scorecard).values_list("value", flat=True))
    assert (scorecard.recommendation, values) in [("yes", {3}), ("no", {2})]


def test_two_first_submits_before_any_draft(interview_pair, interviewer, kit):
    interview, _ = interview_pair
    url = submit_url(interview)
    body = form_post(interview, revision=0, kit_version=kit.pk)
    race = Race()

    with mock.patch.object(
        interview_views, "scorecard_start", racing(race, interview_views.scorecard_start)
    ):
        results = race.run(poster(interviewer, url, body), poster(interviewer, url, body))

    assert 500 not in statuses(results)
    assert Scorecard.objects.count() == 1
    assert Scorecard.objects.get().is_submitted
    assert AuditEvent.objects.filter(action="scorecard.submit").count() == 1


def test_the_last_two_scorecards_of_a_candidate_at_once(
    interview_pair, interviewer, other_interviewer, hiring_manager
):
    first, second = interview_pair
    drafts = [
        scorecard_start(interview=first, by=interviewer),
        scorecard_start(interview=second, by=other_interviewer),
    ]
    race = Race()

    with mock.patch.object(
        interview_views, "scorecard_submit", racing(race, interview_views.scorecard_submit)
    ):
        results = race.run(
            *(
                poster(
                    draft.interview.interviewer,
                    submit_url(draft.interview),
                    form_post(draft.interview, revision=draft.revision, kit_version=draft.kit_id),
                )
                for draft in drafts
            )
        )

    assert statuses(results) == [302, 302]
    assert Scorecard.objects.submitted().count() == 2
    # Each submit stored the candidate's status; the second one read the first one's scorecard
    # (it waited for the candidate's lock), so the stored state is not the "open" each saw alone.
    candidate = Candidate.objects.with_state_from_rows().get(pk=first.candidate_id)
    assert candidate.loop_state == candidate.rows_loop_state == LoopState.COMPLETE
    # Every scorecard is in: the hiring manager is told once, by whichever finished last.
    ready = [m for m in mail.outbox if m.subject.startswith("Ready for a decision")]
    assert [m.to for m in ready] == [[hiring_manager.email]]


@pytest.fixture
def interview_pair(candidate, interviewer, other_interviewer):
    return (
        interview_for(candidate, interviewer),
        interview_for(candidate, other_interviewer, exercise_name="Behavioral"),
    )
