"""The recruiter's pages: a role's candidates with their status and the overdue scorecards,
adding a candidate with their loop, and a candidate's loop (edit, reorder, add, remove,
remind). The hiring team may look; only the role's recruiters and admins change anything."""

from __future__ import annotations

from pathlib import PurePath
from smtplib import SMTPException
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from interviewkit.access import role_rights
from interviewkit.models import Exercise, KitVersion, Role
from interviewkit.timezones import format_zoned
from scorecards import access
from scorecards.form_errors import add_service_errors
from scorecards.models import Candidate, CandidateStatus, Interview
from scorecards.recruiting.forms import (
    CandidateAddForm,
    CandidateProfileForm,
    CandidateSearchForm,
    InterviewAddForm,
    InterviewEditForm,
    interviewer_queryset,
)
from scorecards.services.candidate_profile import (
    CV_KINDS,
    ProfileChange,
    candidate_profile_update,
)
from scorecards.services.candidates import (
    LoopChangeRefused,
    PlannedInterview,
    ReminderImpossible,
    candidate_add,
    interview_add,
    interview_move,
    interview_remove,
    interview_update,
    loop_coverage,
    loop_proposal,
    reminder_send,
)
from scorecards.services.planning import clash_text, interview_clashes, loop_clashes

PAGE_SIZE = 25
# The overdue panel shows the oldest ones; it says when there are more.
OVERDUE_SHOWN = 50
# The columns the list's rows show (a candidate's notes and CV stay in the database).
LIST_COLUMNS = ("name", "email", "created_at", "loop_state", "feedback_due_at")
OVERDUE_COLUMNS = (
    "title",
    "scheduled_at",
    "reminded_at",
    "candidate__name",
    "interviewer__username",
    "interviewer__first_name",
    "interviewer__last_name",
)


def current_kit(role: Role) -> KitVersion | None:
    """The role's newest kit with its dimensions and exercises (and their focus): the loop's
    pages show no signals, so not `KitVersionQuerySet.with_contents()`."""
    return (
        KitVersion.objects.filter(role=role)
        .order_by("-number")
        .prefetch_related(
            "dimensions",
            Prefetch(
                "exercises",
                queryset=Exercise.objects.order_by("position", "id").prefetch_related("focus"),
            ),
        )
        .first()
    )


@login_required
def candidate_home(request: HttpRequest) -> HttpResponse:
    """The roles whose candidates the user may manage; straight to the list when only one.
    `?role=<slug>` shows that role's list here (the address a bookmark or a script may use)."""
    if request.GET.get("role"):
        return candidate_list(request, request.GET["role"])
    roles = list(access.roles_for_team_member(request.user).order_by("title"))
    if len(roles) == 1:
        return redirect("scorecards:candidate-list", slug=roles[0].slug)
    return render(request, "scorecards/recruiting/candidate_home.html", {"roles": roles})


def candidate_page(candidates, number, *, now) -> Page:
    """One page of `candidates`: all their keys are read in order in one query and paged here
    (the paginator's COUNT and the page's OFFSET would each evaluate the filter again), and
    only the page's candidates are then read with their status. Paging the annotated rows
    themselves made PostgreSQL work out the status columns of every row before the page too
    (850 of them on page 35)."""
    page = Paginator(list(candidates.values_list("pk", flat=True)), PAGE_SIZE).get_page(number)
    keys = list(page.object_list)
    rows = Candidate.objects.filter(pk__in=keys).only(*LIST_COLUMNS).with_status(now=now).in_bulk()
    page.object_list = [rows[key] for key in keys]
    for candidate in page.object_list:
        candidate.status_label = CandidateStatus(candidate.status).label
    return page


@login_required
def candidate_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A role's candidates with their status, searchable and filterable, 25 per page, and the
    scorecards overdue for more than a day."""
    role, rights = access.role_for_team(request.user, slug)
    form = CandidateSearchForm(request.GET or None)
    form.is_valid()  # each field on its own: a bad status does not drop the search
    q = (form.cleaned_data.get("q") or "").strip() if form.is_bound else ""
    status = form.cleaned_data.get("status", "") if form.is_bound else ""
    now = timezone.now()
    candidates = Candidate.objects.filter(role=role)
    if q:
        candidates = candidates.filter(Q(name__icontains=q) | Q(email__icontains=q))
    if status in CandidateStatus.values:
        candidates = candidates.in_status(status, now=now)
    elif status:  # a decision's outcome: decided candidates whose latest decision it is
        decided = candidates.in_status(CandidateStatus.DECIDED, now=now)
        candidates = decided.with_status(now=now).filter(decision_outcome=status)
    page = candidate_page(candidates.order_by("name", "id"), request.GET.get("page"), now=now)
    overdue = (
        Interview.objects.select_related("candidate", "interviewer")
        .only(*OVERDUE_COLUMNS)
        .oldest_overdue(role, limit=OVERDUE_SHOWN + 1, now=now)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scorecards/recruiting/candidate_list.html",
        {
            "role": role,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(q or status),
            "overdue": overdue[:OVERDUE_SHOWN],
            "overdue_more": len(overdue) > OVERDUE_SHOWN,
            "can_change": rights.recruiter,
        },
    )


@login_required
def candidate_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A new candidate and their loop: the kit's exercises are proposed, each with an
    interviewer and a time to choose. Clashes (an interviewer booked twice) are warnings the
    recruiter confirms; the warnings and the coverage follow the choices as they are made."""
    role, rights = access.role_for_team(request.user, slug)
    access.refuse_unless_recruiter(rights)
    kit = current_kit(role)
    form = candidate_add_form(request, role, kit)
    plan = plan_warnings(form, kit) if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid() and not plan["unconfirmed"]:
        try:
            candidate = candidate_add(
                role=role,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                by=request.user,
                request=request,
                loop=[PlannedInterview(*row) for row in form.planned()],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{candidate.name} was added to {role.title}.")
            return redirect("scorecards:candidate", pk=candidate.pk)
    return render(
        request,
        "scorecards/recruiting/candidate_add.html",
        {"role": role, "kit": kit, "form": form, "plan": plan},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def candidate_plan_check(request: HttpRequest, slug: str) -> HttpResponse:
    """The add page's warnings for what is chosen so far (htmx, on every change)."""
    role, rights = access.role_for_team(request.user, slug)
    access.refuse_unless_recruiter(rights)
    kit = current_kit(role)
    form = candidate_add_form(request, role, kit)
    form.is_valid()  # each field on its own: an unfinished form still gets its warnings
    return render(
        request,
        "scorecards/recruiting/_plan_warnings.html",
        {"plan": plan_warnings(form, kit, live=True)},
    )


def warn_of_clashes(request: HttpRequest, interview) -> None:
    """After an interview is added or changed on the loop: what it clashes with, if anything."""
    for clash in interview_clashes(interview):
        when = ""
        if clash.other_starts_at:
            start, end = clash.other_starts_at, clash.other_ends_at
            when = f", {format_zoned(start)}–{format_zoned(end, 'H:i')}"
        messages.warning(request, f"Check this booking: {clash_text(clash)}{when}.")


def candidate_add_form(request: HttpRequest, role, kit) -> CandidateAddForm:
    return CandidateAddForm(
        request.POST if request.method == "POST" else None,
        kit=kit,
        exercises=loop_proposal(kit),
        check_url=reverse("scorecards:candidate-plan-check", args=[role.slug]),
    )


def plan_warnings(form: CandidateAddForm, kit, *, live: bool = False) -> dict:
    """Coverage of the exercises kept and the clashes of the interviewers chosen; a clash
    holds the save back until "Book anyway" is ticked."""
    form.is_valid()
    clashes = loop_clashes(form.slots())
    uncovered, once = loop_coverage(
        kit=kit, interviews=[SimpleNamespace(exercise=e) for e in form.included()]
    )
    confirmed = bool(getattr(form, "cleaned_data", {}).get("book_anyway"))
    return {
        "clashes": [(clash, clash_text(clash)) for clash in clashes],
        "uncovered": uncovered,
        "once": once,
        "confirmed": confirmed,
        "unconfirmed": bool(clashes) and not confirmed,
        "live": live,
    }


def candidate_context(request: HttpRequest, candidate: Candidate, **extra) -> dict:
    """Everything the candidate page shows: the loop in order with each scorecard's state,
    the coverage warnings and, for the role's recruiters, the forms to change the loop."""
    kit = current_kit(candidate.role)
    interviews = list(
        candidate.interviews.select_related("interviewer", "scorecard", "exercise")
        .prefetch_related("exercise__focus")
        .order_by("position", "id")
    )
    can_change = role_rights(request.user, candidate.role).recruiter
    forms_by_pk = extra.pop("edit_forms", {})
    now = timezone.now()
    interviewers = list(interviewer_queryset(candidate.role)) if can_change else []
    for interview in interviews:
        scorecard = getattr(interview, "scorecard", None)
        interview.scorecard_state = (
            "not started" if scorecard is None else scorecard.get_status_display().lower()
        )
        interview.overdue = interview.is_overdue(now) and interview.scorecard_state != "submitted"
        if can_change:
            interview.edit_form = forms_by_pk.get(interview.pk) or InterviewEditForm(
                interview=interview,
                interviewers=interviewers,
                initial={
                    "interviewer": interview.interviewer_id,
                    "scheduled_at": timezone.localtime(interview.scheduled_at)
                    if interview.scheduled_at
                    else None,
                },
            )
    uncovered, once = loop_coverage(kit=kit, interviews=interviews)
    context = {
        "candidate": candidate,
        "role": candidate.role,
        "kit": kit,
        "interviews": interviews,
        "uncovered": uncovered,
        "once": once,
        "can_change": can_change,
        "decision": candidate.decisions.latest_first().first(),
        "add_form": InterviewAddForm(kit=kit, interviewers=interviewers) if can_change else None,
        "now": now,
    }
    context.update(extra)
    return context


@login_required
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate, _ = access.candidate_for_team(request.user, pk)
    return render(
        request, "scorecards/recruiting/candidate.html", candidate_context(request, candidate)
    )


@login_required
def candidate_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's links, notes and CV, edited by the role's recruiters."""
    candidate = access.candidate_for_recruiter(request.user, pk)
    initial = {
        "linkedin_url": candidate.linkedin_url,
        "portfolio_url": candidate.portfolio_url,
        "recruiter_notes": candidate.recruiter_notes,
    }
    form = CandidateProfileForm(
        request.POST or None, request.FILES or None, initial=initial, has_cv=bool(candidate.cv)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate_profile_update(
                candidate=candidate,
                change=ProfileChange(
                    linkedin_url=data["linkedin_url"],
                    portfolio_url=data["portfolio_url"],
                    recruiter_notes=data["recruiter_notes"],
                    cv=data.get("cv"),
                    remove_cv=data.get("remove_cv", False),
                ),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.add_error("cv", error)
        else:
            messages.success(request, f"{candidate.name}'s profile is saved.")
            return redirect(reverse("scorecards:candidate", args=[candidate.pk]) + "#profile")
    return render(
        request,
        "scorecards/recruiting/candidate_profile.html",
        {"candidate": candidate, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def candidate_cv(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's CV, as an attachment, for anyone who may see the candidate (their
    hiring team and their interviewers); 404 for everyone else and when there is none."""
    candidate = access.candidate_for_user(request.user, pk)
    if not candidate.cv:
        raise Http404("No CV")
    suffix = PurePath(candidate.cv.name).suffix.lower()
    response = FileResponse(
        candidate.cv.open("rb"),
        as_attachment=True,
        filename=candidate.cv_name or f"cv{suffix}",
        content_type=CV_KINDS.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


def back_to_candidate(candidate: Candidate) -> HttpResponse:
    return redirect(reverse("scorecards:candidate", args=[candidate.pk]) + "#loop")


@require_POST
@login_required
def interview_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access.candidate_for_recruiter(request.user, pk)
    kit = current_kit(candidate.role)
    form = InterviewAddForm(request.POST, kit=kit)
    if form.is_valid():
        interview = interview_add(
            candidate=candidate,
            exercise=form.cleaned_data["exercise"],
            interviewer=form.cleaned_data["interviewer"],
            scheduled_at=form.cleaned_data["scheduled_at"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"“{interview.title}” was added to the loop.")
        warn_of_clashes(request, interview)
        return back_to_candidate(candidate)
    context = candidate_context(request, candidate)
    context["add_form"] = form
    return render(request, "scorecards/recruiting/candidate.html", context, status=400)


@require_POST
@login_required
def interview_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.interview_for_recruiter(request.user, pk)
    form = InterviewEditForm(request.POST, interview=interview)
    if form.is_valid():
        try:
            interview_update(
                interview=interview,
                interviewer=form.cleaned_data["interviewer"],
                scheduled_at=form.cleaned_data["scheduled_at"],
                by=request.user,
                request=request,
            )
        except LoopChangeRefused as error:
            form.add_error("interviewer", str(error))
        else:
            messages.success(request, f"“{interview.title}” was updated.")
            warn_of_clashes(request, interview)
            return back_to_candidate(interview.candidate)
    context = candidate_context(request, interview.candidate, edit_forms={interview.pk: form})
    return render(request, "scorecards/recruiting/candidate.html", context, status=400)


@require_POST
@login_required
def interview_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.interview_for_recruiter(request.user, pk)
    try:
        interview_remove(interview=interview, by=request.user, request=request)
    except LoopChangeRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{interview.title}” was removed from the loop.")
    return back_to_candidate(interview.candidate)


@require_POST
@login_required
def interview_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.interview_for_recruiter(request.user, pk)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        messages.error(request, "Choose to move the interview up or down.")
        return back_to_candidate(interview.candidate)
    interview_move(interview=interview, direction=direction, by=request.user, request=request)
    return back_to_candidate(interview.candidate)


@require_POST
@login_required
def interview_remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access.interview_for_recruiter(request.user, pk)
    if hasattr(interview, "scorecard") and interview.scorecard.is_submitted:
        messages.info(request, f"The scorecard for “{interview.title}” is already submitted.")
    else:
        try:
            reminder_send(
                interview=interview,
                by=request.user,
                request=request,
                base_url=request.build_absolute_uri("/"),
            )
        except ReminderImpossible as error:
            messages.error(request, str(error))
        except (SMTPException, OSError) as error:
            messages.error(
                request,
                f"The reminder could not be sent ({error}). Check the email settings and try "
                "again.",
            )
        else:
            messages.success(
                request,
                f"Reminder sent to {interview.interviewer.get_full_name() or interview.interviewer}"
                f" for “{interview.title}” with {interview.candidate.name}.",
            )
    target = request.POST.get("next", "")
    if target == "list":
        return redirect("scorecards:candidate-list", slug=interview.candidate.role.slug)
    return back_to_candidate(interview.candidate)
