"""The interviewer's choice when the kit got a newer version: finish on the old one or move."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from interviewkit.editor.editing import kit_edit
from scorecards.models import Scorecard
from tests.interviewkit.editor_fixtures import scorecard_with_ratings, with_weights

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(role, kit, candidate, interviewer):
    return scorecard_with_ratings(
        candidate, kit, [4, 2, 3, None], interviewer=interviewer, exercise=kit.exercises.first()
    )


@pytest.fixture
def newer(role, kit, draft, hiring_manager):
    data = with_weights(kit, 40, 30, 30, 0)
    data["dimensions"][1]["name"] = "Collaboration"
    data["exercises"][0]["focus"] = ["Dimension 1", "Collaboration"]
    return kit_edit(role=role, **data, by=hiring_manager)


def url(scorecard):
    return reverse("kits:scorecard-move", args=[scorecard.pk])


def test_the_hiring_team_may_not_move_someone_s_draft_and_outsiders_do_not_see_it(
    client, draft, newer, hiring_manager, outsider, other_interviewer
):
    for user in (hiring_manager, outsider, other_interviewer):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 404
        assert client.post(url(draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.kit.number == 1


def test_a_submitted_scorecard_cannot_move(client, draft, newer, interviewer, hiring_manager):
    Scorecard.objects.filter(pk=draft.pk).update(
        status=Scorecard.Status.SUBMITTED, recommendation="yes", submitted_at="2026-01-01T10:00Z"
    )
    client.force_login(interviewer)
    assert client.post(url(draft)).status_code == 403
    client.force_login(hiring_manager)
    assert client.post(url(draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.kit.number == 1


def test_the_interviewer_sees_what_would_change(
    client, draft, newer, interviewer, django_assert_num_queries
):
    client.force_login(interviewer)
    # Queries: session, user, the scorecard with its kit, role, interview, candidate and
    # exercise; the newest version; the ratings with dimensions; the newest version's dimension
    # names; each version's dimensions, exercises, focus and signals (4 × 2); navbar groups.
    with django_assert_num_queries(15):
        response = client.get(url(draft) + "?next=/somewhere/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Move my draft to v2" in page and "Finish on v1" in page
    assert [r.dimension.name for r in response.context["carried"]] == [
        "Dimension 1",
        "Dimension 3",
        "Dimension 4",
    ]
    assert [r.dimension.name for r in response.context["dropped"]] == ["Dimension 2"]
    assert 'href="/somewhere/"' in page


def test_moving_carries_the_ratings_over_and_returns_to_the_interview(
    client, draft, newer, interviewer
):
    client.force_login(interviewer)
    response = client.post(url(draft), {"next": "/interviews/7/"}, follow=False)
    assert response.status_code == 302 and response.url == "/interviews/7/"
    draft.refresh_from_db()
    assert draft.kit == newer
    assert {r.dimension.name: r.value for r in draft.ratings.all()} == {
        "Dimension 1": 4,
        "Dimension 3": 3,
        "Dimension 4": None,
    }
    assert "Dimension 2 (rated 2)" in draft.takeaways


def test_an_unsafe_next_address_is_ignored(client, draft, newer, interviewer, role):
    client.force_login(interviewer)
    response = client.post(url(draft), {"next": "https://evil.example/"})
    assert response.url == reverse("kits:kit-detail", args=[role.slug])


def render_notice(scorecard, user):
    request = RequestFactory().get("/interviews/1/")
    request.user = user
    return render_to_string(
        "interviewkit/editor/_version_notice.html", {"scorecard": scorecard}, request=request
    )


def test_the_notice_offers_the_choice_to_the_interviewer_of_a_draft(draft, newer, interviewer):
    html = render_notice(draft, interviewer)
    assert "A newer version of the kit exists" in html
    assert "Move my draft to v2" in html and url(draft) in html


def test_the_notice_stays_silent_when_the_draft_is_on_the_newest_version(
    draft, interviewer, hiring_manager
):
    assert "newer version" not in render_notice(draft, interviewer)


def test_the_notice_is_for_the_interviewer_alone(draft, newer, hiring_manager):
    assert "newer version" not in render_notice(draft, hiring_manager)
