"""Who may see and do what with candidates, interviews and scorecards.

Every view, export, download and command that acts for a user goes through these helpers.
Outsiders get 404 (the object's existence is not revealed); someone who may look but not act
gets 403.

- A role's hiring team (its hiring managers and recruiters) and admins see all of its candidates.
- An interviewer sees only the candidates they interview, and, until their own scorecard for
  that candidate is submitted, no other scorecard of that candidate nor its packet (blind review:
  404, the same answer for a colleague's draft as for their submitted scorecard).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from interviewkit import personas
from interviewkit.models import Role
from scorecards.models import Candidate, Interview, Scorecard


def is_hiring_team(user, role: Role) -> bool:
    """Hiring managers and recruiters of the role, and admins."""
    if personas.is_admin(user):
        return True
    return role.hiring_managers.filter(pk=user.pk).exists() or (
        role.recruiters.filter(pk=user.pk).exists()
    )


def is_role_manager(user, role: Role) -> bool:
    return personas.is_admin(user) or role.hiring_managers.filter(pk=user.pk).exists()


def is_role_recruiter(user, role: Role) -> bool:
    return personas.is_admin(user) or role.recruiters.filter(pk=user.pk).exists()


def roles_for_team_member(user) -> QuerySet[Role]:
    """Roles whose hiring team the user is on (all roles for admins)."""
    if personas.is_admin(user):
        return Role.objects.all()
    return Role.objects.filter(Q(hiring_managers=user) | Q(recruiters=user)).distinct()


def visible_candidates(user) -> QuerySet[Candidate]:
    """Candidates the user may see at all: their roles' candidates and the ones they interview."""
    if personas.is_admin(user):
        return Candidate.objects.all()
    return Candidate.objects.filter(
        Q(role__hiring_managers=user) | Q(role__recruiters=user) | Q(interviews__interviewer=user)
    ).distinct()


def has_submitted_for(user, candidate: Candidate) -> bool:
    return Scorecard.objects.submitted().for_candidate(candidate).by(user).exists()


def can_see_panel(user, candidate: Candidate) -> bool:
    """May the user read other interviewers' scorecards and the packet of this candidate?

    The hiring team always may; an interviewer only once their own scorecard is submitted.
    """
    if is_hiring_team(user, candidate.role):
        return True
    return has_submitted_for(user, candidate)


def candidate_for_user(user, pk: int) -> Candidate:
    """The candidate if the user may see them at all, else 404."""
    try:
        return visible_candidates(user).select_related("role").get(pk=pk)
    except Candidate.DoesNotExist:
        raise Http404("No such candidate") from None


def candidate_for_team(user, pk: int) -> Candidate:
    """The candidate for acting as the hiring team: 404 for outsiders, 403 for interviewers."""
    candidate = candidate_for_user(user, pk)
    if not is_hiring_team(user, candidate.role):
        raise PermissionDenied("Only the role's hiring team can do this.")
    return candidate


def candidate_for_panel(user, pk: int) -> Candidate:
    """The candidate for reading the panel's scorecards or packet: 404 for outsiders and for an
    interviewer who has not yet submitted their own scorecard (blind review: whatever they may
    not yet read answers as if it did not exist, see `scorecard_for_reader`)."""
    candidate = candidate_for_user(user, pk)
    if not can_see_panel(user, candidate):
        raise Http404("Submit your own scorecard before reading the panel's feedback.")
    return candidate


def interview_for_interviewer(user, pk: int) -> Interview:
    """An interview the user conducts. The hiring team may look (403 on acting); others 404."""
    try:
        interview = Interview.objects.select_related("candidate__role", "exercise").get(pk=pk)
    except Interview.DoesNotExist:
        raise Http404("No such interview") from None
    if interview.interviewer_id == user.pk:
        return interview
    if is_hiring_team(user, interview.candidate.role):
        raise PermissionDenied("Only the interviewer fills this scorecard.")
    raise Http404("No such interview")


def scorecard_for_reader(user, pk: int) -> Scorecard:
    """A scorecard the user may read: their own (draft or submitted), or another's submitted one
    where the panel is visible to them. Everything else is 404: others' drafts always, and an
    interviewer who has not yet submitted gets the same 404 for a colleague's submitted
    scorecard as for a draft, so the answer does not tell them who has submitted."""
    try:
        scorecard = Scorecard.objects.select_related(
            "interview__candidate__role", "interview__interviewer", "kit"
        ).get(pk=pk)
    except Scorecard.DoesNotExist:
        raise Http404("No such scorecard") from None
    candidate = scorecard.interview.candidate
    if scorecard.interview.interviewer_id == user.pk:
        return scorecard
    if not scorecard.is_submitted:
        raise Http404("No such scorecard")
    if is_hiring_team(user, candidate.role):
        return scorecard
    if candidate.interviews.filter(interviewer=user).exists() and has_submitted_for(
        user, candidate
    ):
        return scorecard
    raise Http404("No such scorecard")


def role_for_team(user, slug: str) -> Role:
    """A role for acting as its hiring team (exports, the loop): 404 for outsiders, 403 for
    someone who only interviews the role's candidates."""
    try:
        role = Role.objects.get(slug=slug)
    except Role.DoesNotExist:
        raise Http404("No such role") from None
    if is_hiring_team(user, role):
        return role
    if Interview.objects.filter(candidate__role=role, interviewer=user).exists():
        raise PermissionDenied("Only the role's hiring team can do this.")
    raise Http404("No such role")


def role_for_manager(user, slug: str) -> Role:
    """A role for its hiring managers (calibration of its interviewers): 404 for outsiders, 403
    for the rest of its hiring team and for its interviewers."""
    try:
        role = Role.objects.get(slug=slug)
    except Role.DoesNotExist:
        raise Http404("No such role") from None
    if is_role_manager(user, role):
        return role
    if is_hiring_team(user, role) or (
        Interview.objects.filter(candidate__role=role, interviewer=user).exists()
    ):
        raise PermissionDenied("Only the role's hiring managers can see this.")
    raise Http404("No such role")
