"""Candidate data protection pages: erase a candidate, download everything held about them.

Both belong to the role's recruiters and admins: outsiders get 404, others who may see the
candidate (hiring managers, interviewers) get 403.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from scorecards import access
from scorecards.models import Candidate, Scorecard
from scorecards.services.privacy import candidate_data_export, candidate_erase


def candidate_for_privacy(user, pk: int) -> Candidate:
    candidate = access.candidate_for_user(user, pk)
    if not access.is_role_recruiter(user, candidate.role):
        raise PermissionDenied("Only the role's recruiters and admins handle a candidate's data.")
    return candidate


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def privacy_erase(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = candidate_for_privacy(request.user, pk)
    if request.method == "POST":
        if candidate.erased_at is not None:
            messages.info(request, "This candidate's personal data was already erased.")
        elif request.POST.get("confirm") != "erase":
            messages.error(request, "Tick the box to confirm the erasure: nothing was erased.")
            return redirect("scorecards:privacy-erase", pk=candidate.pk)
        else:
            candidate_erase(candidate=candidate, by=request.user, request=request)
            messages.success(
                request,
                f"Candidate #{candidate.pk}'s personal data is erased. Their ratings stay as "
                "anonymous statistics.",
            )
        return redirect("scorecards:privacy-erase", pk=candidate.pk)
    # Queries: the candidate's scorecards with their counts of ratings and written notes.
    held = Scorecard.objects.for_candidate(candidate).aggregate(
        scorecard_count=Count("id", distinct=True),
        rating_count=Count("ratings", distinct=True),
        evidence_count=Count("ratings", filter=~Q(ratings__evidence=""), distinct=True),
    )
    return render(
        request,
        "scorecards/privacy/erase.html",
        {"candidate": candidate, "held": held, "decisions": candidate.decisions.count()},
    )


@require_safe
@login_required
def privacy_export(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = candidate_for_privacy(request.user, pk)
    data = candidate_data_export(candidate=candidate, by=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}-data.json"'
    return response
