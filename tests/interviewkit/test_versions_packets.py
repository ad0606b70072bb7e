"""Done means: a hiring manager edits a used kit; every existing packet shows the same scores."""

import pytest
from django.urls import reverse
from django.utils import timezone

from scorecards.models import Scorecard
from scorecards.packets.load import load_packet
from scorecards.packets.serialize import packet_json
from tests.factories import CandidateFactory
from tests.interviewkit.editor_fixtures import editor_post, scorecard_with_ratings

pytestmark = pytest.mark.django_db


def submit(scorecard, recommendation="yes"):
    Scorecard.objects.filter(pk=scorecard.pk).update(
        status=Scorecard.Status.SUBMITTED,
        recommendation=recommendation,
        submitted_at=timezone.now(),
    )


def test_editing_a_used_kit_in_the_editor_leaves_every_packet_unchanged(
    client, role, kit, candidate, hiring_manager
):
    other = CandidateFactory(role=role)
    for c, ratings in ((candidate, [[4, 2, 1, 3], [2, None, 4, 4]]), (other, [[3, 3, 3, 3]])):
        for values in ratings:
            submit(scorecard_with_ratings(c, kit, values))
    before = {c.pk: packet_json(load_packet(c)) for c in (candidate, other)}
    assert before[candidate.pk]["scorecards"][0]["weighted"] == 2.7

    client.force_login(hiring_manager)
    data = editor_post(
        kit,
        **{
            "dimensions-0-weight": "10",
            "dimensions-1-weight": "50",
            "dimensions-2-DELETE": "on",
            "dimensions-3-weight": "40",
            "dimensions-3-name": "Renamed fourth",
        },
    )
    response = client.post(reverse("kits:kit-edit", args=[role.slug]), data)
    assert response.status_code == 302
    assert role.current_kit().number == 2

    after = {c.pk: packet_json(load_packet(c)) for c in (candidate, other)}
    assert after == before
