"""The admins' webhook pages: endpoints (register, turn off and on) and deliveries (failures
first, each attempt's answer, resend). Everyone else gets 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from interviewkit import personas
from scorecards.form_errors import add_service_errors
from scorecards.webhooks.forms import EndpointForm
from scorecards.webhooks.models import WebhookDelivery, WebhookEndpoint
from scorecards.webhooks.services import (
    webhook_delivery_resend,
    webhook_endpoint_add,
    webhook_endpoint_set_active,
)

PAGE_SIZE = 50


def refuse_unless_admin(user) -> None:
    if not personas.is_admin(user):
        raise PermissionDenied("Only admins manage webhooks.")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_list(request: HttpRequest) -> HttpResponse:
    refuse_unless_admin(request.user)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = webhook_endpoint_add(
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                reader=form.cleaned_data["reader"],
                description=form.cleaned_data["description"],
                allow_private_network=form.cleaned_data["allow_private_network"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Webhook endpoint {endpoint.url} registered.")
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    endpoints = WebhookEndpoint.objects.select_related("reader")
    return render(
        request,
        "scorecards/webhooks/endpoints.html",
        {"form": form, "endpoints": endpoints},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_safe
def endpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    refuse_unless_admin(request.user)
    endpoint = get_object_or_404(WebhookEndpoint.objects.select_related("reader"), pk=pk)
    deliveries = endpoint.deliveries.all()[:20]
    return render(
        request,
        "scorecards/webhooks/endpoint.html",
        {"endpoint": endpoint, "deliveries": deliveries},
    )


@login_required
@require_POST
def endpoint_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    refuse_unless_admin(request.user)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    webhook_endpoint_set_active(
        endpoint=endpoint, active=not endpoint.active, by=request.user, request=request
    )
    state = "on" if endpoint.active else "off"
    messages.success(request, f"Deliveries to {endpoint.url} are turned {state}.")
    return redirect("webhooks:endpoint", pk=endpoint.pk)


@login_required
@require_safe
def delivery_list(request: HttpRequest) -> HttpResponse:
    """Failed deliveries by default (`?status=` for the others), newest first."""
    refuse_unless_admin(request.user)
    status = request.GET.get("status", WebhookDelivery.Status.FAILED)
    deliveries = WebhookDelivery.objects.select_related("endpoint")
    if status in WebhookDelivery.Status.values:
        deliveries = deliveries.filter(status=status)
    else:
        status = ""
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scorecards/webhooks/deliveries.html",
        {
            "page": page,
            "status": status,
            "statuses": WebhookDelivery.Status.choices,
            "filter_query": f"status={status or 'all'}",
        },
    )


@login_required
@require_safe
def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    refuse_unless_admin(request.user)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=pk)
    return render(
        request,
        "scorecards/webhooks/delivery.html",
        {"delivery": delivery, "attempts": delivery.attempt_log.all()},
    )


@login_required
@require_POST
def delivery_resend(request: HttpRequest, pk: int) -> HttpResponse:
    refuse_unless_admin(request.user)
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    webhook_delivery_resend(delivery=delivery, by=request.user, request=request)
    messages.success(request, f"Delivery {delivery.event_id} is queued to be sent again.")
    return redirect("webhooks:delivery", pk=delivery.pk)
