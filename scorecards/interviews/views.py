"""The interviewer's pages: "My interviews", the interview (kit beside the scorecard form) with
autosave and submit, amending a submitted scorecard, reading a scorecard (blind review), and
moving a draft to the kit's newest version (`kits:scorecard-move`, see kit_version_urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from interviewkit import kit_json
from interviewkit.access import role_rights
from interviewkit.editor.diff import kit_diff
from interviewkit.models import KitVersion, Signal
from interviewkit.scale import SIGNAL_GROUP_NAMES
from scorecards import access
from scorecards.form_errors import add_service_errors
from scorecards.interviews.forms import AmendForm, ScorecardForm
from scorecards.models import Interview, Scorecard, ScorecardRevision
from scorecards.services.scorecards import (
    InterviewRemoved,
    ScorecardLocked,
    StaleScorecard,
    kit_for_interview,
    scorecard_amend,
    scorecard_autosave,
    scorecard_data_merge,
    scorecard_data_of,
    scorecard_move_to_version,
    scorecard_note_others_read,
    scorecard_start,
    scorecard_submit,
)

STALE_MESSAGE = (
    "This scorecard changed in another tab or window. Reload the page to see the latest "
    "version; what you typed here is kept below, so nothing is lost."
)


@login_required
def my_interviews(request: HttpRequest) -> HttpResponse:
    """The user's interviews: upcoming, awaiting their feedback, and submitted."""
    # Queries: the user's interviews with candidate, role, exercise and scorecard (one query).
    interviews = list(
        Interview.objects.for_interviewer(request.user)
        .select_related("candidate__role", "exercise", "scorecard")
        .order_by("scheduled_at", "id")
    )
    now = timezone.now()
    upcoming, awaiting, submitted = [], [], []
    for interview in interviews:
        scorecard = getattr(interview, "scorecard", None)
        if scorecard is not None and scorecard.is_submitted:
            submitted.append(interview)
        elif interview.scheduled_at is None or interview.scheduled_at > now:
            upcoming.append(interview)
        else:
            # The recruiter chases scorecards not in a day after the interview.
            interview.overdue = interview.is_overdue(now)
            awaiting.append(interview)
    submitted.sort(key=lambda i: i.scorecard.submitted_at, reverse=True)
    return render(
        request,
        "scorecards/interviews/my_interviews.html",
        {
            "upcoming": upcoming,
            "awaiting": awaiting,
            "submitted": submitted,
            "now": now,
        },
    )


def posted_kit_id(data: QueryDict) -> int | None:
    """The kit version a posted scorecard page was built from (None from an older page)."""
    try:
        return int(data.get("kit_version", ""))
    except ValueError:
        return None


class InterviewPage:
    """What the interview page needs: the interview, its scorecard (if started) and the kit.

    `seen_kit_id` (a posted page's kit version) builds the form on the version the interviewer
    saw, so that every posted field is read even when the kit was edited meanwhile; `kit_changed`
    then says that the scorecard itself already lives on another version (the save is refused
    with 409 and the posted values are handed back)."""

    def __init__(self, interview: Interview, *, seen_kit_id: int | None = None) -> None:
        self.interview = interview
        # Its ratings and observed signals are read where they are shown: an autosave
        # replaces them without reading them.
        self.scorecard: Scorecard | None = Scorecard.objects.filter(interview=interview).first()
        if self.scorecard is not None:
            self.scorecard.interview = interview
            kit_id = self.scorecard.kit_id
        else:
            kit = kit_for_interview(interview)
            kit_id = kit.pk if kit is not None else None
        self.kit_changed = False
        if seen_kit_id is not None and seen_kit_id != kit_id:
            seen = KitVersion.objects.filter(
                pk=seen_kit_id, role_id=interview.candidate.role_id
            ).first()
            if seen is not None:
                self.kit_changed = self.scorecard is not None
                kit_id = seen.pk
        self.kit = KitVersion.objects.with_contents().get(pk=kit_id) if kit_id is not None else None
        if self.scorecard is not None and self.scorecard.kit_id == kit_id:
            self.scorecard.kit = self.kit  # its contents read once, for the form and the checks
        self.dimensions = list(self.kit.dimensions.all()) if self.kit else []
        self.signals = (
            sorted(self.kit.signals.all(), key=lambda s: (s.kind != Signal.Kind.RED, s.position))
            if self.kit
            else []
        )
        exercises = list(self.kit.exercises.all()) if self.kit else []
        self.exercise = next((e for e in exercises if e.pk == interview.exercise_id), None)
        if self.exercise is None and interview.exercise_id is not None:
            # The page was built on another version: its exercise of the same name.
            name = interview.exercise.name
            self.exercise = next((e for e in exercises if e.name == name), None)
        focus = {d.pk for d in self.exercise.focus.all()} if self.exercise else set()
        self.focus_ids = focus or {d.pk for d in self.dimensions}

    @property
    def revision(self) -> int:
        return self.scorecard.revision if self.scorecard is not None else 0

    def form(self, data: QueryDict | None = None, form_class=ScorecardForm, **extra):
        kwargs = {
            "dimensions": self.dimensions,
            "focus_ids": self.focus_ids,
            "signals": self.signals,
        }
        if data is not None:
            return form_class(data, **kwargs, **extra)
        initial = (
            ScorecardForm.initial_for(
                scorecard_data_of(self.scorecard),
                revision=self.revision,
                kit_id=self.kit.pk if self.kit else None,
            )
            if self.scorecard is not None
            else {"revision": 0, "kit_version": self.kit.pk if self.kit else None}
        )
        return form_class(initial=initial, **kwargs, **extra)

    def context(self, **extra) -> dict:
        focus = [d for d in self.dimensions if d.pk in self.focus_ids]
        return {
            "interview": self.interview,
            "candidate": self.interview.candidate,
            "scorecard": self.scorecard,
            "kit": self.kit,
            "exercise": self.exercise,
            "focus_dimensions": focus,
            "other_dimensions": [d for d in self.dimensions if d.pk not in self.focus_ids],
            "signal_groups": [
                (kind, label, [s for s in self.signals if s.kind == kind])
                for kind, label in SIGNAL_GROUP_NAMES.items()
            ],
            **extra,
        }


def panel_scorecards(interview: Interview) -> list[Scorecard]:
    """The other panelists' submitted scorecards of the candidate (shown once own is submitted)."""
    return list(
        Scorecard.objects.submitted()
        .for_candidate(interview.candidate)
        .exclude(interview=interview)
        .select_related("interview__interviewer")
    )


@login_required
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    """The kit for this interview beside its scorecard: a form while a draft, read-only once
    submitted (with the amendment history and, now, the panel's other scorecards)."""
    page = InterviewPage(access.interview_for_interviewer(request.user, pk))
    candidate = page.interview.candidate
    # The recruiters' notes may hold feedback: blind review keeps them from an interviewer
    # until their own scorecards are in.
    notes_open = role_rights(request.user, candidate.role).team or access.has_submitted_for(
        request.user, candidate
    )
    if page.scorecard is not None and page.scorecard.is_submitted:
        return render(
            request,
            "scorecards/interviews/interview.html",
            page.context(
                ratings=list(page.scorecard.ratings.select_related("dimension")),
                observed=list(page.scorecard.observed.select_related("signal")),
                revisions=list(page.scorecard.revisions.select_related("created_by")),
                panel=panel_scorecards(page.interview),
                notes_open=notes_open,
            ),
        )
    return render(
        request,
        "scorecards/interviews/interview.html",
        page.context(form=page.form(), notes_open=notes_open),
    )


def _status(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, "scorecards/scorecard/_autosave_status.html", context, status=status)


KIT_CHANGED_MESSAGE = (
    "The interview kit was changed while this page was open, and your scorecard is now on "
    "another version of it. Nothing was saved; everything you typed is listed here. Reload the "
    "page to continue on the new version."
)


@login_required
@require_POST
def interview_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the draft as it stands (htmx, a few seconds after typing, and on leaving the page).
    Answers with the status line and the new revision; 409 when another tab saved first or the
    scorecard moved to another kit version. The leave-page save (`leaving=1`, a beacon nobody
    reads the answer of) is merged into the newest revision instead of being refused."""
    interview = access.interview_for_interviewer(request.user, pk)
    page = InterviewPage(interview, seen_kit_id=posted_kit_id(request.POST))
    if page.kit is None:
        return _status(request, {"error": "This role has no interview kit yet."}, status=400)
    form = page.form(request.POST)
    if not form.is_valid():
        return _status(request, {"form": form, "invalid": True}, status=400)
    if page.kit_changed:
        return _status(
            request,
            {"form": form, "stale": True, "message": KIT_CHANGED_MESSAGE, "interview": interview},
            status=409,
        )
    revision = form.cleaned_data["revision"]
    data = form.to_data()
    try:
        scorecard = page.scorecard
        if scorecard is None:
            scorecard = scorecard_start(interview=interview, by=request.user, kit=page.kit)
            if revision == 0:
                revision = scorecard.revision
        try:
            scorecard = scorecard_autosave(
                scorecard=scorecard, data=data, revision=revision, by=request.user
            )
        except StaleScorecard as exc:
            if request.POST.get("leaving") != "1":
                raise
            scorecard.refresh_from_db()
            merged = scorecard_data_merge(stored=scorecard_data_of(scorecard), posted=data)
            scorecard = scorecard_autosave(
                scorecard=scorecard, data=merged, revision=exc.current, by=request.user
            )
    except StaleScorecard:
        return _status(
            request,
            {"form": form, "stale": True, "message": STALE_MESSAGE, "interview": interview},
            status=409,
        )
    except ScorecardLocked:
        return _status(request, {"form": form, "locked": True}, status=409)
    except InterviewRemoved:
        return _status(request, {"form": form, "removed": True}, status=404)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _status(request, {"form": form, "invalid": True}, status=400)
    return _status(request, {"saved_at": timezone.localtime(), "revision": scorecard.revision})


@login_required
@require_POST
def interview_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Check every rule and submit; on any error show the page again with each error beside its
    field and everything typed kept."""
    page = InterviewPage(
        access.interview_for_interviewer(request.user, pk),
        seen_kit_id=posted_kit_id(request.POST),
    )
    if page.kit is None:
        raise PermissionDenied("This role has no interview kit yet.")
    if page.scorecard is not None and page.scorecard.is_submitted:
        messages.info(request, "This scorecard is already submitted. Amend it to change it.")
        return redirect("scorecards:interview", pk=pk)
    form = page.form(request.POST)
    stale = False
    stale_message = STALE_MESSAGE
    if form.is_valid() and page.kit_changed:
        stale = True
        stale_message = KIT_CHANGED_MESSAGE
    elif form.is_valid():
        revision = form.cleaned_data["revision"]
        try:
            scorecard = page.scorecard
            if scorecard is None:
                scorecard = scorecard_start(interview=page.interview, by=request.user, kit=page.kit)
                if revision == 0:  # the page was loaded before any draft existed
                    revision = scorecard.revision
            scorecard_submit(
                scorecard=scorecard,
                data=form.to_data(),
                by=request.user,
                revision=revision,
                request=request,
            )
        except InterviewRemoved:
            raise Http404("This interview was removed from the loop.") from None
        except ScorecardLocked:
            # Submitted meanwhile (a second click, another tab): that one counts.
            messages.info(request, "This scorecard is already submitted. Amend it to change it.")
            return redirect("scorecards:interview", pk=pk)
        except StaleScorecard as exc:
            # Keep the posted values, and carry the new revision so that submitting again,
            # knowingly, replaces what the other tab saved.
            data = request.POST.copy()
            data["revision"] = str(exc.current)
            form = page.form(data)
            form.is_valid()
            stale = True
        except ValidationError as exc:
            # Not complete yet: keep it as the draft, so nothing typed is lost if the page is
            # closed now, and carry the new revision so autosave goes on from here.
            data = request.POST.copy()
            try:
                page.scorecard = scorecard_autosave(
                    scorecard=scorecard, data=form.to_data(), revision=revision, by=request.user
                )
                data["revision"] = str(page.scorecard.revision)
            except (StaleScorecard, ScorecardLocked, ValidationError):
                pass
            form = page.form(data)
            form.is_valid()
            add_service_errors(form, exc)
        else:
            messages.success(request, "Scorecard submitted. You can now read the panel's feedback.")
            return redirect("scorecards:interview", pk=pk)
    return render(
        request,
        "scorecards/interviews/interview.html",
        page.context(
            form=form,
            stale=stale,
            stale_message=stale_message,
            kit_changed=page.kit_changed,
            show_errors=True,
        ),
        status=409 if page.kit_changed else 200,
    )


@login_required
def scorecard_amend_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Amend a submitted scorecard: the same form plus a reason; the original is kept."""
    scorecard = access.scorecard_for_author(request.user, pk)
    page = InterviewPage(
        Interview.objects.select_related("candidate__role", "exercise").get(
            pk=scorecard.interview_id
        )
    )
    if not scorecard.is_submitted:
        return redirect("scorecards:interview", pk=scorecard.interview_id)
    if request.method == "POST":
        form = page.form(request.POST, form_class=AmendForm)
        if form.is_valid():
            try:
                scorecard_amend(
                    scorecard=page.scorecard,
                    data=form.to_data(),
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                    revision=form.cleaned_data["revision"],
                    request=request,
                )
            except StaleScorecard:
                form.add_error(None, STALE_MESSAGE)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Amendment saved. The original stays in the history.")
                return redirect("scorecards:interview", pk=scorecard.interview_id)
    else:
        form = page.form(form_class=AmendForm)
    return render(
        request,
        "scorecards/interviews/interview.html",
        page.context(form=form, amending=True, show_errors=request.method == "POST"),
    )


@login_required
def scorecard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Read one scorecard: one's own, or a panelist's once one's own is submitted (blind review).
    The first read of another's scorecard is recorded on the reader's own scorecards."""
    scorecard = access.scorecard_for_reader(request.user, pk)
    candidate = scorecard.interview.candidate
    is_author = scorecard.interview.interviewer_id == request.user.pk
    if not is_author:
        scorecard_note_others_read(candidate=candidate, by=request.user)
    ratings = list(scorecard.ratings.select_related("dimension"))
    observed = list(scorecard.observed.select_related("signal"))
    revisions: list[ScorecardRevision] = list(scorecard.revisions.select_related("created_by"))
    return render(
        request,
        "scorecards/scorecard/detail.html",
        {
            "scorecard": scorecard,
            "candidate": candidate,
            "ratings": ratings,
            "observed": observed,
            "revisions": revisions,
            "is_author": is_author,
            "panel_visible": access.can_see_panel(request.user, candidate),
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Finish a draft on its kit version, or move it to the newest one (ratings carried over)."""
    scorecard = access.scorecard_for_kit_move(request.user, pk)
    newest = scorecard.kit.role.current_kit()
    back = _safe_next(request, reverse("kits:kit-detail", args=[scorecard.kit.role.slug]))
    if request.method == "POST":
        if newest.pk == scorecard.kit_id:
            messages.info(request, f"This scorecard is already on kit v{newest.number}.")
            return redirect(back)
        old_number = scorecard.kit.number
        moved = scorecard_move_to_version(scorecard=scorecard, kit=newest, by=request.user)
        note = f"Your draft now uses kit v{newest.number} (was v{old_number})."
        if moved.carried:
            note += f" Ratings carried over: {', '.join(moved.carried)}."
        if moved.dropped or moved.signals_dropped:
            gone = [*moved.dropped, *moved.signals_dropped]
            note += (
                f" Not in the new version: {', '.join(gone)}; what you wrote about them is "
                "kept in your take-aways."
            )
        messages.success(request, note)
        return redirect(back)
    ratings = list(scorecard.ratings.select_related("dimension"))
    new_names = set(newest.dimensions.values_list("name", flat=True))
    return render(
        request,
        "scorecards/interviews/scorecard_move.html",
        {
            "scorecard": scorecard,
            "newest": newest,
            "next": back,
            "carried": [r for r in ratings if r.dimension.name in new_names],
            "dropped": [r for r in ratings if r.dimension.name not in new_names],
            "diff": kit_diff(kit_json.kit_to_dict(scorecard.kit), kit_json.kit_to_dict(newest))
            if newest.pk != scorecard.kit_id
            else None,
        },
    )
