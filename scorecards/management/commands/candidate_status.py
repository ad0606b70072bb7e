"""Check the candidates' stored status against their rows, and store it again where it differs.

The services keep `Candidate.loop_state` and `feedback_due_at` in step with every write
(`scorecards.services.candidate_status`); a change made around them (SQL by hand, a restore of
some tables only) can leave them stale. `candidate_status` says how many differ and which;
`candidate_status --repair` stores them again from the rows.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interviewkit.models import Role
from scorecards.models import Candidate
from scorecards.services.candidate_status import candidate_status_refresh

SHOWN = 20


def stale_candidates(role: Role | None = None) -> list[int]:
    """The keys of the candidates whose stored state is not what their rows say."""
    rows = Candidate.objects.with_state_from_rows()
    if role is not None:
        rows = rows.filter(role=role)
    stale = []
    for pk, stored, due, from_rows, due_from_rows in rows.values_list(
        "pk", "loop_state", "feedback_due_at", "rows_loop_state", "rows_feedback_due_at"
    ).iterator():
        if stored != from_rows or due != due_from_rows:
            stale.append(pk)
    return stale


class Command(BaseCommand):
    help = (
        "Check every candidate's stored status against their interviews, scorecards and decisions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", metavar="SLUG", help="only this role's candidates")
        parser.add_argument(
            "--repair", action="store_true", help="store the status again where it differs"
        )

    def handle(self, *args, role=None, repair=False, **options):
        scope = None
        if role:
            scope = Role.objects.filter(slug=role).first()
            if scope is None:
                raise CommandError(f"No role with the slug {role!r}.")
        stale = stale_candidates(scope)
        if not stale:
            self.stdout.write("Every candidate's stored status matches their rows.")
            return
        shown = ", ".join(str(pk) for pk in stale[:SHOWN]) + (" …" if len(stale) > SHOWN else "")
        if not repair:
            raise CommandError(
                f"{len(stale)} candidate(s) have a stored status that differs from their rows "
                f"(ids {shown}). Run candidate_status --repair to store it again."
            )
        stored = candidate_status_refresh(candidate_ids=stale)
        self.stdout.write(f"Stored the status of {stored} candidate(s) again (ids {shown}).")
