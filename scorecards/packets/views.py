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
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from interviewkit.access import RoleRights
from interviewkit.audit import events as audit
from scorecards import access
from scorecards.form_errors import add_service_errors
from scorecards.models import Candidate, Decision, Scorecard
from scorecards.packets.context import packet_context
from scorecards.packets.load import load_packet
from scorecards.services.decisions import decision_record
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", "Record decision"))


def _render_packet(
    request: HttpRequest,
    candidate: Candidate,
    rights: RoleRights,
    form: DecisionForm | None = None,
    status=200,
) -> HttpResponse:
    packet = load_packet(candidate)
    if form is None:
        # The form starts on the current decision, so revising it is one change away.
        initial = {"outcome": packet.decision.outcome} if packet.decision else {}
        form = DecisionForm(initial=initial)
    context = packet_context(packet, viewer=request.user, form=form, can_decide=rights.manager)
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
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = decision_record(
                candidate=candidate,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded: {decision.get_outcome_display()}.")
            return redirect("scorecards:packet", pk=candidate.pk)
    return _render_packet(request, candidate, rights, form, status=400)


def _pdf_response(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    from scorecards.packets import pdf  # WeasyPrint is heavy: load it only where PDFs are made.

    candidate, _ = access.candidate_for_panel(request.user, pk)
    if kind == "summary":
        content = pdf.render_summary_pdf(candidate, for_user=request.user)
    else:
        content = pdf.render_packet_pdf(candidate, for_user=request.user)
    audit.record(request, "export.pdf", candidate, detail={"kind": kind, "bytes": len(content)})
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{slugify(candidate.name) or 'candidate'}-{candidate.pk}-{kind}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    """The candidates of the roles whose hiring team the user is on, with their packet status."""
    # Queries: the roles, then their candidates with counts and latest decision (one query).
    roles = list(access.roles_for_team_member(request.user).order_by("title"))
    latest = Decision.objects.filter(candidate=OuterRef("pk")).latest_first()
    candidates = (
        Candidate.objects.filter(role__in=roles)
        .annotate(
            submitted=Count(
                "interviews__scorecard",
                filter=Q(interviews__scorecard__status=Scorecard.Status.SUBMITTED),
                distinct=True,
            ),
            planned=Count("interviews", distinct=True),
            decision=Subquery(latest.values("outcome")[:1]),
        )
        .order_by("role__title", "name", "id")
    )
    by_role: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_role.setdefault(c.role_id, []).append(c)
    outcomes = dict(Decision.Outcome.choices)
    groups = [
        (role, [(c, outcomes.get(c.decision, "")) for c in by_role.get(role.pk, [])])
        for role in roles
    ]
    return render(request, "scorecards/packet/list.html", {"groups": groups})
