"""Hiring packets: the debrief page, its PDF, the one-page summary and the decision form.

Reading a packet goes through `access.candidate_for_panel` (404 for outsiders, 403 for an
interviewer who has not submitted their own scorecard: blind review). Recording a decision is
for the role's hiring managers (`RoleRights.manager`); recruiters read it and get 403 on
POST.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from interviewkit.access import RoleRights
from interviewkit.audit import events as audit
from scorecards import access
from scorecards.form_errors import add_service_errors
from scorecards.models import Candidate, Decision
from scorecards.packets import board
from scorecards.packets.context import packet_context
from scorecards.packets.load import load_packet
from scorecards.services import packet_pdfs
from scorecards.services.decisions import (
    WITHOUT_SCORECARDS,
    DecidedMeanwhile,
    SeenDecision,
    decision_record,
    submitted_scorecards,
)
from scorecards.services.scorecards import scorecard_note_others_read


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision", choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why, in a few sentences: it is kept with the decision and its history.",
    )
    # The decision the page showed as current (empty: none), so that a decision recorded by
    # someone else after the page was rendered is not silently replaced.
    current_decision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Asked only while no scorecard is submitted (`scorecards=0`): deciding on nothing the
    # panel wrote is a choice the manager confirms, not a slip.
    without_scorecards = forms.BooleanField(
        required=False, label="Record this decision although no scorecard is submitted"
    )

    def __init__(self, *args, scorecards: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if scorecards:
            del self.fields["without_scorecards"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", "Record decision"))

    def clean(self):
        # Said with the other errors of an empty submit; the service checks it again.
        data = super().clean()
        if "without_scorecards" in self.fields and not data.get("without_scorecards"):
            self.add_error("without_scorecards", WITHOUT_SCORECARDS)
        return data


def _render_packet(
    request: HttpRequest,
    candidate: Candidate,
    rights: RoleRights,
    form: DecisionForm | None = None,
    status=200,
    decided_meanwhile: Decision | None = None,
) -> HttpResponse:
    packet = load_packet(candidate)
    if form is None:
        # The form starts on the current decision, so revising it is one change away.
        initial = (
            {"outcome": packet.decision.outcome, "current_decision": packet.decision.pk}
            if packet.decision
            else {}
        )
        form = DecisionForm(initial=initial, scorecards=len(packet.scorecards))
    context = packet_context(
        packet,
        viewer=request.user,
        form=form,
        can_decide=rights.manager,
        decided_meanwhile=decided_meanwhile,
    )
    return render(request, "scorecards/packet/page.html", context, status=status)


@login_required
@require_GET
def packet(request: HttpRequest, pk: int) -> HttpResponse:
    # Queries: see test_the_packet_page_takes_the_same_queries_for_2_and_6_scorecards.
    candidate, rights = access.candidate_for_panel(request.user, pk)
    # An interviewer reading the panel: a later amendment of theirs is known to come after.
    scorecard_note_others_read(candidate=candidate, by=request.user)
    return _render_packet(request, candidate, rights)


@login_required
@require_POST
def packet_decision(request: HttpRequest, pk: int) -> HttpResponse:
    candidate, rights = access.candidate_for_panel(request.user, pk)
    if not rights.manager:
        raise PermissionDenied("Only the role's hiring managers record decisions.")
    scorecards = submitted_scorecards(candidate)
    form = DecisionForm(request.POST, scorecards=scorecards)
    if form.is_valid():
        # What the page showed as current; a post without the field (not from this page's
        # form) is not checked, like the API's.
        seen = (
            SeenDecision(decision_id=form.cleaned_data["current_decision"])
            if "current_decision" in request.POST
            else None
        )
        try:
            decision = decision_record(
                candidate=candidate,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                by=request.user,
                request=request,
                seen=seen,
                without_scorecards=form.cleaned_data.get("without_scorecards", False),
            )
        except DecidedMeanwhile as exc:
            # Nothing recorded: the manager's choice and note stay on the form, which now
            # carries the newer decision, so recording again knowingly replaces it.
            data = request.POST.copy()
            data["current_decision"] = str(exc.decision.pk)
            form = DecisionForm(data, scorecards=scorecards)
            form.is_valid()
            messages.warning(
                request,
                "Someone else decided meanwhile: your decision was not recorded. Their decision "
                "and your kept choice and note are in the Decision section below.",
            )
            return _render_packet(
                request, candidate, rights, form, status=409, decided_meanwhile=exc.decision
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded: {decision.get_outcome_display()}.")
            return redirect("scorecards:packet", pk=candidate.pk)
    return _render_packet(request, candidate, rights, form, status=400)


def pdf_attachment(candidate: Candidate, content: bytes, *, kind: str) -> HttpResponse:
    """A packet's or summary's PDF as a download named after the candidate (the page and the
    API send the same)."""
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{slugify(candidate.name) or 'candidate'}-{candidate.pk}-{kind}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf_response(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    candidate, _ = access.candidate_for_panel(request.user, pk)
    content = packet_pdfs.packet_pdf(candidate, kind=kind, for_user=request.user)
    audit.record(request, "export.pdf", candidate, detail={"kind": kind, "bytes": len(content)})
    return pdf_attachment(candidate, content, kind=kind)


@login_required
@require_GET
def packet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request, pk, kind="packet")


@login_required
@require_GET
def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request, pk, kind="summary")


@login_required
@require_GET
def packet_list(request: HttpRequest) -> HttpResponse:
    """The hiring manager's board: the candidates of the roles whose hiring team the user is
    on, ready for a decision first, filterable by role and state, sortable by column."""
    roles = list(access.roles_for_team_member(request.user).order_by("title"))
    by_slug = {role.slug: role for role in roles}
    role = by_slug.get(request.GET.get("role", ""))
    state = request.GET.get("state", "open")
    state = state if state in board.FILTERS else "open"
    sort = request.GET.get("sort", "state")
    sort = sort if sort in board.SORTS else "state"
    now = timezone.now()
    # Queries: the roles; the candidates; the packets (load_packets: seven); the interviewers
    # of their scorecards; two per role for its stored model.
    candidates = Candidate.objects.filter(role__in=[role] if role else roles).select_related("role")
    if state == board.DECIDED:
        candidates = candidates.filter(decisions__isnull=False).distinct()
    elif state != "all":
        candidates = candidates.filter(decisions__isnull=True)
    chosen = list(candidates.order_by("-created_at", "-id")[: board.BOARD_LIMIT + 1])
    more = len(chosen) > board.BOARD_LIMIT
    keep = board.FILTERS[state][1]
    rows = [
        row for row in board.board_rows(chosen[: board.BOARD_LIMIT], now=now) if row.state in keep
    ]
    rows.sort(key=board.SORTS[sort][1])
    query = request.GET.copy()
    query.pop("sort", None)
    return render(
        request,
        "scorecards/packet/list.html",
        {
            "roles": roles,
            "role": role,
            "rows": [(row, row.days_waiting(now)) for row in rows],
            "state": state,
            "states": [(key, label) for key, (label, _) in board.FILTERS.items()],
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in board.SORTS.items()],
            "sort_query": query.urlencode(),
            "limit": board.BOARD_LIMIT if more else None,
        },
    )
