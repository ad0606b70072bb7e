"""The candidate's stored status: `Candidate.loop_state` and `Candidate.feedback_due_at`.

The candidate list filters a role's thousands of candidates by status. Worked out per request
from the interviews, scorecards and decisions, the filter was most of the page's time, so the
status is stored on the candidate and kept here: every service that writes what the status
rules read (an interview planned, moved in time or removed, a scorecard submitted, a decision
recorded, an import, a bulk load) calls `candidate_status_refresh` in its own transaction. The
one part that changes with the clock alone, "awaiting feedback", is stored as the moment it
begins (`feedback_due_at`) and compared with the time of the request, so nothing has to run
when an interview's hour passes.

The stored values are the rules' own answer, worked out by the database from the rows
(`scorecards.models.loop_state_from_rows`), never a transition guessed from the write.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from scorecards.models import Candidate, feedback_due_from_rows, loop_state_from_rows


@transaction.atomic
def candidate_status_refresh(*, candidate_ids: Iterable[int]) -> int:
    """Store again the loop state and feedback time of these candidates from their rows, and
    return how many were stored.

    The candidates' rows are locked first (in key order, so two refreshes never wait on each
    other crosswise): two transactions changing one candidate's loop at once (two interviewers
    submitting its last two scorecards) then take turns here, and the second one's UPDATE,
    a new statement, reads the first one's committed rows instead of the state before it."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return 0
    locked = list(
        Candidate.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Candidate.objects.filter(pk__in=locked).update(
        loop_state=loop_state_from_rows(), feedback_due_at=feedback_due_from_rows()
    )
