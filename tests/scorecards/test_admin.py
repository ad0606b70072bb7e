"""The Django admin shows the scoring data and changes none of it: a superuser who tries to
rewrite a submitted scorecard, a rating, an amendment, a decision, a candidate or an interview
there is refused, and nothing changes (no edit may bypass the revisions and the audit log)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from interviewkit.models import AuditEvent
from scorecards.models import Candidate, Decision, Interview, Rating, Scorecard, ScorecardRevision
from scorecards.services.scorecards import scorecard_amend
from tests.factories import DecisionFactory
from tests.scorecards.scorecard_fixtures import complete_data, interview_for, submitted


@pytest.fixture
def scored(candidate, other_interviewer, hiring_manager):
    """A submitted scorecard with one amendment, and a decision."""
    scorecard = submitted(interview_for(candidate, other_interviewer))
    data = complete_data(scorecard, value=2)
    scorecard_amend(
        scorecard=scorecard,
        data=data,
        reason="Re-read my notes",
        by=other_interviewer,
        revision=scorecard.revision,
    )
    scorecard.refresh_from_db()
    decision = DecisionFactory(candidate=candidate, decided_by=hiring_manager, rationale="Strong")
    return {
        Scorecard: scorecard,
        Rating: scorecard.ratings.first(),
        ScorecardRevision: scorecard.revisions.first(),
        Decision: decision,
        Candidate: candidate,
        Interview: scorecard.interview,
    }


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def snapshot(obj) -> dict:
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


SCORING_MODELS = [Scorecard, Rating, ScorecardRevision, Decision, Candidate, Interview]


@pytest.mark.parametrize("model", SCORING_MODELS, ids=lambda m: m._meta.model_name)
def test_a_superuser_reads_but_cannot_change_scoring_data_in_the_admin(
    client, admin_user, scored, model
):
    obj = scored[model]
    before = snapshot(obj)
    client.force_login(admin_user)

    page = client.get(admin_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    # What the admin's change form would send, with every text field rewritten.
    forged = {
        f.attname: "forged" if f.get_internal_type() in {"CharField", "TextField"} else ""
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key
    }
    if model is Scorecard:
        forged.update(recommendation="strong-no")
    if model is Rating:
        forged.update(value="1")
    assert client.post(admin_url(model, "change", obj.pk), forged).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "add"), forged).status_code == 403
    assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    bulk = client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in {200, 302}
    assert "Delete selected" not in client.get(admin_url(model, "changelist")).content.decode()

    assert snapshot(obj) == before
    # Each refusal is on record; nothing else happened.
    actions = AuditEvent.objects.filter(actor=admin_user).values_list("action", flat=True)
    assert set(actions) == {"auth.login", "permission.denied"}
    assert not LogEntry.objects.exists()


def test_a_submitted_scorecards_recommendation_and_ratings_survive_an_admin_edit(
    client, admin_user, scored
):
    """The finding itself: the admin's scorecard form with its ratings inline."""
    scorecard = scored[Scorecard]
    ratings = list(scorecard.ratings.order_by("pk").values_list("pk", "value"))
    client.force_login(admin_user)
    body = {
        "status": "submitted",
        "recommendation": "strong-no",
        "takeaways": "Rewritten",
        "ratings-TOTAL_FORMS": str(len(ratings)),
        "ratings-INITIAL_FORMS": str(len(ratings)),
        "ratings-MIN_NUM_FORMS": "0",
        "ratings-MAX_NUM_FORMS": "1000",
    }
    for index, (pk, _) in enumerate(ratings):
        body[f"ratings-{index}-id"] = str(pk)
        body[f"ratings-{index}-value"] = "1"
    client.post(admin_url(Scorecard, "change", scorecard.pk), body)
    scorecard.refresh_from_db()
    assert scorecard.recommendation != "strong-no"
    assert scorecard.takeaways != "Rewritten"
    assert list(scorecard.ratings.order_by("pk").values_list("pk", "value")) == ratings


def test_deleting_a_role_in_the_admin_cannot_take_its_candidates_with_it(
    client, admin_user, scored, role
):
    client.force_login(admin_user)
    url = reverse("admin:interviewkit_role_delete", args=[role.pk])
    page = client.get(url)
    assert "Cannot delete role" in page.content.decode()
    client.post(url, {"post": "yes"})
    assert Candidate.objects.filter(pk=scored[Candidate].pk).exists()
    assert Scorecard.objects.filter(pk=scored[Scorecard].pk).exists()
