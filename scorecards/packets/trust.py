"""How far to trust a packet's score: its uncertainty, a calibrated view and anchoring notes.

`packet_trust(candidate)` gives the context of `templates/scorecards/packet/_trust.html`:

- `uncertainty`: a `calibration.Uncertainty` (a seeded bootstrap interval of the overall score,
  or "too few scorecards" below `calibration.MIN_SCORECARDS`);
- `calibrated`: each scorecard's weighted score beside the same score with its interviewer's
  leniency (measured on the role's submitted ratings) taken off, and the calibrated overall
  beside the raw one. It never replaces the raw score. It is left out (None) for a viewer who is
  not a hiring manager of the role or an admin: colleagues' leniency is not for interviewers;
- `anchoring`: amendments that changed a rating or the recommendation after their author had
  read the other scorecards (`ScorecardRevision.author_had_read_others`).

Queries beyond `load_packet` (which it runs when no `packet` is passed): the scorecards'
interviewer ids, the role's submitted ratings of the candidates those interviewers rated
(calibrated view only), and the candidate's
revisions; plus the viewer's role check when a `viewer` is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from scorecards import access
from scorecards.calibration import stats as calibration
from scorecards.calibration.data import ratings_for
from scorecards.calibration.stats import Leniency
from scorecards.models import Candidate, Interview, Scorecard, ScorecardRevision
from scorecards.packets.load import LEVEL_LABELS, Packet, ScorecardView, load_packet, person_name


@dataclass(frozen=True)
class CalibratedRow:
    scorecard: ScorecardView
    leniency: Leniency
    raw: float | None
    calibrated: float | None

    @property
    def adjustment(self) -> float:
        return self.leniency.mean if self.leniency.reported else 0.0


@dataclass(frozen=True)
class CalibratedView:
    rows: tuple[CalibratedRow, ...]
    raw_overall: float | None
    calibrated_overall: float | None

    @property
    def adjusted_count(self) -> int:
        return sum(1 for row in self.rows if row.leniency.reported)

    @property
    def shift(self) -> float | None:
        if self.raw_overall is None or self.calibrated_overall is None:
            return None
        return self.calibrated_overall - self.raw_overall


@dataclass(frozen=True)
class AnchoringNote:
    interviewer: str
    scorecard: int
    revision: int
    reason: str
    changes: tuple[str, ...]  # "Dimension 1: Yes (3) → No (2)"


def _matrices(cards: tuple[ScorecardView, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Scorecards × dimensions (by name, first-seen order) of ratings (nan = not rated) and of
    the weight each scorecard's kit version gives each dimension."""
    names: list[str] = []
    for card in cards:
        for row in card.ratings:
            if row.dimension not in names:
                names.append(row.dimension)
    ratings = np.full((len(cards), len(names)), np.nan)
    weights = np.zeros((len(cards), len(names)))
    for s, card in enumerate(cards):
        for row in card.ratings:
            d = names.index(row.dimension)
            weights[s, d] = row.weight
            if row.value is not None:
                ratings[s, d] = row.value
    return ratings, weights


def _level(value) -> str:
    return f"{LEVEL_LABELS[value]} ({value})" if value in LEVEL_LABELS else "not assessed"


def anchoring_notes(candidate: Candidate, cards: tuple[ScorecardView, ...]) -> list[AnchoringNote]:
    """Amendments made after reading the others that changed a rating or the recommendation.
    One query (the candidate's revisions); the state after the last amendment is `cards`."""
    revisions = list(
        ScorecardRevision.objects.filter(scorecard__interview__candidate=candidate)
        .select_related("scorecard__interview__interviewer")
        .order_by("scorecard_id", "number")
    )
    current = {
        card.id: (
            {row.dimension: row.value for row in card.ratings},
            card.recommendation,
            card.recommendation_label,
        )
        for card in cards
    }
    notes = []
    for k, revision in enumerate(revisions):
        if not revision.author_had_read_others:
            continue
        before = revision.snapshot or {}
        following = revisions[k + 1] if k + 1 < len(revisions) else None
        if following is not None and following.scorecard_id == revision.scorecard_id:
            after_snapshot = following.snapshot or {}
            after = (
                {r["dimension"]: r["value"] for r in after_snapshot.get("ratings", [])},
                after_snapshot.get("recommendation", ""),
                after_snapshot.get("recommendation_label", ""),
            )
        elif revision.scorecard_id in current:
            after = current[revision.scorecard_id]
        else:
            continue
        before_ratings = {r["dimension"]: r["value"] for r in before.get("ratings", [])}
        changes = [
            f"{name}: {_level(before_ratings.get(name))} → {_level(after[0].get(name))}"
            for name in dict.fromkeys([*before_ratings, *after[0]])
            if before_ratings.get(name) != after[0].get(name)
        ]
        if before.get("recommendation", "") != after[1]:
            changes.append(
                f"Recommendation: {before.get('recommendation_label') or 'none'} → "
                f"{after[2] or 'none'}"
            )
        if changes:
            notes.append(
                AnchoringNote(
                    interviewer=person_name(revision.scorecard.interview.interviewer),
                    scorecard=revision.scorecard_id,
                    revision=revision.number,
                    reason=revision.reason,
                    changes=tuple(changes),
                )
            )
    return notes


def calibrated_view(candidate: Candidate, cards: tuple[ScorecardView, ...]) -> CalibratedView:
    """Two queries: the scorecards' interviewers and the role's submitted ratings."""
    ratings, weights = _matrices(cards)
    who = dict(
        Scorecard.objects.filter(pk__in=[c.id for c in cards]).values_list(
            "pk", "interview__interviewer_id"
        )
    )
    interviewers = [who[c.id] for c in cards]
    # A leniency compares an interviewer's ratings with the others' on the same candidates, so
    # only the candidates this panel's interviewers rated in the role are read (the same
    # figures for them as the whole role's ratings give, at a fraction of the rows: see
    # docs/performance.md).
    their_candidates = Interview.objects.filter(
        candidate__role=candidate.role, interviewer__in=set(interviewers)
    ).values("candidate_id")
    lenient = calibration.leniency(
        ratings_for(candidate.role, extra=Q(scorecard__interview__candidate__in=their_candidates))
    )
    panel = calibration.calibrated_panel(ratings, weights, interviewers, lenient)
    rows = []
    for s, card in enumerate(cards):
        rows.append(
            CalibratedRow(
                scorecard=card,
                leniency=lenient.get(interviewers[s], Leniency(interviewers[s], 0)),
                raw=calibration.panel_overall(ratings[s : s + 1], weights[s : s + 1]),
                calibrated=calibration.panel_overall(
                    panel.calibrated[s : s + 1], weights[s : s + 1]
                ),
            )
        )
    return CalibratedView(tuple(rows), panel.raw_overall, panel.calibrated_overall)


def packet_trust(candidate: Candidate, *, packet: Packet | None = None, viewer=None) -> dict:
    """The context of the packet's trust section (see the module docstring). Pass the packet
    the page already loaded to save its queries, and `viewer` (the request's user) so that
    people who are not the role's hiring managers do not see colleagues' leniency."""
    packet = packet or load_packet(candidate)
    cards = packet.scorecards
    ratings, weights = _matrices(cards)
    uncertainty = calibration.bootstrap_overall(ratings, weights)
    show_calibration = viewer is None or access.is_role_manager(viewer, candidate.role)
    calibrated = calibrated_view(candidate, cards) if cards and show_calibration else None
    return {
        "uncertainty": uncertainty,
        "calibrated": calibrated,
        "anchoring": anchoring_notes(candidate, cards) if cards else [],
        "min_scorecards": calibration.MIN_SCORECARDS,
        "min_overlap": calibration.MIN_OVERLAP,
        "confidence_percent": round(calibration.CONFIDENCE * 100),
    }
