"""Recruiter exports of a role: batch PDF ZIPs (run by the task worker) and the ratings CSV,
and the import of past scorecards from that CSV format.

Only the role's hiring team (its recruiters and hiring managers) and admins export; an
interviewer of the role gets 403 and anyone else 404 (`access.role_for_team`). Interviewers
thus never get an export of a candidate they have not submitted for: they get none at all.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from interviewkit import personas
from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards import access
from scorecards.exports import csv_io
from scorecards.models import Candidate, ExportJob, Scorecard
from scorecards.services.exports import ExportError, export_job_start
from scorecards.services.imports import ImportRefused, scorecards_import


class CandidateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Candidate) -> str:
        n = obj.submitted_count
        return f"{obj.name} ({obj.email}) · {n} submitted scorecard{'s' if n != 1 else ''}"


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What to export",
        choices=ExportJob.Kind.choices,
        initial=ExportJob.Kind.PACKETS,
        widget=forms.RadioSelect,
    )
    candidates = CandidateChoiceField(
        label="Candidates",
        queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="All of the role's candidates are ticked; untick the ones to leave out.",
        error_messages={"required": "Tick at least one candidate to export."},
    )

    def __init__(self, role: Role, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = role.candidates.annotate(
            submitted_count=Count(
                "interviews__scorecard",
                filter=Q(interviews__scorecard__status=Scorecard.Status.SUBMITTED),
            )
        ).order_by("name", "id")
        self.fields["candidates"].queryset = queryset
        ids = list(queryset.values_list("pk", flat=True))
        self.has_candidates = bool(ids)
        if not self.is_bound:
            self.fields["candidates"].initial = ids
        self.helper = FormHelper()
        self.helper.form_class = "export-form"
        self.helper.add_input(Submit("start", "Start export"))


class ScorecardImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="The columns of the role's ratings CSV (its header line first), as UTF-8 text.",
        error_messages={"required": "Choose the CSV file to import."},
    )
    create_users = forms.BooleanField(
        label="Create accounts for interviewers not known here",
        required=False,
        help_text="They cannot log in. Left unticked, a file naming an unknown interviewer "
        "is refused.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_class = "import-form"
        self.helper.add_input(Submit("import", "Import scorecards"))


@login_required
@require_http_methods(["GET", "POST"])
def import_scorecards(request: HttpRequest, slug: str) -> HttpResponse:
    """Past scorecards of the role from a CSV in the export's format: the whole file or nothing,
    each error naming its line; the same file again adds nothing (the import's key is the
    file's scorecard_id)."""
    role, _ = access.role_for_team(request.user, slug)
    posted = request.method == "POST"
    form = ScorecardImportForm(request.POST, request.FILES) if posted else ScorecardImportForm()
    errors: list[str] = []
    if posted and form.is_valid():
        try:
            text = csv_io.scorecards_csv_text(form.cleaned_data["file"].read())
            cards = csv_io.scorecards_csv_read(text, only_role=role)
            result = scorecards_import(
                scorecards=cards, by=request.user, create_users=form.cleaned_data["create_users"]
            )
        except csv_io.CsvImportError as exc:
            errors = [str(error) for error in exc.errors]
        except ImportRefused as exc:
            errors = exc.errors
        else:
            messages.success(request, result.summary())
            return redirect("scorecards:export-role", slug=role.slug)
    return render(
        request,
        "scorecards/exports/import.html",
        {"role": role, "form": form, "errors": errors},
        status=400 if posted else 200,
    )


@login_required
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    """The roles the user may export, each with its candidate count, and their recent jobs."""
    roles = list(
        access.roles_for_team_member(request.user)
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("title")
    )
    if not roles and not (
        personas.is_recruiter(request.user) or personas.is_hiring_manager(request.user)
    ):
        raise PermissionDenied("Exports are for the hiring team.")
    jobs = ExportJob.objects.filter(role__in=roles).select_related("role", "requested_by")[:15]
    return render(request, "scorecards/exports/export_list.html", {"roles": roles, "jobs": jobs})


@login_required
@require_http_methods(["GET", "POST"])
def export_role(request: HttpRequest, slug: str) -> HttpResponse:
    role, _ = access.role_for_team(request.user, slug)
    form = ExportForm(role, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = export_job_start(
                role=role,
                kind=form.cleaned_data["kind"],
                candidate_ids=[c.pk for c in form.cleaned_data["candidates"]],
                by=request.user,
            )
        except ExportError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("scorecards:export-job", pk=job.pk)
    submitted = Scorecard.objects.submitted().filter(interview__candidate__role=role).count()
    jobs = role.export_jobs.select_related("requested_by")[:10]
    return render(
        request,
        "scorecards/exports/role_export.html",
        {"role": role, "form": form, "jobs": jobs, "submitted": submitted},
    )


@login_required
@require_GET
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.job_for_team(request.user, pk)
    return render(request, "scorecards/exports/job.html", {"job": job})


@login_required
@require_GET
def export_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment that the job page polls (htmx) until the job has finished."""
    job = access.job_for_team(request.user, pk)
    return render(request, "scorecards/exports/_job_status.html", {"job": job})


@login_required
@require_GET
def export_job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = access.job_for_team(request.user, pk)
    if job.status != ExportJob.Status.DONE or not job.archive:
        raise Http404("This export has no archive to download.")
    audit.record(request, "export.zip", job, detail={"event": "download", "kind": job.kind})
    return FileResponse(
        job.archive.open("rb"),
        as_attachment=True,
        filename=f"{job.role.slug}-{job.kind}-{job.created_at:%Y%m%d-%H%M}.zip",
        content_type="application/zip",
    )


@login_required
@require_GET
def export_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    role, _ = access.role_for_team(request.user, slug)
    audit.record(request, "export.csv", role, detail={"event": "download"})
    response = StreamingHttpResponse(
        csv_io.ratings_csv_lines(role), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{role.slug}-ratings-{stamp}.csv"'
    return response
