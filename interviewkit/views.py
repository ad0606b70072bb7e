from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from interviewkit.models import Dimension, Exercise, KitVersion, Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("kits:role-list")


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    # Queries: roles; their current kits with dimension counts.
    kits = (
        KitVersion.objects.current()
        .select_related("role")
        .prefetch_related("dimensions", "exercises")
        .order_by("role__title")
    )
    return render(request, "interviewkit/role_list.html", {"kits": kits})


@login_required
def kit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role, slug=slug)
    kits = role.kits.order_by("-number")
    number = request.GET.get("version")
    if number and number.isdigit():
        kit = get_object_or_404(kits, number=int(number))
    else:
        kit = kits.first()
        if kit is None:
            return render(request, "interviewkit/kit_detail.html", {"role": role, "kit": None})
    kit = (
        KitVersion.objects.filter(pk=kit.pk)
        .prefetch_related(
            Prefetch("dimensions", queryset=Dimension.objects.prefetch_related("signals")),
            Prefetch("exercises", queryset=Exercise.objects.prefetch_related("focus")),
            "signals__dimension",
        )
        .get()
    )
    return render(
        request,
        "interviewkit/kit_detail.html",
        {"role": role, "kit": kit, "versions": kits.values_list("number", flat=True)},
    )
