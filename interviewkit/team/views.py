"""The hiring team page of a role: its hiring managers, recruiters and interviewer panel.

The role's hiring team (managers, recruiters) and admins may read it; its hiring managers and
admins change it. Hiring managers themselves are named by an admin.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from interviewkit import personas
from interviewkit.access import role_for_user
from interviewkit.team.forms import TeamMemberAddForm, people_with_persona
from interviewkit.team.services import PLACES, display_name, team_member_add, team_member_remove

TEAM_ONLY = "Only the role's hiring team can see who is on it."
MANAGERS_ONLY = "Only the role's hiring managers and admins change its hiring team."


def members(role, relation: str) -> list:
    """The people in one place of the team, each with how many interviews of this role's
    candidates they hold (one query)."""
    return list(
        getattr(role, relation)
        .annotate(role_interviews=Count("interviews", filter=Q(interviews__candidate__role=role)))
        .order_by("first_name", "last_name", "username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, slug: str) -> HttpResponse:
    role, rights = role_for_user(request.user, slug)
    if not rights.team:
        raise PermissionDenied(TEAM_ONLY)
    place = request.POST.get("place", "")
    if request.method == "POST":
        if not rights.manager:
            raise PermissionDenied(MANAGERS_ONLY)
        if place not in PLACES:
            return HttpResponse("Unknown place on the team.", status=400)
        if request.POST.get("action") == "remove":
            return remove(request, role, place)
    lists = {place_: members(role, relation) for place_, (relation, _, _) in PLACES.items()}
    forms = {
        place_: TeamMemberAddForm(
            request.POST if request.method == "POST" and place_ == place else None,
            place=place_,
            candidates=people_with_persona(persona, excluding=lists[place_]),
        )
        for place_, (_, persona, _) in PLACES.items()
    }
    if request.method == "POST":
        form = forms[place]
        if form.is_valid():
            person = form.cleaned_data["person"]
            try:
                team_member_add(role=role, person=person, place=place, by=request)
            except ValidationError as error:
                form.add_error("person", error)
            else:
                where = "on the interviewer panel" if place == "interviewer" else "a recruiter"
                messages.success(request, f"{display_name(person)} is now {where} of {role}.")
                return redirect("kits:team", slug=role.slug)
    return render(
        request,
        "interviewkit/team/team.html",
        {
            "role": role,
            "can_change": rights.manager,
            "managers": role.hiring_managers.order_by("first_name", "last_name", "username"),
            "interviewers": lists["interviewer"],
            "recruiters": lists["recruiter"],
            "forms": forms,
            "is_admin": personas.is_admin(request.user),
        },
    )


def remove(request: HttpRequest, role, place: str) -> HttpResponse:
    relation = PLACES[place][0]
    person = get_object_or_404(getattr(role, relation), pk=request.POST.get("person") or 0)
    held = person.interviews.filter(candidate__role=role).count()
    team_member_remove(role=role, person=person, place=place, by=request)
    where = "on the interviewer panel" if place == "interviewer" else "a recruiter"
    text = f"{display_name(person)} is no longer {where} of {role}."
    if place == "interviewer" and held:
        text += (
            f" The {held} interview{'s' if held != 1 else ''} already planned with them stay"
            " theirs: move them on the candidate's loop if needed."
        )
    messages.success(request, text)
    return redirect("kits:team", slug=role.slug)
