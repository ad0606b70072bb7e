"""Decisions under faults: an app server whose clock is off, two decisions in one moment, and a
hiring manager deciding on a page someone else's decision has made stale."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from interviewkit.timezones import format_zoned
from scorecards.models import Decision
from scorecards.packets.load import load_packet
from scorecards.services.decisions import (
    DecidedMeanwhile,
    SeenDecision,
    current_decision,
    decision_record,
)
from tests.factories import ScorecardFactory, UserFactory
from tests.faults.concurrency import Race

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scored(candidate, kit):
    """The candidate has a submitted scorecard: these decisions rest on the panel's feedback
    (deciding without any is test_decision's `..._without_any_scorecard_...`)."""
    return ScorecardFactory(submitted=True, interview__candidate=candidate, kit=kit)


def app_clock_off_by(delta: timedelta):
    """The app server's clock `delta` away from the truth (the database's clock is right)."""
    real_now = timezone.now
    return mock.patch("django.utils.timezone.now", lambda: real_now() + delta)


@pytest.fixture
def second_manager(role):
    user = UserFactory(username="second_manager", first_name="Sam", last_name="Second")
    role.hiring_managers.add(user)
    return user


def test_history_follows_the_database_clock_not_a_fast_app_server(candidate, hiring_manager):
    with app_clock_off_by(timedelta(hours=1)):  # this server runs an hour ahead
        first = decision_record(
            candidate=candidate, outcome="hold", rationale="Wait.", by=hiring_manager
        )
    second = decision_record(
        candidate=candidate, outcome="hire", rationale="Go.", by=hiring_manager
    )

    assert current_decision(candidate) == second
    assert list(load_packet(candidate).decisions) == [second, first]
    assert first.decided_at <= second.decided_at


def test_a_decision_is_stamped_by_the_database_even_with_the_app_clock_years_off(
    candidate, hiring_manager
):
    with mock.patch("django.utils.timezone.now", lambda: datetime(2001, 1, 1, tzinfo=UTC)):
        decision = decision_record(
            candidate=candidate, outcome="hire", rationale="Go.", by=hiring_manager
        )

    decision.refresh_from_db()
    assert abs(decision.decided_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_two_decisions_in_one_moment_keep_the_order_they_were_recorded(
    candidate, hiring_manager, second_manager
):
    frozen = timezone.now()
    with mock.patch("django.utils.timezone.now", lambda: frozen):
        decisions = [
            decision_record(
                candidate=candidate, outcome=outcome, rationale=outcome, by=hiring_manager
            )
            for outcome in ("hold", "no-hire", "hire")
        ]

    assert list(Decision.objects.filter(candidate=candidate)) == decisions[::-1]
    assert current_decision(candidate).outcome == "hire"


def test_deciding_on_a_stale_view_is_refused_with_what_was_decided(
    candidate, hiring_manager, second_manager
):
    decision_record(candidate=candidate, outcome="hold", rationale="Wait.", by=hiring_manager)
    seen = SeenDecision(decision_id=current_decision(candidate).pk)
    theirs = decision_record(
        candidate=candidate, outcome="no-hire", rationale="Weak design.", by=second_manager
    )

    with pytest.raises(DecidedMeanwhile) as caught:
        decision_record(
            candidate=candidate, outcome="hire", rationale="Go.", by=hiring_manager, seen=seen
        )

    assert caught.value.decision == theirs
    assert Decision.objects.filter(candidate=candidate).count() == 2


def packet_url(candidate):
    return reverse("scorecards:packet", args=[candidate.pk])


def decision_url(candidate):
    return reverse("scorecards:packet-decision", args=[candidate.pk])


def test_the_page_says_someone_else_decided_meanwhile_and_keeps_the_choice_and_note(
    client, candidate, hiring_manager, second_manager
):
    client.force_login(hiring_manager)
    page = client.get(packet_url(candidate))
    shown = page.context["form"]["current_decision"].value()
    assert shown in (None, "")  # no decision yet when the page was opened
    theirs = decision_record(
        candidate=candidate, outcome="no-hire", rationale="Weak on design.", by=second_manager
    )

    body = {"outcome": "hire", "rationale": "Strong panel.", "current_decision": ""}
    response = client.post(decision_url(candidate), body)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else decided meanwhile" in html
    assert "Sam Second recorded <strong>No hire</strong>" in html
    assert "Weak on design." in html
    when = format_zoned(theirs.decided_at, "j M Y, H:i:s")
    assert when.endswith("UTC")
    assert f"on {when}, after this page was opened" in html
    form = response.context["form"]
    assert (form["outcome"].value(), form["rationale"].value()) == ("hire", "Strong panel.")
    assert Decision.objects.filter(candidate=candidate).count() == 1

    # Recording again from that page, knowing it, replaces their decision.
    again = client.post(
        decision_url(candidate),
        {**body, "current_decision": form["current_decision"].value()},
    )
    assert again.status_code == 302
    assert current_decision(candidate).outcome == "hire"


def test_a_page_showing_the_current_decision_records_over_it(client, candidate, hiring_manager):
    decision_record(candidate=candidate, outcome="hold", rationale="Wait.", by=hiring_manager)
    client.force_login(hiring_manager)
    shown = client.get(packet_url(candidate)).context["form"]["current_decision"].value()

    response = client.post(
        decision_url(candidate),
        {"outcome": "hire", "rationale": "Go.", "current_decision": shown},
    )

    assert response.status_code == 302
    assert current_decision(candidate).outcome == "hire"


@pytest.mark.django_db(transaction=True)
def test_two_managers_deciding_at_once_one_is_told(candidate, hiring_manager, second_manager):
    """Two threads, a database connection each, both on a page that showed no decision."""
    race = Race()

    def decide(user, outcome):
        def call():
            race.write_now()
            return decision_record(
                candidate=candidate,
                outcome=outcome,
                rationale=f"{user.username} says {outcome}.",
                by=user,
                seen=SeenDecision(decision_id=None),
            )

        return call

    results = race.run(decide(hiring_manager, "hire"), decide(second_manager, "no-hire"))

    recorded = [r for r in results if isinstance(r, Decision)]
    told = [r for r in results if isinstance(r, DecidedMeanwhile)]
    assert (len(recorded), len(told)) == (1, 1), results
    assert told[0].decision == recorded[0]
    assert Decision.objects.filter(candidate=candidate).count() == 1
