"""The hiring manager's board: every open candidate of the user's roles, ready for a decision
first, then awaiting feedback, each with the packet's figures (score, its range, coverage,
the recommendation tally, red flags) and how long they have been waiting.

The packets come from `load_packets` (seven queries whatever the number of candidates), the
ranges from each role's stored model (two queries per role, no refit), so the page's query
count does not grow with its rows. At most `BOARD_LIMIT` candidates are read; the page says
so when a filter would show more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from scorecards import role_model
from scorecards.aggregation import TallyEntry
from scorecards.models import Candidate, Decision, Scorecard
from scorecards.packets.load import Packet, load_packets
from scorecards.packets.trust import panel_cards
from scorecards.role_fit import stored_fit

BOARD_LIMIT = 500

READY, AWAITING, NO_LOOP, DECIDED = "ready", "awaiting", "no-loop", "decided"
STATE_LABELS = {
    READY: "Ready for a decision",
    AWAITING: "Awaiting feedback",
    NO_LOOP: "No interviews planned",
    DECIDED: "Decided",
}
STATE_ORDER = {READY: 0, AWAITING: 1, NO_LOOP: 2, DECIDED: 3}

# Which rows a filter keeps; "open" (everyone not decided yet) is the default.
FILTERS = {
    "open": ("Not decided", {READY, AWAITING, NO_LOOP}),
    READY: (STATE_LABELS[READY], {READY}),
    AWAITING: (STATE_LABELS[AWAITING], {AWAITING}),
    DECIDED: (STATE_LABELS[DECIDED], {DECIDED}),
    "all": ("Everyone", set(STATE_LABELS)),
}


@dataclass(frozen=True)
class BoardRow:
    candidate: Candidate
    state: str
    score: float | None
    low: float | None
    high: float | None
    coverage: float
    tally: tuple[TallyEntry, ...]
    red_flags: int
    submitted: int
    planned: int
    # Since when the candidate waits on the team: the last scorecard in (ready), the first
    # interview held without a submitted scorecard (awaiting); None when nothing is owed.
    waiting_since: datetime | None
    decision: Decision | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def days_waiting(self, now: datetime) -> int | None:
        return None if self.waiting_since is None else (now - self.waiting_since).days


def state_of(packet: Packet, now: datetime) -> str:
    if packet.decision is not None:
        return DECIDED
    if not packet.scorecards and not packet.missing:
        return NO_LOOP
    return AWAITING if packet.missing else READY


def waiting_since(packet: Packet, state: str, now: datetime) -> datetime | None:
    if state == READY:
        return max(card.submitted_at for card in packet.scorecards if card.submitted_at)
    if state == AWAITING:
        held = [m.scheduled_at for m in packet.missing if m.scheduled_at and m.scheduled_at <= now]
        return min(held) if held else None
    return None


def board_rows(candidates: Sequence[Candidate], *, now: datetime) -> list[BoardRow]:
    """A row per candidate (in the order given), with the range from the role's stored model."""
    packets = load_packets(candidates)
    card_ids = [card.id for packet in packets.values() for card in packet.scorecards]
    interviewers = dict(
        Scorecard.objects.filter(pk__in=card_ids).values_list("pk", "interview__interviewer_id")
        if card_ids
        else []
    )
    fits = {}
    for candidate in candidates:
        if candidate.role_id not in fits:
            fits[candidate.role_id] = stored_fit(candidate.role)
    rows = []
    for candidate in candidates:
        packet = packets[candidate.pk]
        state = state_of(packet, now)
        fit = fits[candidate.role_id]
        low = high = None
        if packet.scorecards and fit is not None:
            raw = role_model.panel_figures(
                panel_cards(packet.scorecards, interviewers), fit.components, fit.leniency
            ).raw
            low, high = raw.low, raw.high
        rows.append(
            BoardRow(
                candidate=candidate,
                state=state,
                score=packet.aggregate.overall,
                low=low,
                high=high,
                coverage=packet.aggregate.coverage,
                tally=tuple(entry for entry in packet.aggregate.tally if entry.count),
                red_flags=len(packet.aggregate.red_flags),
                submitted=len(packet.scorecards),
                planned=len(packet.scorecards) + len(packet.missing),
                waiting_since=waiting_since(packet, state, now),
                decision=packet.decision,
            )
        )
    return rows


def _by_score(row: BoardRow):
    return (row.score is None, -(row.score or 0), row.candidate.name.casefold())


def _by_waiting(row: BoardRow):
    since = row.waiting_since
    return (since is None, since.timestamp() if since else 0, row.candidate.name.casefold())


# ?sort= values: label and key. "state" is the default: ready first, the longest waiting on top.
SORTS = {
    "state": (
        "Ready first",
        lambda row: (STATE_ORDER[row.state], *_by_waiting(row)),
    ),
    "score": ("Score, highest first", _by_score),
    "waiting": ("Waiting longest", _by_waiting),
    "name": ("Name", lambda row: (row.candidate.name.casefold(), row.candidate.pk)),
    "role": (
        "Role",
        lambda row: (row.candidate.role.title.casefold(), row.candidate.name.casefold()),
    ),
}
