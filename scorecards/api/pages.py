"""The profile page for personal API tokens: create one (its value is shown once), see when
each was last used, revoke one. Each person manages only their own tokens (others' are 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scorecards.api.forms import ApiTokenForm
from scorecards.api.models import ApiToken
from scorecards.api.tokens import api_token_create, api_token_revoke
from scorecards.form_errors import add_service_errors


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, new_token = api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=form.expires_at(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                form = ApiTokenForm()
                status = 201
        if new_token is None:
            status = 400
    tokens = request.user.api_tokens.all()
    response = render(
        request,
        "scorecards/api/tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token, "now": timezone.now()},
        status=status,
    )
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404("No such token")
    api_token_revoke(token=token, by=request.user, request=request)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("tokens:list")
