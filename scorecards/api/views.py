"""The API's views: thin function views like the pages'. Each fetches its object through the
same access helper as its page (404 for outsiders, 403 for who may look but not act), checks
the input with the page's own form, and writes through the page's service."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from interviewkit.access import (
    is_role_manager,
    refuse_unless_starting_roles,
    role_rights,
    roles_in_document_not_managed_by,
)
from interviewkit.audit import events as audit
from interviewkit.audit.views import visible_events
from interviewkit.editor.forms import DocumentUploadForm
from interviewkit.models import KitVersion, Role
from interviewkit.services import kit_import
from scorecards import access
from scorecards.api import serializers as s
from scorecards.api.errors import service_errors
from scorecards.api.selectors import readable_scorecards
from scorecards.interviews.views import InterviewPage
from scorecards.models import Candidate, Decision, Interview, Scorecard
from scorecards.packets import serialize
from scorecards.packets.load import load_packet
from scorecards.packets.trust import packet_trust, trust_json
from scorecards.packets.views import DecisionForm, pdf_attachment
from scorecards.recruiting.forms import CandidateAddForm, InterviewAddForm, InterviewEditForm
from scorecards.recruiting.views import current_kit
from scorecards.services import packet_pdfs
from scorecards.services.candidates import (
    PlannedInterview,
    candidate_add,
    candidate_update,
    interview_add,
    interview_move,
    interview_remove,
    interview_update,
    loop_proposal,
)
from scorecards.services.decisions import (
    DecidedMeanwhile,
    SeenDecision,
    decision_record,
    submitted_scorecards,
)
from scorecards.services.privacy import candidate_erase
from scorecards.services.scorecards import (
    evidence_field,
    rating_field,
    scorecard_autosave,
    scorecard_note_others_read,
    scorecard_start,
    scorecard_submit,
    signal_field,
    signal_note_field,
)


class Pages(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def paged(request: Request, queryset, serializer) -> Response:
    pages = Pages()
    page = pages.paginate_queryset(queryset, request)
    return pages.get_paginated_response(serializer(page, many=True).data)


def http(request: Request):
    """The Django request under DRF's: services and the audit log take that one."""
    return request._request


def time_filter(request: Request, queryset: QuerySet, field: str, name: str) -> QuerySet:
    """`<name>_after` and `<name>_before` (ISO 8601, with a time zone or in the server's) on
    `field`; a bad value is a 400 naming the parameter."""
    for suffix, lookup in (("after", "gte"), ("before", "lt")):
        param = f"{name}_{suffix}"
        raw = request.query_params.get(param)
        if not raw:
            continue
        try:
            when = parse_datetime(raw)
        except ValueError:
            when = None
        if when is None:
            raise exceptions.ValidationError(
                {param: [f"“{raw}” is not a date and time (use ISO 8601, e.g. 2026-01-31T09:00Z)."]}
            )
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        queryset = queryset.filter(**{f"{field}__{lookup}": when})
    return queryset


def role_filter(request: Request, queryset: QuerySet, field: str, roles=None) -> QuerySet:
    """`role=<slug>`: an unknown role, or one the user may not see, is a 404 like its pages."""
    slug = request.query_params.get("role")
    if not slug:
        return queryset
    roles = Role.objects.all() if roles is None else roles
    role = roles.filter(slug=slug).first()
    if role is None:
        raise Http404("No such role")
    return queryset.filter(**{field: role})


def checked(serializer_class, request: Request, *, partial: bool = False) -> dict:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def form_or_400(form, rename=None) -> dict:
    """The page's form, run on the translated request: its errors become the API's, renamed
    back to the request's fields."""
    rename = rename or (lambda key: key)
    if form.is_valid():
        return form.cleaned_data
    fields = {
        ("non_field_errors" if key == "__all__" else rename(key)): list(messages)
        for key, messages in form.errors.items()
    }
    raise exceptions.ValidationError(fields)


def form_time(value: datetime | None) -> str:
    """A time as the pages' forms read it (the server's zone, seconds kept)."""
    return "" if value is None else timezone.localtime(value).strftime("%Y-%m-%dT%H:%M:%S")


ROLE_PARAM = OpenApiParameter("role", str, description="A role's slug.")


def time_params(name: str) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(f"{name}_after", OpenApiTypes.DATETIME, description="From (inclusive)."),
        OpenApiParameter(f"{name}_before", OpenApiTypes.DATETIME, description="Until (exclusive)."),
    ]


# ---------------------------------------------------------------------------- roles and kits


@extend_schema(responses=s.RoleSerializer(many=True), tags=["kits"])
@api_view(["GET"])
def role_list(request: Request) -> Response:
    """Every role and its kit versions (kits are readable by everyone who signs in)."""
    roles = Role.objects.prefetch_related(
        Prefetch("kits", queryset=KitVersion.objects.order_by("-number"))
    ).order_by("title")
    return paged(request, roles, s.RoleSerializer)


@extend_schema(responses=s.KitSerializer, tags=["kits"])
@api_view(["GET"])
def kit_detail(request: Request, slug: str, number: int | None = None) -> Response:
    """A kit version with its dimensions, exercises and signals; the newest without a number."""
    kits = KitVersion.objects.with_contents().filter(role__slug=slug).order_by("-number")
    kit = kits.filter(number=number).first() if number is not None else kits.first()
    if kit is None:
        raise Http404("No such kit")
    return Response(s.KitSerializer(kit).data)


@extend_schema(request=s.KitImportSerializer, responses=s.KitSerializer(many=True), tags=["kits"])
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def kit_import_view(request: Request) -> Response:
    """Import a role document, as the upload page does: a new role (its importer manages it), or
    a new version of a role the user manages."""
    refuse_unless_starting_roles(request.user)
    form = DocumentUploadForm(request.data, request.FILES)
    name, raw = form_or_400(form)["named"]
    taken = roles_in_document_not_managed_by(request.user, name, raw)
    if taken:
        raise PermissionDenied(
            f"The role {taken[0]!r} already exists and you are not one of its hiring managers."
        )
    results = kit_import(documents=[(name, raw)], by=request.user)
    failed = [r for r in results if not r.ok]
    if failed or not results:
        messages = [f"{r.document} could not be imported: {r.error}." for r in failed]
        raise exceptions.ValidationError({"document": messages or ["Nothing to import."]})
    kits = KitVersion.objects.with_contents().filter(pk__in=[r.kit.pk for r in results])
    body = [dict(s.KitSerializer(k).data, status=_status_of(results, k)) for k in kits]
    return Response(body, status=201)


def _status_of(results, kit) -> str:
    return next(r.status for r in results if r.kit.pk == kit.pk)


# ---------------------------------------------------------------------------- candidates


@extend_schema(
    methods=["GET"],
    parameters=[
        ROLE_PARAM,
        OpenApiParameter("status", str, enum=s.STATUS_VALUES, description="Needs `role`."),
        *time_params("created"),
    ],
    responses=s.CandidateSerializer(many=True),
    tags=["candidates"],
)
@extend_schema(
    methods=["POST"],
    request=s.CandidateCreateSerializer,
    responses={201: s.CandidateSerializer},
    tags=["candidates"],
)
@api_view(["GET", "POST"])
def candidate_list(request: Request) -> Response:
    """GET: the candidates of the roles whose hiring team the user is on. POST: add a
    candidate and their loop (the role's recruiters)."""
    if request.method == "POST":
        return _candidate_create(request)
    roles = access.roles_for_team_member(request.user)
    status = request.query_params.get("status")
    slug = request.query_params.get("role")
    if status:
        if status not in s.STATUS_VALUES:
            raise exceptions.ValidationError({"status": [f"Choose one of {s.STATUS_VALUES}."]})
        if not slug:
            raise exceptions.ValidationError({"status": ["Filter by status within one `role`."]})
        role = roles.filter(slug=slug).first()
        if role is None:
            raise Http404("No such role")
        candidates = Candidate.objects.filter(role=role).in_status(status).with_status()
    else:
        candidates = role_filter(request, Candidate.objects.filter(role__in=roles), "role", roles)
    candidates = time_filter(request, candidates, "created_at", "created")
    return paged(
        request,
        candidates.select_related("role").order_by("-created_at", "-id"),
        s.CandidateSerializer,
    )


def _candidate_create(request: Request) -> Response:
    data = checked(s.CandidateCreateSerializer, request)
    role, _rights = access.role_for_team(request.user, data["role"])
    access.refuse_unless_recruiter(role_rights(request.user, role))
    kit = current_kit(role)
    exercises = loop_proposal(kit)
    planned = {p["exercise"]: (i, p) for i, p in enumerate(data.get("loop", []))}
    unknown = [
        i for exercise, (i, _) in planned.items() if exercise not in {e.pk for e in exercises}
    ]
    if unknown:
        raise exceptions.ValidationError(
            {
                f"loop.{i}.exercise": ["This exercise is not part of the role's kit."]
                for i in unknown
            }
        )
    form_data = {"name": data["name"], "email": data["email"]}
    for exercise in exercises:
        if exercise.pk in planned:
            _, p = planned[exercise.pk]
            form_data[f"ex{exercise.pk}_include"] = "on"
            form_data[f"ex{exercise.pk}_interviewer"] = str(p["interviewer"])
            form_data[f"ex{exercise.pk}_when"] = form_time(p.get("scheduled_at"))
    index_of = {f"ex{e}_": f"loop.{i}." for e, (i, _) in planned.items()}

    def rename(key: str) -> str:
        for prefix, path in index_of.items():
            if key.startswith(prefix):
                return path + key.removeprefix(prefix).replace("when", "scheduled_at")
        return key

    form = CandidateAddForm(form_data, kit=kit, exercises=exercises)
    form_or_400(form, rename)
    # The loop in the order the request gave, as the page keeps the kit's order.
    by_pk = {e.pk: e for e in exercises}
    loop = [
        PlannedInterview(
            exercise=by_pk[p["exercise"]],
            interviewer=form.cleaned_data[f"ex{p['exercise']}_interviewer"],
            scheduled_at=form.cleaned_data.get(f"ex{p['exercise']}_when"),
        )
        for p in data.get("loop", [])
    ]
    try:
        candidate = candidate_add(
            role=role,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            by=request.user,
            request=http(request),
            loop=loop,
        )
    except ValidationError as exc:
        raise service_errors(exc, rename) from None
    return Response(s.CandidateSerializer(candidate).data, status=201)


@extend_schema(methods=["GET"], responses=s.CandidateSerializer, tags=["candidates"])
@extend_schema(
    methods=["PATCH"],
    request=s.CandidateUpdateSerializer,
    responses=s.CandidateSerializer,
    tags=["candidates"],
)
@extend_schema(
    methods=["DELETE"],
    responses=s.CandidateSerializer,
    tags=["candidates"],
    description="Erase the candidate's personal data (their scores stay as anonymous "
    "statistics): the role's recruiters and admins.",
)
@api_view(["GET", "PATCH", "DELETE"])
def candidate_detail(request: Request, pk: int) -> Response:
    if request.method == "DELETE":
        candidate = access.candidate_for_privacy(request.user, pk)
        if candidate.erased_at is None:
            candidate_erase(candidate=candidate, by=request.user, request=http(request))
            candidate.refresh_from_db()
        return Response(s.CandidateSerializer(candidate).data)
    if request.method == "PATCH":
        candidate = access.candidate_for_recruiter(request.user, pk)
        data = checked(s.CandidateUpdateSerializer, request, partial=True)
        candidate = candidate_update(
            candidate=candidate,
            name=data.get("name", candidate.name),
            email=data.get("email", candidate.email),
            by=request.user,
            request=http(request),
        )
        return Response(s.CandidateSerializer(candidate).data)
    return Response(s.CandidateSerializer(access.candidate_for_team(request.user, pk)[0]).data)


# ---------------------------------------------------------------------------- interviews


def _interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related("interviewer", "scorecard", "candidate")


@extend_schema(methods=["GET"], responses=s.InterviewSerializer(many=True), tags=["interviews"])
@extend_schema(
    methods=["POST"],
    request=s.InterviewCreateSerializer,
    responses={201: s.InterviewSerializer},
    tags=["interviews"],
)
@api_view(["GET", "POST"])
def candidate_interviews(request: Request, pk: int) -> Response:
    """The candidate's loop (the hiring team); POST adds an interview at its end (recruiters)."""
    if request.method == "GET":
        candidate, _rights = access.candidate_for_team(request.user, pk)
        return paged(request, _interviews().filter(candidate=candidate), s.InterviewSerializer)
    candidate = access.candidate_for_recruiter(request.user, pk)
    data = checked(s.InterviewCreateSerializer, request)
    form = InterviewAddForm(
        {
            "exercise": str(data["exercise"]),
            "interviewer": str(data["interviewer"]),
            "scheduled_at": form_time(data.get("scheduled_at")),
        },
        kit=current_kit(candidate.role),
    )
    cleaned = form_or_400(form)
    interview = interview_add(
        candidate=candidate,
        exercise=cleaned["exercise"],
        interviewer=cleaned["interviewer"],
        scheduled_at=cleaned["scheduled_at"],
        by=request.user,
        request=http(request),
    )
    return Response(s.InterviewSerializer(interview).data, status=201)


@extend_schema(
    parameters=[ROLE_PARAM, *time_params("scheduled")],
    responses=s.InterviewSerializer(many=True),
    tags=["interviews"],
)
@api_view(["GET"])
def my_interviews(request: Request) -> Response:
    """The interviews the user conducts (where their token may fill a scorecard)."""
    interviews = _interviews().for_interviewer(request.user)
    interviews = role_filter(request, interviews, "candidate__role")
    interviews = time_filter(request, interviews, "scheduled_at", "scheduled")
    return paged(request, interviews.order_by("scheduled_at", "id"), s.InterviewSerializer)


def _interview_for_reader(user, pk: int) -> Interview:
    """The interviewer, and the hiring team of its role, may read an interview; others 404."""
    try:
        return access.interview_for_interviewer(user, pk)
    except PermissionDenied:
        # interview_for_interviewer refuses the hiring team only: they may look, not fill.
        return Interview.objects.select_related("candidate__role").get(pk=pk)


@extend_schema(methods=["GET"], responses=s.InterviewSerializer, tags=["interviews"])
@extend_schema(
    methods=["PATCH"],
    request=s.InterviewUpdateSerializer,
    responses=s.InterviewSerializer,
    tags=["interviews"],
)
@extend_schema(methods=["DELETE"], responses={204: None}, tags=["interviews"])
@api_view(["GET", "PATCH", "DELETE"])
def interview_detail(request: Request, pk: int) -> Response:
    if request.method == "GET":
        interview = _interview_for_reader(request.user, pk)
        return Response(s.InterviewSerializer(_interviews().get(pk=interview.pk)).data)
    interview = access.interview_for_recruiter(request.user, pk)
    if request.method == "DELETE":
        interview_remove(interview=interview, by=request.user, request=http(request))
        return Response(status=204)
    data = checked(s.InterviewUpdateSerializer, request, partial=True)
    scheduled_at = data.get("scheduled_at", interview.scheduled_at)
    form = InterviewEditForm(
        {
            "interviewer": str(data.get("interviewer", interview.interviewer_id)),
            "scheduled_at": form_time(scheduled_at),
        },
        interview=interview,
    )
    cleaned = form_or_400(form)
    interview = interview_update(
        interview=interview,
        interviewer=cleaned["interviewer"],
        scheduled_at=cleaned["scheduled_at"],
        by=request.user,
        request=http(request),
    )
    return Response(s.InterviewSerializer(_interviews().get(pk=interview.pk)).data)


@extend_schema(
    request=s.MoveSerializer, responses=s.InterviewSerializer(many=True), tags=["interviews"]
)
@api_view(["POST"])
def interview_move_view(request: Request, pk: int) -> Response:
    """Swap the interview with its neighbour above or below; answers with the new loop."""
    interview = access.interview_for_recruiter(request.user, pk)
    data = checked(s.MoveSerializer, request)
    interview_move(
        interview=interview, direction=data["direction"], by=request.user, request=http(request)
    )
    loop = _interviews().filter(candidate=interview.candidate)
    return Response(s.InterviewSerializer(loop, many=True).data)


# ---------------------------------------------------------------------------- scorecards


def scorecard_form_data(page: InterviewPage, data: dict, revision: int) -> tuple[dict, callable]:
    """The request's scorecard as the page's form fields, and the way back for error names.
    Dimensions and signals not in the kit are refused here: the form would ignore them."""
    dimension_ids = {d.pk for d in page.dimensions}
    signal_ids = {sig.pk for sig in page.signals}
    errors = {}
    form: dict[str, str] = {
        "revision": str(revision),
        "recommendation": data.get("recommendation", ""),
        "takeaways": data.get("takeaways", ""),
    }
    for rating in data.get("ratings", []):
        dim = rating["dimension"]
        if dim not in dimension_ids:
            errors[f"ratings.{dim}.dimension"] = ["This dimension is not part of this kit."]
            continue
        form[rating_field(dim)] = "na" if rating["value"] is None else str(rating["value"])
        form[evidence_field(dim)] = rating.get("evidence", "")
    for seen in data.get("signals", []):
        sig = seen["signal"]
        if sig not in signal_ids:
            errors[f"signals.{sig}.signal"] = ["This signal is not part of this kit."]
            continue
        form[signal_field(sig)] = "on"
        form[signal_note_field(sig)] = seen.get("note", "")
    if errors:
        raise exceptions.ValidationError(errors)

    def rename(key: str) -> str:
        for prefix, path in (
            ("rating_", "ratings.{}.value"),
            ("evidence_", "ratings.{}.evidence"),
            ("signal_note_", "signals.{}.note"),
            ("signal_", "signals.{}.signal"),
        ):
            if key.startswith(prefix) and key.removeprefix(prefix).isdigit():
                return path.format(key.removeprefix(prefix))
        return key

    return form, rename


@extend_schema(
    request=s.ScorecardInputSerializer,
    responses={200: s.ScorecardSerializer, 201: s.ScorecardSerializer},
    tags=["scorecards"],
)
@api_view(["POST"])
def interview_scorecard(request: Request, pk: int) -> Response:
    """Fill the scorecard of an interview the token's user conducts, with the rules of the
    interview page: `submit: true` (the default) checks them all and submits; `submit: false`
    saves a draft. Ratings name their dimension by id; `value: null` is "not assessed"."""
    page = InterviewPage(access.interview_for_interviewer(request.user, pk))
    if page.kit is None:
        raise PermissionDenied("This role has no interview kit yet.")
    data = checked(s.ScorecardInputSerializer, request)
    created = page.scorecard is None
    scorecard = page.scorecard or scorecard_start(interview=page.interview, by=request.user)
    revision = data.get("revision", scorecard.revision)
    form_data, rename = scorecard_form_data(page, data, revision)
    form = page.form(form_data)
    form_or_400(form, rename)
    try:
        if data["submit"]:
            scorecard = scorecard_submit(
                scorecard=scorecard,
                data=form.to_data(),
                by=request.user,
                revision=revision,
                request=http(request),
            )
        else:
            scorecard = scorecard_autosave(
                scorecard=scorecard, data=form.to_data(), revision=revision, by=request.user
            )
    except ValidationError as exc:
        raise service_errors(exc, rename) from None
    scorecard = _scorecards().get(pk=scorecard.pk)
    return Response(s.ScorecardSerializer(scorecard).data, status=201 if created else 200)


def _scorecards() -> QuerySet[Scorecard]:
    return Scorecard.objects.select_related("interview__interviewer", "kit").prefetch_related(
        "ratings__dimension", "observed__signal"
    )


@extend_schema(
    parameters=[
        ROLE_PARAM,
        OpenApiParameter("candidate", int),
        OpenApiParameter("status", str, enum=["draft", "submitted"]),
        *time_params("submitted"),
    ],
    responses=s.ScorecardSerializer(many=True),
    tags=["scorecards"],
)
@api_view(["GET"])
def scorecard_list(request: Request) -> Response:
    """The scorecards the user may read: their own, and the submitted ones of candidates whose
    panel they may see (blind review holds)."""
    scorecards = readable_scorecards(request.user)
    scorecards = role_filter(request, scorecards, "interview__candidate__role")
    candidate = request.query_params.get("candidate")
    if candidate:
        if not candidate.isdigit():
            raise exceptions.ValidationError({"candidate": ["Give a candidate's id (a number)."]})
        scorecards = scorecards.filter(interview__candidate_id=int(candidate))
    status = request.query_params.get("status")
    if status:
        if status not in Scorecard.Status.values:
            raise exceptions.ValidationError({"status": ["Choose draft or submitted."]})
        scorecards = scorecards.filter(status=status)
    scorecards = time_filter(request, scorecards, "submitted_at", "submitted")
    scorecards = _scorecards().filter(pk__in=scorecards.values("pk")).order_by("-updated_at", "-id")
    return paged(request, scorecards, s.ScorecardSerializer)


@extend_schema(responses=s.ScorecardSerializer, tags=["scorecards"])
@api_view(["GET"])
def scorecard_detail(request: Request, pk: int) -> Response:
    scorecard = access.scorecard_for_reader(request.user, pk)
    if scorecard.interview.interviewer_id != request.user.pk:
        scorecard_note_others_read(candidate=scorecard.interview.candidate, by=request.user)
    return Response(s.ScorecardSerializer(_scorecards().get(pk=scorecard.pk)).data)


# ---------------------------------------------------------------------------- packets, decisions


def packet_json(candidate: Candidate, *, viewer) -> dict:
    """The packet as `manage.py packet --format json` gives it, with the score's 95 % range."""
    packet = load_packet(candidate)
    body = serialize.packet_json(packet)
    body["candidate"]["id"] = candidate.pk
    # The 95 % range for a random panel of the role's interviewers, raw and calibrated,
    # with the packet's reliability (the same keys as `manage.py packet --format json`).
    body.update(trust_json(packet_trust(candidate, packet=packet, viewer=viewer)))
    return body


@extend_schema(responses=OpenApiTypes.OBJECT, tags=["packets"])
@api_view(["GET"])
def packet_detail(request: Request, pk: int) -> Response:
    """The hiring packet: overall score, its 95 % range, per-dimension figures, red flags,
    the scorecards and the decision (the hiring team; the panel once its own is submitted)."""
    candidate, _rights = access.candidate_for_panel(request.user, pk)
    scorecard_note_others_read(candidate=candidate, by=request.user)
    return Response(packet_json(candidate, viewer=request.user))


@extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY}, tags=["packets"])
@api_view(["GET"])
def packet_pdf(request: Request, pk: int) -> HttpResponse:
    candidate, _rights = access.candidate_for_panel(request.user, pk)
    content = packet_pdfs.packet_pdf(candidate, kind="packet", for_user=request.user)
    audit.record(
        http(request), "export.pdf", candidate, detail={"kind": "packet", "bytes": len(content)}
    )
    return pdf_attachment(candidate, content, kind="packet")


@extend_schema(methods=["GET"], responses=s.DecisionSerializer(many=True), tags=["decisions"])
@extend_schema(
    methods=["POST"],
    request=s.DecisionInputSerializer,
    responses={
        201: s.DecisionSerializer,
        409: OpenApiResponse(
            description="`expected_decision` is not the current decision any more: nothing "
            "recorded; `error.decision` is the newer one."
        ),
    },
    tags=["decisions"],
)
@api_view(["GET", "POST"])
def candidate_decisions(request: Request, pk: int) -> Response:
    """The candidate's decisions, newest first (whoever may read the packet); POST records a
    new one (the role's hiring managers)."""
    candidate, _rights = access.candidate_for_panel(request.user, pk)
    if request.method == "GET":
        decisions = candidate.decisions.select_related("decided_by")
        return paged(request, decisions, s.DecisionSerializer)
    if not is_role_manager(request.user, candidate.role):
        raise PermissionDenied("Only the role's hiring managers record decisions.")
    data = checked(s.DecisionInputSerializer, request)
    form_or_400(DecisionForm(data, scorecards=submitted_scorecards(candidate)))
    seen = (
        SeenDecision(decision_id=data["expected_decision"]) if "expected_decision" in data else None
    )
    try:
        decision = decision_record(
            candidate=candidate,
            outcome=data["outcome"],
            rationale=data["rationale"],
            by=request.user,
            request=http(request),
            seen=seen,
            without_scorecards=data["without_scorecards"],
        )
    except DecidedMeanwhile as exc:
        return Response(
            {
                "error": {
                    "status": 409,
                    "code": "decided_meanwhile",
                    "message": str(exc),
                    "decision": s.DecisionSerializer(exc.decision).data,
                }
            },
            status=409,
        )
    return Response(s.DecisionSerializer(decision).data, status=201)


@extend_schema(
    parameters=[ROLE_PARAM, OpenApiParameter("outcome", str), *time_params("decided")],
    responses=s.DecisionSerializer(many=True),
    tags=["decisions"],
)
@api_view(["GET"])
def decision_list(request: Request) -> Response:
    """Decisions about the candidates of the roles whose hiring team the user is on."""
    roles = access.roles_for_team_member(request.user)
    decisions = Decision.objects.filter(candidate__role__in=roles).select_related("decided_by")
    decisions = role_filter(request, decisions, "candidate__role", roles)
    outcome = request.query_params.get("outcome")
    if outcome:
        if outcome not in Decision.Outcome.values:
            raise exceptions.ValidationError(
                {"outcome": [f"Choose one of {list(Decision.Outcome.values)}."]}
            )
        decisions = decisions.filter(outcome=outcome)
    decisions = time_filter(request, decisions, "decided_at", "decided")
    return paged(request, decisions.latest_first(), s.DecisionSerializer)


# ---------------------------------------------------------------------------- audit log


@extend_schema(
    parameters=[ROLE_PARAM, OpenApiParameter("action", str), *time_params("at")],
    responses=s.AuditEventSerializer(many=True),
    tags=["audit"],
)
@api_view(["GET"])
def audit_list(request: Request) -> Response:
    """The audit log as its page shows it: every event for admins, their roles' events for
    hiring managers."""
    events, roles = visible_events(request.user)
    if request.query_params.get("role"):
        events = role_filter(
            request, events, "role", Role.objects.filter(pk__in=[r.pk for r in roles])
        )
    action = request.query_params.get("action")
    if action:
        events = events.filter(action=action)
    events = time_filter(request, events, "at", "at")
    return paged(request, events.select_related("role"), s.AuditEventSerializer)
