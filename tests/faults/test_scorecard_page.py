"""The scorecard page under faults: kit edits, expired sessions, removal, races, long notes."""

from unittest import mock

import pytest
from django.urls import reverse

from interviewkit import kit_json
from interviewkit.editor.editing import kit_edit, kit_edit_rows
from interviewkit.models import Signal
from interviewkit.services import kit_version_save
from scorecards.interviews import views as interview_views
from scorecards.models import Interview, ObservedSignal, Scorecard
from scorecards.services.candidates import interview_remove
from scorecards.services.scorecards import (
    NOTE_MAX,
    scorecard_move_to_version,
    scorecard_start,
    scorecard_submit,
)
from tests.factories import CandidateFactory
from tests.scorecards.scorecard_fixtures import complete_data, form_post, interview_for


def autosave_url(interview):
    return reverse("scorecards:interview-autosave", args=[interview.pk])


def submit_url(interview):
    return reverse("scorecards:interview-submit", args=[interview.pk])


def typed_on(interview, kit) -> dict[str, str]:
    """What the interviewer typed on a page built from `kit`: focus ratings with evidence, the
    red flag ticked with a note, a recommendation."""
    body = form_post(interview, revision=0, kit_version=kit.pk)
    red = kit.signals.get(kind=Signal.Kind.RED)
    body[f"signal_{red.pk}"] = "on"
    body[f"signal_note_{red.pk}"] = "Blamed the on-call team."
    return body


def make_used(role, interviewer_user):
    """A scorecard begun on the role's current kit, so that an edit makes a new version."""
    other = interview_for(CandidateFactory(role=role), interviewer_user)
    return scorecard_start(interview=other, by=interviewer_user)


def edit_description(role, by):
    rows = kit_edit_rows(role.current_kit())
    rows["dimensions"][0]["description"] = "Typo fixed."
    return kit_edit(role=role, **rows, by=by)


def test_the_page_carries_its_kit_version(client, interview, interviewer, kit):
    client.force_login(interviewer)
    html = client.get(reverse("scorecards:interview", args=[interview.pk])).content.decode()
    assert f'name="kit_version" value="{kit.pk}"' in html


def test_kit_edited_under_an_open_page_saves_on_the_version_seen(
    client, role, kit, interview, interviewer, other_interviewer, hiring_manager
):
    make_used(role, other_interviewer)
    body = typed_on(interview, kit)  # the page, built on the old version
    new = edit_description(role, hiring_manager)
    interview.refresh_from_db()
    assert new.pk != kit.pk and interview.exercise.kit_id == new.pk  # the interview moved
    client.force_login(interviewer)
    response = client.post(autosave_url(interview), body)
    assert response.status_code == 200, response.content.decode()
    scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.kit_id == kit.pk
    focus = set(kit.exercises.get(name="System design").focus.values_list("pk", flat=True))
    assert set(scorecard.ratings.values_list("dimension_id", flat=True)) == focus
    assert scorecard.observed.get().note == "Blamed the on-call team."
    # Submitting from the same page checks the focus the interviewer saw.
    body["revision"] = str(scorecard.revision)
    response = client.post(submit_url(interview), body)
    assert response.status_code == 302
    assert Scorecard.objects.get(interview=interview).is_submitted


def test_scorecard_on_another_version_refuses_with_409_and_hands_back_values(
    client, role, kit, interview, interviewer, other_interviewer, hiring_manager
):
    make_used(role, other_interviewer)
    body = typed_on(interview, kit)
    new = edit_description(role, hiring_manager)
    scorecard = scorecard_start(interview=interview, by=interviewer)
    scorecard_move_to_version(scorecard=scorecard, kit=new, by=interviewer)
    client.force_login(interviewer)
    for url in (autosave_url(interview), submit_url(interview)):
        response = client.post(url, body)
        assert response.status_code == 409
        text = response.content.decode()
        assert "Blamed the on-call team." in text and "changed while this page was open" in text
    assert not ObservedSignal.objects.filter(scorecard__interview=interview).exists()


def test_reimporting_an_unused_kit_in_place_keeps_signal_ids(role, kit, interview, interviewer):
    data = kit_json.kit_to_dict(kit)
    before = dict(kit.signals.values_list("text", "pk"))
    data["note"] = "Re-imported with a new note."
    data["dimensions"][0]["description"] = "Changed."
    result = kit_version_save(role=role, data=data)
    assert result.kit.pk == kit.pk
    assert dict(kit.signals.values_list("text", "pk")) == before


def test_expired_session_autosave_answers_401_never_a_redirect(client, interview, kit):
    response = client.post(
        autosave_url(interview), typed_on(interview, kit), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 401
    assert "logged out" in response.content.decode()


def test_expired_session_submit_answers_401_with_what_was_sent(client, interview, kit):
    page = reverse("scorecards:interview", args=[interview.pk])
    response = client.post(
        submit_url(interview), typed_on(interview, kit), HTTP_REFERER=f"http://testserver{page}"
    )
    assert response.status_code == 401
    text = response.content.decode()
    assert "Blamed the on-call team." in text
    assert f"next={page.replace('/', '%2F')}" in text  # back to the page, not to the POST URL


def test_a_page_still_redirects_to_log_in(client, interview):
    response = client.get(reverse("scorecards:interview", args=[interview.pk]))
    assert response.status_code == 302


def test_removed_interview_autosave_is_not_saved(client, interview, interviewer, kit):
    body = typed_on(interview, kit)
    client.force_login(interviewer)
    Interview.objects.filter(pk=interview.pk).delete()
    assert client.post(autosave_url(interview), body).status_code == 404


def test_removal_and_first_autosave_cannot_both_win(client, interview, interviewer, kit):
    """The removal runs between the page's access check and the scorecard's creation."""
    body = typed_on(interview, kit)
    client.force_login(interviewer)
    real_start = interview_views.scorecard_start

    def removed_meanwhile(**kwargs):
        interview_remove(interview=Interview.objects.get(pk=interview.pk), by=None)
        return real_start(**kwargs)

    with mock.patch.object(interview_views, "scorecard_start", removed_meanwhile):
        response = client.post(autosave_url(interview), body)
    assert response.status_code == 404
    assert "removed" in response.content.decode()
    assert not Scorecard.objects.exists()


def test_two_submits_at_once_give_no_500(client, interview, interviewer, kit):
    scorecard = scorecard_start(interview=interview, by=interviewer)
    body = form_post(interview, revision=scorecard.revision, kit_version=kit.pk)
    client.force_login(interviewer)
    real_submit = interview_views.scorecard_submit

    def the_other_click_first(**kwargs):
        other = Scorecard.objects.get(pk=scorecard.pk)
        real_submit(scorecard=other, data=complete_data(other), by=interviewer)
        return real_submit(**kwargs)

    with mock.patch.object(interview_views, "scorecard_submit", the_other_click_first):
        response = client.post(submit_url(interview), body)
    assert response.status_code == 302
    assert Scorecard.objects.get(pk=scorecard.pk).is_submitted


def test_leave_page_save_with_an_old_revision_is_merged(client, interview, interviewer, kit):
    scorecard = scorecard_start(interview=interview, by=interviewer)
    client.force_login(interviewer)
    first = form_post(interview, revision=scorecard.revision, kit_version=kit.pk, takeaways="")
    assert client.post(autosave_url(interview), first).status_code == 200
    # An autosave from another tab (or still in flight) wrote the take-aways meanwhile.
    scorecard.refresh_from_db()
    newer = {"revision": scorecard.revision, "kit_version": kit.pk, "takeaways": "Later words."}
    assert client.post(autosave_url(interview), newer).status_code == 200
    leaving = dict(first, leaving="1", recommendation="strong-yes")
    response = client.post(autosave_url(interview), leaving)
    assert response.status_code == 200, response.content.decode()
    scorecard.refresh_from_db()
    assert scorecard.takeaways == "Later words."
    assert scorecard.recommendation == "strong-yes"
    rated = [key for key in first if key.startswith("rating_")]
    assert rated and scorecard.ratings.count() == len(rated)


def test_a_note_is_counted_as_the_user_sees_it(client, interview, interviewer, kit):
    """4,990 visible characters with 20 line breaks: the browser sends 5,010 with CRLF."""
    scorecard = scorecard_start(interview=interview, by=interviewer)
    note = "\r\n".join(["x" * 235] * 20 + ["x" * 270])
    assert len(note.replace("\r\n", "\n")) <= NOTE_MAX < len(note)
    client.force_login(interviewer)
    body = form_post(interview, revision=scorecard.revision, kit_version=kit.pk, takeaways=note)
    assert client.post(autosave_url(interview), body).status_code == 200
    body["revision"] = str(Scorecard.objects.get(pk=scorecard.pk).revision)
    assert client.post(submit_url(interview), body).status_code == 302


def test_a_note_too_long_is_refused_with_its_length_and_never_cut(client, interview, interviewer):
    client.force_login(interviewer)
    html = client.get(reverse("scorecards:interview", args=[interview.pk])).content.decode()
    assert "maxlength" not in html and f'data-max-length="{NOTE_MAX}"' in html
    body = form_post(interview, revision=0, takeaways="y" * 100_000)
    response = client.post(autosave_url(interview), body)
    assert response.status_code == 400
    assert "it has 100000" in response.content.decode()


def test_submit_with_the_scorecard_submitted_meanwhile_by_the_service(interview, interviewer):
    """The service itself refuses a second submit (the view turns it into a message)."""
    from scorecards.services.scorecards import ScorecardLocked

    scorecard = scorecard_start(interview=interview, by=interviewer)
    stale = Scorecard.objects.get(pk=scorecard.pk)
    scorecard_submit(scorecard=scorecard, data=complete_data(scorecard), by=interviewer)
    with pytest.raises(ScorecardLocked):
        scorecard_submit(scorecard=stale, data=complete_data(stale), by=interviewer)
