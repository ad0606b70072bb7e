"""load_packet: what the database feeds the aggregation, in a constant number of queries."""

import pytest

from scorecards.models import ScorecardRevision
from scorecards.packets.load import load_packet
from tests.factories import DimensionFactory, KitVersionFactory, UserFactory
from tests.scorecards.packet_fixtures import (
    draft_scorecard,
    panel,
    submitted_scorecard,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [0, 2, 6])
def test_load_packet_takes_seven_queries_whatever_the_number_of_scorecards(
    candidate, count, django_assert_num_queries
):
    panel(candidate, count)
    draft_scorecard(candidate, UserFactory(username="late"))
    candidate.role  # noqa: B018 - loaded by the caller's access check in real use
    # interviews+scorecards, ratings, observed signals, kit versions, their dimensions,
    # decisions, amended scorecards.
    with django_assert_num_queries(7):
        packet = load_packet(candidate)
    assert len(packet.scorecards) == count
    assert len(packet.missing) == 1


def test_drafts_are_listed_as_missing_and_never_counted(scored_candidate):
    late = UserFactory(username="late", first_name="Lou", last_name="Late")
    draft_scorecard(scored_candidate, late, values=(1, 1, 1, 1))
    packet = load_packet(scored_candidate)
    assert len(packet.scorecards) == 2
    assert all(s.interviewer != "Lou Late" for s in packet.scorecards)
    assert [(m.interviewer, m.status) for m in packet.missing] == [("Lou Late", "draft")]
    assert packet.aggregate.overall == pytest.approx(250 / 90)


def test_an_amended_scorecard_is_marked(scored_candidate):
    card = load_packet(scored_candidate).scorecards[0]
    ScorecardRevision.objects.create(scorecard_id=card.id, number=1, snapshot={}, reason="Typo")
    assert load_packet(scored_candidate).scorecards[0].amended


def test_mixed_kit_versions_use_each_scorecards_own_weights_and_the_newest_as_reference(
    candidate, interviewer, other_interviewer
):
    v1 = candidate.role.current_kit()  # Dimension 1..4 weighted 40/30/20/10
    v2 = KitVersionFactory(role=candidate.role, number=2)
    for i, (name, weight) in enumerate([("Dimension 1", 60), ("Dimension 2", 40)]):
        DimensionFactory(kit=v2, name=name, weight=weight, position=i)
    submitted_scorecard(candidate, interviewer, [4, 2, 3, 3], kit=v1)
    submitted_scorecard(candidate, other_interviewer, [2, 4], kit=v2)
    packet = load_packet(candidate)
    agg = packet.aggregate
    assert packet.reference_kit == 2
    assert packet.mixed_versions
    d1, d2, d3, d4 = agg.dimensions
    # Dimension 1: (40·4 + 60·2) / 100 = 2.8, effective weight 50.
    assert (d1.mean, d1.weight, d1.kit_weight) == (pytest.approx(2.8), 50, 60)
    # Dimension 2: (30·2 + 40·4) / 70, effective weight 35.
    assert d2.mean == pytest.approx(220 / 70)
    # Dimensions 3 and 4 exist only in v1.
    assert (d3.in_reference_kit, d4.in_reference_kit) == (False, False)
    # overall = (50·2.8 + 35·220/70 + 20·3 + 10·3) / 115
    assert agg.overall == pytest.approx((140 + 110 + 60 + 30) / 115)
    assert agg.coverage == 100  # v2's two dimensions are both rated
    assert [k.number for k in packet.kits] == [1, 2]
    assert any("different kit versions (v1, v2)" in w for w in packet.warnings)
    assert [s.kit_version for s in packet.scorecards] == [1, 2]
