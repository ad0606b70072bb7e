"""Who may see and do what with candidates, interviews and scorecards.

Every view, export, download and command that acts for a user goes through these helpers; each
`<thing>_for_<user>` returns the object (with the user's `RoleRights` on its role where the page
needs them) or refuses. Outsiders get 404 (the object's existence is not revealed); someone who
may look but not act gets 403. The role-level predicates (hiring team, manager, recruiter) are
`interviewkit.access`, beside `Role`.

- A role's hiring team (its hiring managers and recruiters) and admins see all of its candidates.
- An interviewer sees only the candidates they interview, and, until their own scorecards for
  ALL of their interviews of that candidate are submitted, no other scorecard of that candidate
  nor its packet (blind review). With two interviews in one loop, reading the panel after the
  first would colour the second; marking the second "written after reading" would only describe
  the damage, so the panel stays closed until the last one is in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from interviewkit import personas
from interviewkit.access import RoleRights, role_rights
from interviewkit.models import Role
from scorecards.models import Candidate, ExportJob, Interview, Scorecard

TEAM_ONLY = "Only the role's hiring team can do this."
RECRUITERS_ONLY = "Only the role's recruiters can change the loop."
BLIND_REVIEW = PANEL_CLOSED = (
    "Submit your own scorecards for all your interviews of this candidate before reading the "
    "panel's feedback."
)


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
    """Has the user submitted a scorecard for every interview of theirs with this candidate
    (and has at least one)? One query."""
    counts = Interview.objects.filter(candidate=candidate, interviewer=user).aggregate(
        interviews=Count("id"),
        submitted=Count("id", filter=Q(scorecard__status=Scorecard.Status.SUBMITTED)),
    )
    return counts["interviews"] > 0 and counts["submitted"] == counts["interviews"]


def can_see_panel(user, candidate: Candidate) -> bool:
    """May the user read other interviewers' scorecards and the packet of this candidate?

    The hiring team always may; an interviewer only once their own scorecards for all their
    interviews of this candidate are submitted.
    """
    if role_rights(user, candidate.role).team:
        return True
    return has_submitted_for(user, candidate)


def candidate_for_user(user, pk: int) -> Candidate:
    """The candidate if the user may see them at all, else 404."""
    try:
        return visible_candidates(user).select_related("role").get(pk=pk)
    except Candidate.DoesNotExist:
        raise Http404("No such candidate") from None


def candidate_for_team(user, pk: int) -> tuple[Candidate, RoleRights]:
    """The candidate for acting as the hiring team: 404 for outsiders, 403 for interviewers."""
    candidate = candidate_for_user(user, pk)
    rights = role_rights(user, candidate.role)
    if not rights.team:
        raise PermissionDenied(TEAM_ONLY)
    return candidate, rights


def refuse_unless_recruiter(rights: RoleRights) -> None:
    """403 for the hiring team's members who may look but not change the loop (the audit
    middleware records the refusal)."""
    if not rights.recruiter:
        raise PermissionDenied(RECRUITERS_ONLY)


def candidate_for_recruiter(user, pk: int) -> Candidate:
    """A candidate whose loop the user changes: 404 for outsiders, 403 for interviewers and the
    hiring team's non-recruiters."""
    candidate, rights = candidate_for_team(user, pk)
    refuse_unless_recruiter(rights)
    return candidate


def interview_for_recruiter(user, pk: int) -> Interview:
    """An interview of a loop the user may change: 404 when they may not see its candidate,
    403 for the hiring team's non-recruiters and for interviewers."""
    candidate_pk = Interview.objects.filter(pk=pk).values_list("candidate_id", flat=True).first()
    if candidate_pk is None:
        raise Http404("No such interview")
    candidate = candidate_for_recruiter(user, candidate_pk)
    interview = Interview.objects.select_related("interviewer").get(pk=pk)
    interview.candidate = candidate
    return interview


def candidate_for_privacy(user, pk: int) -> Candidate:
    """A candidate whose personal data the user exports or erases: the role's recruiters and
    admins; 404 for outsiders, 403 for the rest."""
    candidate = candidate_for_user(user, pk)
    if not role_rights(user, candidate.role).recruiter:
        raise PermissionDenied("Only the role's recruiters and admins handle a candidate's data.")
    return candidate


def candidate_for_panel(user, pk: int) -> tuple[Candidate, RoleRights]:
    """The candidate for reading the panel's scorecards or packet: 404 for outsiders and for an
    interviewer who has not yet submitted their own scorecards (blind review: what they may not
    yet read answers as if it did not exist, see `scorecard_for_reader`)."""
    candidate = candidate_for_user(user, pk)
    rights = role_rights(user, candidate.role)
    if not rights.team and not has_submitted_for(user, candidate):
        raise Http404(BLIND_REVIEW)
    return candidate, rights


def interview_for_interviewer(user, pk: int) -> Interview:
    """An interview the user conducts. The hiring team may look (403 on acting); others 404."""
    try:
        interview = Interview.objects.select_related("candidate__role", "exercise").get(pk=pk)
    except Interview.DoesNotExist:
        raise Http404("No such interview") from None
    if interview.interviewer_id == user.pk:
        return interview
    if role_rights(user, interview.candidate.role).team:
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
    if role_rights(user, candidate.role).team:
        return scorecard
    if candidate.interviews.filter(interviewer=user).exists() and has_submitted_for(
        user, candidate
    ):
        return scorecard
    raise Http404("No such scorecard")


def scorecard_for_author(user, pk: int) -> Scorecard:
    """A scorecard its author acts on (amends): 404 for who may not read it, 403 for readers who
    are not its author."""
    scorecard = scorecard_for_reader(user, pk)
    if scorecard.interview.interviewer_id != user.pk:
        raise PermissionDenied("Only the interviewer amends their scorecard.")
    return scorecard


def scorecard_for_kit_move(user, pk: int) -> Scorecard:
    """The user's own draft scorecard, to choose its kit version: 404 for outsiders, 403 for the
    hiring team (who may read it) and for a submitted scorecard."""
    try:
        scorecard = Scorecard.objects.select_related(
            "kit__role", "interview__candidate__role", "interview__exercise"
        ).get(pk=pk)
    except Scorecard.DoesNotExist:
        raise Http404("No such scorecard") from None
    if scorecard.interview.interviewer_id != user.pk:
        if scorecard.is_submitted and role_rights(user, scorecard.kit.role).team:
            raise PermissionDenied("Only the interviewer chooses their scorecard's kit version.")
        raise Http404("No such scorecard")
    if scorecard.is_submitted:
        raise PermissionDenied("A submitted scorecard stays on the kit version it was filled on.")
    return scorecard


def _team_role_or_refuse(user, role: Role, refusal: str, not_found: str) -> RoleRights:
    """The user's rights on a role they act on as its hiring team: 403 for someone who only
    interviews its candidates, 404 for anyone else."""
    rights = role_rights(user, role)
    if rights.team:
        return rights
    if rights.interviewer:
        raise PermissionDenied(refusal)
    raise Http404(not_found)


def role_for_team(user, slug: str) -> tuple[Role, RoleRights]:
    """A role for acting as its hiring team (exports, the loop): 404 for outsiders, 403 for
    someone who only interviews the role's candidates."""
    try:
        role = Role.objects.get(slug=slug)
    except Role.DoesNotExist:
        raise Http404("No such role") from None
    return role, _team_role_or_refuse(user, role, TEAM_ONLY, "No such role")


def job_for_team(user, pk: int) -> ExportJob:
    """A batch export of a role, for its hiring team: 403 for the role's interviewers, else 404."""
    try:
        job = ExportJob.objects.select_related("role", "requested_by").get(pk=pk)
    except ExportJob.DoesNotExist:
        raise Http404("No such export") from None
    _team_role_or_refuse(
        user, job.role, "Only the role's hiring team can see its exports.", "No such export"
    )
    return job


def role_for_calibration(user, slug: str) -> Role:
    """A role for its hiring managers' view of its interviewers (calibration): 404 for outsiders,
    403 for the rest of its hiring team and for its interviewers."""
    try:
        role = Role.objects.get(slug=slug)
    except Role.DoesNotExist:
        raise Http404("No such role") from None
    rights = role_rights(user, role)
    if rights.manager:
        return role
    if rights.knows_role:
        raise PermissionDenied("Only the role's hiring managers can see this.")
    raise Http404("No such role")
