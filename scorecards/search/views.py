"""Search for a candidate from the navbar, across every role the user may see.

The hiring team (and admins) find their roles' candidates by name or email; an interviewer
finds the candidates they interview by name only (they are not shown emails elsewhere
either). Each result links to what the person may open: the packet for a role's hiring
managers, the candidate's page for its recruiters, one's own interviews otherwise.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from interviewkit.access import role_rights
from scorecards import access
from scorecards.models import Candidate, Interview

SHOWN = 50
SHORTEST = 2
LONGEST = 100


@login_required
@require_GET
def candidate_search(request: HttpRequest) -> HttpResponse:
    user = request.user
    typed = request.GET.get("q", "")
    q = " ".join(typed.split())
    problem = ""
    results, total = [], 0
    if typed and len(q) < SHORTEST:
        problem = f"Type at least {SHORTEST} characters of a name or an email."
    elif len(q) > LONGEST:
        problem = f"A search is at most {LONGEST} characters; yours has {len(q)}."
    elif q:
        team_roles = access.roles_for_team_member(user)
        found = (
            Candidate.objects.filter(
                Q(role__in=team_roles) & (Q(name__icontains=q) | Q(email__icontains=q))
                | Q(interviews__interviewer=user, name__icontains=q)
            )
            .distinct()
            .select_related("role")
            .order_by("name", "id")
        )
        total = found.count()
        results = list(found[:SHOWN])
        own = {}
        for interview in Interview.objects.filter(candidate__in=results, interviewer=user).order_by(
            "position", "id"
        ):
            own.setdefault(interview.candidate_id, []).append(interview)
        for candidate in results:
            candidate.rights = role_rights(user, candidate.role)
            candidate.own_interviews = own.get(candidate.pk, [])
    return render(
        request,
        "scorecards/search/results.html",
        {"q": q, "typed": typed, "problem": problem, "results": results, "total": total},
    )
