"""How far to trust a packet's score: its interval, a calibrated view and anchoring notes.

`packet_trust(candidate)` gives the context of `templates/scorecards/packet/_trust.html`:

- `figures`: a `role_model.PanelFigures`: the 95 % interval of the overall score for the
  candidate's universe score (the score they would get from a random panel of this role's
  interviewers), raw and calibrated, and the reliability of the score for this panel. They come
  from the role's stored model (`RoleFit`, fitted by the background worker after each submitted
  or amended scorecard), so the page reads a few rows instead of refitting;
- `fit`: the stored fit (when it was fitted; None before the first fit);
- `calibrated`: each scorecard's weighted score beside the same score with its interviewer's
  leniency (the role's joint fit) taken off, and the calibrated overall beside the raw one. It
  never replaces the raw score. It is left out (None) for a viewer who is not a hiring manager
  of the role or an admin: colleagues' leniency is not for interviewers;
- `anchoring`: amendments that changed a rating or the recommendation after their author had
  read the other scorecards (`ScorecardRevision.author_had_read_others`).

Queries beyond `load_packet` (which it runs when no `packet` is passed): the scorecards'
interviewer ids, the role's fit and its rows for this panel's interviewers, and the candidate's
revisions; plus the viewer's role check when a `viewer` is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewkit.access import is_role_manager
from interviewkit.scale import LEVEL_NAMES
from scorecards import role_model
from scorecards.models import Candidate, Scorecard, ScorecardRevision
from scorecards.packets.load import Packet, ScorecardView, load_packet, person_name
from scorecards.role_fit import StoredFit, stored_fit

ESTIMAND = (
    "the score this candidate would get from a random panel of this role's interviewers, "
    "with the same exercises"
)
NOT_FITTED = (
    "not fitted yet: the role's figures are fitted in the background after a scorecard is "
    "submitted or amended"
)


@dataclass(frozen=True)
class CalibratedRow:
    scorecard: ScorecardView
    leniency: role_model.InterviewerLeniency
    raw: float | None
    calibrated: float | None

    @property
    def adjustment(self) -> float:
        return self.leniency.estimate if self.leniency.reported else 0.0


@dataclass(frozen=True)
class CalibratedView:
    rows: tuple[CalibratedRow, ...]
    raw_overall: float | None
    calibrated_overall: float | None
    interval: role_model.PanelInterval

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


def panel_cards(cards: tuple[ScorecardView, ...], interviewers: dict[int, int]):
    """The packet's scorecards as the model takes them (rated dimensions only)."""
    return [
        role_model.PanelCard(
            interviewer=interviewers.get(card.id, 0),
            ratings={r.dimension: float(r.value) for r in card.ratings if r.value is not None},
            weights={r.dimension: float(r.weight) for r in card.ratings if r.value is not None},
        )
        for card in cards
    ]


def _level(value) -> str:
    return f"{LEVEL_NAMES[value]} ({value})" if value in LEVEL_NAMES else "not assessed"


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


def calibrated_view(
    cards: tuple[ScorecardView, ...],
    panel: list[role_model.PanelCard],
    figures: role_model.PanelFigures,
    fit: StoredFit | None,
) -> CalibratedView:
    rows = []
    for card, entry, table in zip(
        cards, panel, figures.calibrations or [role_model.IDENTITY] * len(cards), strict=True
    ):
        leniency = (
            fit.leniency.interviewers.get(entry.interviewer) if fit is not None else None
        ) or role_model.InterviewerLeniency(entry.interviewer, 0, 0)
        rows.append(
            CalibratedRow(
                scorecard=card,
                leniency=leniency,
                raw=role_model.overall_score([entry]),
                calibrated=role_model.overall_score([entry], [table]),
            )
        )
    return CalibratedView(
        tuple(rows), figures.raw.estimate, figures.calibrated.estimate, figures.calibrated
    )


def packet_trust(candidate: Candidate, *, packet: Packet | None = None, viewer=None) -> dict:
    """The context of the packet's trust section (see the module docstring). Pass the packet
    the page already loaded to save its queries, and `viewer` (the request's user) so that
    people who are not the role's hiring managers do not see colleagues' leniency."""
    packet = packet or load_packet(candidate)
    cards = packet.scorecards
    interviewers = (
        dict(
            Scorecard.objects.filter(pk__in=[c.id for c in cards]).values_list(
                "pk", "interview__interviewer_id"
            )
        )
        if cards
        else {}
    )
    fit = stored_fit(candidate.role, interviewers=set(interviewers.values()))
    panel = panel_cards(cards, interviewers)
    figures = role_model.panel_figures(
        panel,
        fit.components if fit else None,
        fit.leniency if fit else None,
        fit.calibrated_components if fit else None,
    )
    if fit is None and cards:
        figures = role_model.PanelFigures(
            role_model.PanelInterval(figures.raw.estimate, reason=NOT_FITTED),
            role_model.PanelInterval(figures.raw.estimate, reason=NOT_FITTED),
            None,
        )
    show_calibration = viewer is None or is_role_manager(viewer, candidate.role)
    calibrated = (
        calibrated_view(cards, panel, figures, fit)
        if cards and fit is not None and show_calibration
        else None
    )
    return {
        "figures": figures,
        "fit": fit,
        "estimand": ESTIMAND,
        "calibrated": calibrated,
        "anchoring": anchoring_notes(candidate, cards) if cards else [],
        "confidence_percent": round(role_model.CONFIDENCE * 100),
    }


def trust_json(trust: dict) -> dict:
    """The keys `manage.py packet --format json` adds to the packet (docs/scoring-methods.md,
    "From the command line")."""
    figures: role_model.PanelFigures = trust["figures"]
    fit: StoredFit | None = trust["fit"]
    return {
        "interval": figures.raw.as_list(),
        "reason": None if figures.raw.reported else figures.raw.reason,
        "estimand": trust["estimand"],
        "reliability": None if figures.reliability is None else round(figures.reliability, 3),
        "calibrated": {
            "overall": None
            if figures.calibrated.estimate is None
            else round(figures.calibrated.estimate, 3),
            "interval": figures.calibrated.as_list(),
            "reason": None if figures.calibrated.reported else figures.calibrated.reason,
        },
        "fitted_at": fit.fitted_at.isoformat() if fit else None,
    }
