"""Lists the API needs beyond the pages': the scorecards a user may read, as one queryset.

It answers the same as `access.scorecard_for_reader` for each scorecard (tests/scorecards/api
checks the two agree persona by persona)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from scorecards import access
from scorecards.models import Scorecard


def readable_scorecards(user) -> QuerySet[Scorecard]:
    """One's own scorecards (drafts too), and the submitted ones of candidates whose panel the
    user may see: the hiring team's roles, and the candidates they have submitted for."""
    submitted_for = Scorecard.objects.submitted().by(user).values("interview__candidate")
    panel = Q(interview__candidate__role__in=access.roles_for_team_member(user)) | Q(
        interview__candidate__in=submitted_for
    )
    return Scorecard.objects.filter(
        Q(interview__interviewer=user) | (Q(status=Scorecard.Status.SUBMITTED) & panel)
    )
