from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from interviewkit import personas
from interviewkit.access import is_role_manager
from interviewkit.models import KitVersion, Role
from interviewkit.scale import SIGNAL_GROUP_NAMES


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each persona's starting page: interviewers their interviews, recruiters (and admins)
    their candidates, hiring managers their packets board, anyone else the kits."""
    user = request.user
    if personas.is_interviewer(user):
        return redirect("scorecards:my-interviews")
    if personas.is_recruiter(user):
        return redirect("scorecards:candidate-home")
    if personas.is_hiring_manager(user):  # the manager's board: ready for a decision first
        return redirect("scorecards:packet-list")
    return redirect("kits:role-list")


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    """Every role with its current kit: any logged-in person may read the kits."""
    # Queries: the current kit of each role with its role and its counts (one query).
    kits = (
        KitVersion.objects.current()
        .select_related("role")
        .annotate(
            dimension_count=Count("dimensions", distinct=True),
            exercise_count=Count("exercises", distinct=True),
            suggested_count=Count("exercises", filter=Q(exercises__suggested=True), distinct=True),
        )
        .order_by("role__title")
    )
    return render(request, "interviewkit/role_list.html", {"kits": kits})


@login_required
def kit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A role's kit, the current version or `?version=N`, with where each item came from."""
    role = get_object_or_404(Role, slug=slug)
    versions = list(role.kits.order_by("-number").values_list("number", flat=True))
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit() or int(number) not in versions:
            raise Http404("No such kit version")
        chosen = int(number)
    elif versions:
        chosen = versions[0]
    else:
        return render(request, "interviewkit/kit_detail.html", {"role": role, "kit": None})
    kit = (
        KitVersion.objects.filter(role=role, number=chosen)
        .with_contents()
        .select_related("created_by", "confirmed_by")
        .annotate(scorecard_count=Count("scorecards"))
        .get()
    )
    signals = sorted(kit.signals.all(), key=lambda s: s.position)
    signal_groups = [
        (kind, label, [s for s in signals if s.kind == kind])
        for kind, label in SIGNAL_GROUP_NAMES.items()
    ]
    dimensions = list(kit.dimensions.all())
    return render(
        request,
        "interviewkit/kit_detail.html",
        {
            "role": role,
            "kit": kit,
            "dimensions": dimensions,
            "total_weight": sum(d.weight for d in dimensions),
            "has_anchors": any(any(d.anchors().values()) for d in dimensions),
            "signal_groups": signal_groups,
            "versions": versions,
            "is_current": chosen == versions[0],
            "can_edit": is_role_manager(request.user, role),
        },
    )
