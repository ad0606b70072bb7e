"""Blind review: an interviewer reads no other scorecard of a candidate before submitting their
own; after it they may, and the first such read is recorded."""

import pytest
from django.urls import reverse

from interviewkit import personas
from scorecards.models import Scorecard
from scorecards.services.scorecards import scorecard_start, scorecard_submit
from tests.factories import UserFactory
from tests.scorecards.scorecard_fixtures import complete_data, form_post, interview_for, submitted


def url(scorecard):
    return reverse("scorecards:scorecard", args=[scorecard.pk])


@pytest.fixture
def theirs(candidate, other_interviewer):
    return submitted(interview_for(candidate, other_interviewer, exercise_name="Behavioral"))


def test_a_panelist_with_a_draft_cannot_read_the_others(client, candidate, interviewer, theirs):
    own = scorecard_start(interview=interview_for(candidate, interviewer), by=interviewer)
    client.force_login(interviewer)
    assert client.get(url(theirs)).status_code == 404
    own.refresh_from_db()
    assert own.others_first_read_at is None


def test_before_submitting_a_colleagues_draft_and_submitted_scorecard_answer_alike(
    client, candidate, interviewer, theirs
):
    """No status leak: the answer does not tell who on the panel has submitted."""
    scorecard_start(interview=interview_for(candidate, interviewer), by=interviewer)
    other = UserFactory(username="third", persona=personas.INTERVIEWERS)
    their_draft = scorecard_start(interview=interview_for(candidate, other), by=other)
    client.force_login(interviewer)
    pages = [client.get(url(sc)) for sc in (theirs, their_draft)]
    amends = [
        client.get(reverse("scorecards:scorecard-amend", args=[sc.pk]))
        for sc in (theirs, their_draft)
    ]
    assert [p.status_code for p in pages + amends] == [404, 404, 404, 404]
    assert all("There is nothing here" in p.content.decode() for p in pages)
    packet = client.get(reverse("scorecards:packet", args=[candidate.pk]))
    assert packet.status_code == 404


def test_another_interviewers_draft_is_404_even_after_submitting(
    client, candidate, interviewer, other_interviewer
):
    submitted(interview_for(candidate, interviewer))
    draft = scorecard_start(
        interview=interview_for(candidate, other_interviewer, exercise_name="Behavioral"),
        by=other_interviewer,
    )
    client.force_login(interviewer)
    assert client.get(url(draft)).status_code == 404


def test_after_submitting_the_panel_is_readable_and_the_first_read_recorded(
    client, candidate, interviewer, theirs
):
    own = submitted(interview_for(candidate, interviewer))
    client.force_login(interviewer)
    interview_page = client.get(reverse("scorecards:interview", args=[own.interview_id]))
    assert url(theirs) in interview_page.content.decode()  # listed once own is submitted
    own.refresh_from_db()
    assert own.others_first_read_at is None  # the list alone is not a read
    response = client.get(url(theirs))
    assert response.status_code == 200
    assert "Saw Dimension 3." in response.content.decode()
    own.refresh_from_db()
    first = own.others_first_read_at
    assert first is not None
    client.get(url(theirs))
    own.refresh_from_db()
    assert own.others_first_read_at == first


def test_reading_ones_own_scorecard_is_not_reading_the_others(client, candidate, interviewer):
    own = submitted(interview_for(candidate, interviewer))
    client.force_login(interviewer)
    assert client.get(url(own)).status_code == 200
    own.refresh_from_db()
    assert own.others_first_read_at is None


def test_before_submitting_the_interview_page_lists_no_other_scorecard(
    client, candidate, interviewer, theirs
):
    interview = interview_for(candidate, interviewer)
    client.force_login(interviewer)
    html = client.get(reverse("scorecards:interview", args=[interview.pk])).content.decode()
    assert url(theirs) not in html
    assert Scorecard.objects.submitted().count() == 1


def test_an_amendment_after_reading_the_panel_is_flagged_in_the_history(
    client, candidate, interviewer, theirs
):
    own = submitted(interview_for(candidate, interviewer))
    client.force_login(interviewer)
    client.get(url(theirs))
    body = form_post(own, revision=own.revision, recommendation="no", reason="Saw their notes")
    assert (
        client.post(reverse("scorecards:scorecard-amend", args=[own.pk]), body).status_code == 302
    )
    html = client.get(url(own)).content.decode()
    assert "Saw their notes" in html
    assert "after reading the panel's feedback" in html


def test_the_packet_is_linked_only_once_the_panel_is_visible(
    client, candidate, interviewer, other_interviewer
):
    draft = scorecard_start(interview=interview_for(candidate, interviewer), by=interviewer)
    packet = reverse("scorecards:packet", args=[candidate.pk])
    client.force_login(interviewer)
    assert packet not in client.get(url(draft)).content.decode()
    own = submitted(interview_for(candidate, interviewer, exercise_name="Behavioral"))
    # Their other interview of this candidate is still a draft: the panel stays closed.
    assert packet not in client.get(url(own)).content.decode()
    scorecard_submit(scorecard=draft, data=complete_data(draft), by=interviewer)
    assert packet in client.get(url(own)).content.decode()
    interview_page = client.get(reverse("scorecards:interview", args=[own.interview_id]))
    assert packet in interview_page.content.decode()


def test_two_interviews_in_one_loop_keep_the_panel_closed_until_both_are_submitted(
    client, candidate, interviewer, theirs
):
    """docs/scoring-methods.md, "Blind review with two interviews in one loop": the panel stays
    closed until ALL of an interviewer's interviews
    of the candidate are submitted (marking the second scorecard as written after reading would
    only describe the anchoring, not prevent it)."""
    first = submitted(interview_for(candidate, interviewer))
    second = interview_for(candidate, interviewer, exercise_name="Behavioral")
    client.force_login(interviewer)
    # Blind review answers 404, as for anything not yet readable.
    assert client.get(url(theirs)).status_code == 404
    packet = reverse("scorecards:packet", args=[candidate.pk])
    response = client.get(packet)
    assert response.status_code == 404
    assert client.get(url(first)).status_code == 200  # one's own scorecard stays readable
    submitted(second)
    assert client.get(url(theirs)).status_code == 200
    assert client.get(packet).status_code == 200
