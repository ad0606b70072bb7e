"""The kit editor, kit versions and their differences, cloning, JSON export and starting a role
from a document; and the interviewer's choice to move a draft scorecard to a newer kit version.

Reading versions is open to any logged-in person (like the kit pages); changing, cloning and
exporting a kit is for the role's hiring managers and admins (others get 403).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from interviewkit import kit_json, personas
from interviewkit.audit import events as audit
from interviewkit.editor.diff import kit_diff
from interviewkit.editor.editing import (
    KitChanged,
    kit_clone,
    kit_content,
    kit_edit,
    kit_edit_state,
    scorecard_move_to_version,
)
from interviewkit.editor.forms import CloneForm, DocumentUploadForm, KitEditor, KitJsonForm
from interviewkit.importers import DocumentError, parse_document
from interviewkit.importers.words import title_key
from interviewkit.models import KitVersion, Role
from interviewkit.services import kit_import
from scorecards.access import is_hiring_team, is_role_manager
from scorecards.models import Scorecard


def _role_for_manager(user, slug: str) -> Role:
    """The role for changing its kit: 404 if there is none, 403 unless a manager or admin."""
    role = get_object_or_404(Role, slug=slug)
    if not is_role_manager(user, role):
        raise PermissionDenied("Only the role's hiring managers can change or export its kit.")
    return role


def _version(role: Role, number: str | None) -> KitVersion:
    """`number` of the role's kit, or the current version when empty; 404 if there is none."""
    kits = KitVersion.objects.filter(role=role).select_related("role")
    if not number:
        kit = kits.order_by("-number").first()
    elif number.isdigit():
        kit = kits.filter(number=int(number)).first()
    else:
        kit = None
    if kit is None:
        raise Http404("No such kit version")
    return kit


@login_required
@require_http_methods(["GET", "POST"])
def kit_editor(request: HttpRequest, slug: str) -> HttpResponse:
    role = _role_for_manager(request.user, slug)
    current = role.current_kit()
    used_by = current.scorecards.count() if current else 0
    if request.method == "POST":
        editor = KitEditor(request.POST)
        token = request.POST.get("based_on", "")
        if editor.is_valid():
            before = kit_content(current) if current else None
            try:
                saved = kit_edit(role=role, **editor.rows(), by=request.user, expected_token=token)
            except KitChanged as exc:
                editor.errors.extend(exc.messages)
                editor.errors.append(
                    "Your changes are still below: note what you need, then reload the editor "
                    "to start from the newest version."
                )
            except ValidationError as exc:
                editor.errors.extend(exc.messages)
            else:
                if current is not None and saved.pk != current.pk:
                    messages.success(
                        request,
                        f"Saved as version {saved.number}. Version {current.number} stays as it "
                        f"was for the {used_by} scorecard{'s' if used_by != 1 else ''} "
                        "filled against it, so their scores do not change.",
                    )
                elif before is not None and kit_content(saved) == before:
                    messages.info(request, "Nothing changed, so nothing was saved.")
                else:
                    messages.success(
                        request,
                        f"Saved version {saved.number}. No scorecard used it yet, so it was "
                        "updated in place.",
                    )
                return redirect("kits:kit-detail", slug=role.slug)
    else:
        rows, token = kit_edit_state(current)
        editor = KitEditor(initial=rows)
    editor.attach_sources(current)
    return render(
        request,
        "interviewkit/editor/edit.html",
        {"role": role, "kit": current, "editor": editor, "used_by": used_by, "token": token},
        status=200,
    )


@login_required
def kit_versions(request: HttpRequest, slug: str) -> HttpResponse:
    """Every version of a role's kit, newest first, with a form to compare any two."""
    role = get_object_or_404(Role, slug=slug)
    # Queries: the versions with their authors and counts of dimensions and scorecards.
    versions = list(
        role.kits.select_related("created_by")
        .annotate(
            dimension_count=Count("dimensions", distinct=True),
            scorecard_count=Count("scorecards", distinct=True),
        )
        .order_by("-number")
    )
    return render(
        request,
        "interviewkit/editor/versions.html",
        {
            "role": role,
            "versions": versions,
            "can_edit": is_role_manager(request.user, role),
            "default_from": versions[1].number if len(versions) > 1 else None,
            "default_to": versions[0].number if versions else None,
        },
    )


@login_required
def kit_versions_diff(request: HttpRequest, slug: str) -> HttpResponse:
    """The differences between `?from=N` and `?to=M` (htmx asks for the fragment alone)."""
    role = get_object_or_404(Role, slug=slug)
    old = _version(role, request.GET.get("from"))
    new = _version(role, request.GET.get("to"))
    context = {
        "role": role,
        "old": old,
        "new": new,
        "diff": kit_diff(kit_json.kit_to_dict(old), kit_json.kit_to_dict(new)),
        "numbers": list(role.kits.order_by("-number").values_list("number", flat=True)),
    }
    if request.headers.get("HX-Request"):
        return render(request, "interviewkit/editor/_diff.html", context)
    return render(request, "interviewkit/editor/diff.html", context)


@login_required
def kit_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The kit (current or `?version=N`) as a JSON file that `new/json/` imports again."""
    role = _role_for_manager(request.user, slug)
    kit = _version(role, request.GET.get("version"))
    data = kit_json.kit_to_dict(kit)
    audit.record(request, "kit.export", kit, detail={"version": kit.number, "format": "json"})
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{role.slug}-v{kit.number}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def kit_clone_view(request: HttpRequest, slug: str) -> HttpResponse:
    role = _role_for_manager(request.user, slug)
    kit = _version(role, request.GET.get("version") or request.POST.get("version"))
    form = CloneForm(request.POST or None, initial={"title": f"{role.title} (copy)"})
    if request.method == "POST" and form.is_valid():
        try:
            copy = kit_clone(
                kit=kit,
                title=form.cleaned_data["title"],
                slug=form.cleaned_data["slug"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"{copy.role.title} starts from {role.title} v{kit.number}. "
                "You are its hiring manager; edit the kit to make it fit.",
            )
            return redirect("kits:kit-detail", slug=copy.role.slug)
    return render(
        request, "interviewkit/editor/clone.html", {"role": role, "kit": kit, "form": form}
    )


def _may_start_roles(user) -> None:
    if not personas.is_hiring_manager(user):
        raise PermissionDenied("Only hiring managers and admins can start a role.")


def _roles_not_managed(user, name: str, raw: bytes) -> list[str]:
    """Titles in the document naming an existing role that `user` does not manage."""
    try:
        parsed = parse_document(name, raw)
    except DocumentError:
        return []  # kit_import reports why the document cannot be read.
    keys = {title_key(doc.title) for doc in parsed}
    return [
        role.title
        for role in Role.objects.all()
        if title_key(role.title) in keys and not is_role_manager(user, role)
    ]


def _import_document(request: HttpRequest, form, name: str, raw: bytes) -> HttpResponse | None:
    """Import one document for the requesting user; a redirect on success, None with the form's
    errors set otherwise."""
    taken = _roles_not_managed(request.user, name, raw)
    if taken:
        form.add_error(
            None,
            f"The role {taken[0]!r} already exists and you are not one of its hiring managers; "
            "ask them to import this document, or clone their kit.",
        )
        return None
    results = kit_import(documents=[(name, raw)], by=request.user)
    failed = [r for r in results if not r.ok]
    if failed or not results:
        for result in failed:
            form.add_error(None, f"{result.document} could not be imported: {result.error}.")
        return None
    for result in results:
        if result.status == "created":
            # A new role: the person who started it manages it. Existing roles were checked above.
            result.kit.role.hiring_managers.add(request.user)
        verb = {
            "created": "was created from",
            "new version": "has a new version from",
            "updated": "was updated from",
            "unchanged": "already matches",
        }.get(result.status, "was imported from")
        messages.success(request, f"{result.role} v{result.kit.number} {verb} {result.document}.")
    return redirect("kits:kit-detail", slug=results[0].kit.role.slug)


@login_required
@require_http_methods(["GET", "POST"])
def kit_upload(request: HttpRequest) -> HttpResponse:
    """Start a role (or a new version of one you manage) from an uploaded role document."""
    _may_start_roles(request.user)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        done = _import_document(request, form, upload.name, upload.read())
        if done is not None:
            return done
    return render(request, "interviewkit/editor/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def kit_import_json(request: HttpRequest) -> HttpResponse:
    """Import a kit exported as JSON (a file or pasted text)."""
    _may_start_roles(request.user)
    form = KitJsonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, raw = form.cleaned_data["document"]
        done = _import_document(request, form, name, raw)
        if done is not None:
            return done
    return render(request, "interviewkit/editor/import_json.html", {"form": form})


def _scorecard_for_its_interviewer(user, pk: int) -> Scorecard:
    """The user's own draft scorecard: 404 for outsiders, 403 for the hiring team (who may read
    it) and for a submitted scorecard."""
    try:
        scorecard = Scorecard.objects.select_related(
            "kit__role", "interview__candidate__role", "interview__exercise"
        ).get(pk=pk)
    except Scorecard.DoesNotExist:
        raise Http404("No such scorecard") from None
    if scorecard.interview.interviewer_id != user.pk:
        if scorecard.is_submitted and is_hiring_team(user, scorecard.kit.role):
            raise PermissionDenied("Only the interviewer chooses their scorecard's kit version.")
        raise Http404("No such scorecard")
    if scorecard.is_submitted:
        raise PermissionDenied("A submitted scorecard stays on the kit version it was filled on.")
    return scorecard


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
    scorecard = _scorecard_for_its_interviewer(request.user, pk)
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
        "interviewkit/editor/scorecard_move.html",
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
