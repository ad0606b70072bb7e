"""The interview page (kit beside the form), autosave, submit and amend, with bad input."""

import pytest
from django.urls import reverse

from scorecards.models import Rating, Scorecard
from scorecards.services.scorecards import NOTE_MAX, scorecard_start
from tests.factories import CandidateFactory, make_kit
from tests.scorecards.scorecard_fixtures import form_post, interview_for, submitted


def page_url(interview):
    return reverse("scorecards:interview", args=[interview.pk])


def autosave_url(interview):
    return reverse("scorecards:interview-autosave", args=[interview.pk])


def submit_url(interview):
    return reverse("scorecards:interview-submit", args=[interview.pk])


def focus(interview):
    return list(interview.exercise.focus.all())


# --- who may open what -------------------------------------------------------------------


def test_an_outsider_gets_404_everywhere(client, interview, outsider):
    client.force_login(outsider)
    assert client.get(page_url(interview)).status_code == 404
    assert client.post(autosave_url(interview), form_post(interview, revision=0)).status_code == 404
    assert client.post(submit_url(interview), form_post(interview, revision=0)).status_code == 404
    assert not Scorecard.objects.exists()


def test_the_hiring_manager_may_not_fill_it(client, interview, hiring_manager):
    client.force_login(hiring_manager)
    assert client.get(page_url(interview)).status_code == 403
    assert client.post(autosave_url(interview), form_post(interview, revision=0)).status_code == 403
    assert not Scorecard.objects.exists()


def test_the_interviewer_sees_the_kit_beside_the_form(client, interview, interviewer, kit):
    dims = focus(interview)
    dims[0].anchor_4 = "Designs for failure from the start"
    dims[0].save()
    interview.exercise.questions = ["How would it fail?"]
    interview.exercise.save()
    client.force_login(interviewer)
    response = client.get(page_url(interview))
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "Design something.",  # the brief
        "60 min",
        "How would it fail?",
        "Dimension 1",
        "40%",
        "Blames others",  # a red flag to listen for
        "Relies on heroics",
        "4 · Strong yes: Designs for failure from the start",  # anchor beside the radio
        "Not assessed in this interview",
        "Other dimensions of the kit",
        'hx-trigger="change, input delay:2s, autosave-now"',
        "js/scorecard.js",
    ]:
        assert text in body, text
    # Every dimension has a labelled rating group and evidence box.
    for d in kit.dimensions.all():
        assert f'name="rating_{d.pk}"' in body
        assert f'for="id_evidence_{d.pk}"' in body
    assert not Scorecard.objects.exists()  # looking starts nothing


def draft_on_a_kit_of(weights, interviewer):
    """An interview of a new kit with dimensions of `weights`, and its started scorecard."""
    kit = make_kit(weights=weights)
    interview = interview_for(CandidateFactory(role=kit.role), interviewer)
    return interview, scorecard_start(interview=interview, by=interviewer)


@pytest.mark.parametrize("weights", [(40, 30, 20, 10), (10,) * 10])
def test_the_interview_page_takes_the_same_queries_for_any_number_of_dimensions(
    client, interviewer, django_assert_num_queries, weights
):
    client.force_login(interviewer)
    interview, scorecard = draft_on_a_kit_of(weights, interviewer)
    for dimension in scorecard.kit.dimensions.all():
        Rating.objects.create(scorecard=scorecard, dimension=dimension, value=3)
    # Queries: session, user, the interview with candidate, role and exercise, the scorecard,
    # its ratings, its observed signals, the kit with role, its dimensions, its exercises, their
    # focus, its signals with dimension, persona groups (navbar), and the role's newest kit
    # version (the "a newer kit version exists" notice on a draft), then for the recruiters'
    # notes (blind review): the user's rights on the role and whether they have submitted.
    with django_assert_num_queries(15):
        assert client.get(page_url(interview)).status_code == 200


# --- autosave ------------------------------------------------------------------------------


@pytest.mark.parametrize("weights", [(40, 30, 20, 10), (10,) * 10])
def test_an_autosave_takes_the_same_queries_for_any_number_of_dimensions(
    client, interviewer, django_assert_num_queries, weights
):
    client.force_login(interviewer)
    interview, scorecard = draft_on_a_kit_of(weights, interviewer)
    posted = form_post(interview, revision=scorecard.revision)
    # Queries: session, user, the interview with candidate, role and exercise, the scorecard,
    # the kit with role, its dimensions, its exercises, their focus, its signals with
    # dimension; then the save, in a savepoint here (the test's transaction is around it): the
    # revision's compare-and-swap and its read, the old ratings and observed signals deleted,
    # the new ratings written. The kit is read once (the checks use the page's), and nothing
    # for the navigation, which the status line does not show.
    with django_assert_num_queries(16):
        response = client.post(autosave_url(interview), posted)
    assert response.status_code == 200
    scorecard.refresh_from_db()
    assert scorecard.revision == int(posted["revision"]) + 1
    assert scorecard.ratings.count() == len(focus(interview))


def test_autosave_creates_the_draft_and_reload_restores_it(client, interview, interviewer):
    first = focus(interview)[0]
    client.force_login(interviewer)
    response = client.post(
        autosave_url(interview),
        {"revision": "0", f"rating_{first.pk}": "4", f"evidence_{first.pk}": "Drew the failover"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Saved at" in body
    assert 'name="revision" value="2" id="id_revision" hx-swap-oob="true"' in body
    scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.status == Scorecard.Status.DRAFT
    page = client.get(page_url(interview))
    assert "Drew the failover" in page.content.decode()
    form = page.context["form"]
    assert form[f"rating_{first.pk}"].value() == "4"
    assert form["revision"].value() == 2


def test_autosave_from_a_stale_tab_is_refused_and_returns_the_text(client, interview, interviewer):
    client.force_login(interviewer)
    client.post(autosave_url(interview), {"revision": "0", "takeaways": "From tab A"})
    response = client.post(autosave_url(interview), {"revision": "0", "takeaways": "From tab B"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "changed in another tab" in body
    assert "From tab B" in body  # nothing typed is lost
    assert f'href="{page_url(interview)}">Reload the page</a>' in body
    assert Scorecard.objects.get(interview=interview).takeaways == "From tab A"


def test_autosave_refuses_an_oversized_note_and_says_so(client, interview, interviewer):
    client.force_login(interviewer)
    response = client.post(
        autosave_url(interview), {"revision": "0", "takeaways": "x" * (NOTE_MAX + 1)}
    )
    assert response.status_code == 400
    assert f"Key take-aways: Keep this under {NOTE_MAX} characters" in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize("value", ["5", "0", "abc"])
def test_autosave_refuses_a_rating_out_of_range(client, interview, interviewer, value):
    first = focus(interview)[0]
    client.force_login(interviewer)
    response = client.post(autosave_url(interview), {"revision": "0", f"rating_{first.pk}": value})
    assert response.status_code == 400
    assert "Choose a rating from 1 to 4, or not assessed." in response.content.decode()
    assert not Rating.objects.exists()


def test_a_dimension_not_in_the_kit_is_never_stored(client, interview, interviewer):
    foreign = make_kit().dimensions.first()
    client.force_login(interviewer)
    response = client.post(
        autosave_url(interview), {"revision": "0", f"rating_{foreign.pk}": "4", "takeaways": "ok"}
    )
    assert response.status_code == 200
    assert not Rating.objects.filter(dimension=foreign).exists()


def test_autosave_after_submit_says_it_is_submitted(client, interview, interviewer):
    scorecard = submitted(interview)
    client.force_login(interviewer)
    response = client.post(autosave_url(interview), {"revision": str(scorecard.revision)})
    assert response.status_code == 409
    assert "was submitted" in response.content.decode()


# --- submit --------------------------------------------------------------------------------


def test_submit_with_missing_evidence_shows_the_error_beside_the_field(
    client, interview, interviewer
):
    first = focus(interview)[0]
    client.force_login(interviewer)
    body = form_post(
        interview, revision=0, **{f"rating_{first.pk}": "4", f"evidence_{first.pk}": ""}
    )
    body["takeaways"] = "Keep me"
    response = client.post(submit_url(interview), body)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"evidence_{first.pk}"] == [
        "A rating of 4 needs evidence: what did you see or hear?"
    ]
    html = response.content.decode()
    assert "Not submitted: 1 answer needs attention" in html
    assert f'id="error_1_id_evidence_{first.pk}"' in html  # crispy puts it under the field
    # ... and the summary at the top takes focus (static/js/app.js) and links to it.
    assert "data-error-summary" in html
    assert f'href="#id_evidence_{first.pk}"' in html
    assert "Keep me" in html
    assert Scorecard.objects.get(interview=interview).status == Scorecard.Status.DRAFT


def test_submit_without_recommendation_or_ratings_lists_each(client, interview, interviewer):
    client.force_login(interviewer)
    response = client.post(submit_url(interview), {"revision": "0"})
    errors = response.context["form"].errors
    assert set(errors) == {"recommendation", *(f"rating_{d.pk}" for d in focus(interview))}


def test_red_flag_needs_a_note(client, interview, interviewer, kit):
    red = kit.signals.get(kind="red")
    client.force_login(interviewer)
    response = client.post(
        submit_url(interview), form_post(interview, revision=0, **{f"signal_{red.pk}": "on"})
    )
    assert response.context["form"].errors == {
        f"signal_note_{red.pk}": ["A red flag needs a note: what happened?"]
    }


def test_submit_succeeds_and_the_scorecard_becomes_read_only(client, interview, interviewer):
    client.force_login(interviewer)
    response = client.post(submit_url(interview), form_post(interview, revision=0))
    assert response.status_code == 302
    scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.status == Scorecard.Status.SUBMITTED
    page = client.get(page_url(interview))
    html = page.content.decode()
    assert "Amend" in html
    assert 'id="scorecard-form"' not in html
    assert "Scorecard submitted" in html
    # Posting the form again changes nothing.
    again = client.post(
        submit_url(interview), form_post(interview, revision=scorecard.revision, takeaways="x")
    )
    assert again.status_code == 302
    scorecard.refresh_from_db()
    assert scorecard.takeaways == "Solid."


def test_submit_from_a_stale_tab_keeps_the_posted_values(client, interview, interviewer):
    client.force_login(interviewer)
    client.post(autosave_url(interview), {"revision": "0", "takeaways": "Tab A"})
    response = client.post(
        submit_url(interview), form_post(interview, revision=1, takeaways="Tab B")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed in another tab" in html
    assert "Tab B" in html
    assert response.context["form"]["revision"].value() == "2"
    assert Scorecard.objects.get(interview=interview).status == Scorecard.Status.DRAFT


# --- amend ---------------------------------------------------------------------------------


def amend_url(scorecard):
    return reverse("scorecards:scorecard-amend", args=[scorecard.pk])


def test_the_amend_page_asks_its_interviewer_for_a_reason(client, interview, interviewer):
    # Who else may open it (nobody): tests/test_permission_matrix.py, "scorecards:scorecard-amend".
    scorecard = submitted(interview)
    client.force_login(interviewer)
    response = client.get(amend_url(scorecard))
    assert response.status_code == 200
    assert "Reason for the amendment" in response.content.decode()


def test_amend_needs_a_reason_and_keeps_the_input(client, interview, interviewer):
    scorecard = submitted(interview)
    client.force_login(interviewer)
    response = client.post(
        amend_url(scorecard),
        form_post(interview, revision=scorecard.revision, takeaways="Changed my mind"),
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert "Changed my mind" in response.content.decode()
    assert not scorecard.revisions.exists()


def test_amend_keeps_the_original_in_the_visible_history(client, interview, interviewer):
    scorecard = submitted(interview)
    client.force_login(interviewer)
    body = form_post(
        interview, revision=scorecard.revision, recommendation="no", reason="Misread my notes"
    )
    response = client.post(amend_url(scorecard), body)
    assert response.status_code == 302
    scorecard.refresh_from_db()
    assert scorecard.recommendation == "no"
    html = client.get(page_url(interview)).content.decode()
    assert "History: 1 amendment" in html
    assert "Misread my notes" in html


def test_a_refused_submit_still_keeps_the_draft(client, interview, interviewer):
    client.force_login(interviewer)
    response = client.post(submit_url(interview), {"revision": "0", "takeaways": "Half written"})
    assert response.status_code == 200
    scorecard = Scorecard.objects.get(interview=interview)
    assert (scorecard.status, scorecard.takeaways) == ("draft", "Half written")
    assert response.context["form"]["revision"].value() == str(scorecard.revision)
    # Autosave carries on from the revision the page now holds.
    again = client.post(
        autosave_url(interview), {"revision": str(scorecard.revision), "takeaways": "More"}
    )
    assert again.status_code == 200


def test_a_tab_opened_before_the_draft_existed_cannot_submit_over_it(
    client, interview, interviewer
):
    client.force_login(interviewer)
    client.post(autosave_url(interview), {"revision": "0", "takeaways": "Tab A started it"})
    response = client.post(submit_url(interview), form_post(interview, revision=0))
    assert "changed in another tab" in response.content.decode()
    scorecard = Scorecard.objects.get(interview=interview)
    assert (scorecard.status, scorecard.takeaways) == ("draft", "Tab A started it")


def test_evidence_typed_before_rating_reloads_without_a_rating(client, interview, interviewer):
    first = focus(interview)[0]
    client.force_login(interviewer)
    client.post(autosave_url(interview), {"revision": "0", f"evidence_{first.pk}": "Notes"})
    form = client.get(page_url(interview)).context["form"]
    assert form[f"evidence_{first.pk}"].value() == "Notes"
    assert form[f"rating_{first.pk}"].value() is None  # not turned into "not assessed"


def test_another_dimension_of_the_kit_may_be_rated_and_its_section_opens(
    client, interview, interviewer, kit
):
    other = kit.dimensions.exclude(pk__in=[d.pk for d in focus(interview)]).first()
    client.force_login(interviewer)
    closed = client.get(page_url(interview)).content.decode()
    assert '<details class="mb-3 other-dimensions">' in closed
    client.post(autosave_url(interview), {"revision": "0", f"rating_{other.pk}": "2"})
    opened = client.get(page_url(interview)).content.decode()
    assert '<details class="mb-3 other-dimensions" open>' in opened
    body = form_post(interview, revision=2, **{f"rating_{other.pk}": "2"})
    assert client.post(submit_url(interview), body).status_code == 302
    scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.status == Scorecard.Status.SUBMITTED
    assert scorecard.ratings.get(dimension=other).value == 2
