"""The kit editor, kit versions and their differences, cloning, JSON export and starting a role
from nothing, the competency library or a document. (The interviewer's choice to move a draft
scorecard to a newer kit version is `scorecards.interviews.views.scorecard_move`, routed at its
kit address.)

Reading versions is open to any logged-in person (like the kit pages); changing, cloning and
exporting a kit is for the role's hiring managers and admins (others get 403).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from interviewkit import kit_json
from interviewkit.access import (
    is_role_manager,
    refuse_unless_starting_roles,
    role_for_kit_editor,
    roles_in_document_not_managed_by,
)
from interviewkit.audit import events as audit
from interviewkit.editor.diff import kit_diff
from interviewkit.editor.editing import (
    KitChanged,
    kit_clone,
    kit_content,
    kit_edit,
    kit_edit_state,
)
from interviewkit.editor.forms import (
    CloneForm,
    DocumentUploadForm,
    KitEditor,
    KitJsonForm,
    RoleStartForm,
)
from interviewkit.importers import DocumentError
from interviewkit.models import KitVersion, Role
from interviewkit.services import kit_confirm, kit_import, role_start


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
    role = role_for_kit_editor(request.user, slug)
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
@require_POST
def kit_confirm_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The hiring manager has reviewed the draft kit: interviews may be planned on it."""
    role = role_for_kit_editor(request.user, slug)
    kit = role.current_kit()
    if kit is None:
        raise Http404("This role has no kit yet")
    try:
        kit_confirm(kit=kit, by=request.user)
    except DocumentError as exc:
        messages.error(request, f"The kit cannot be confirmed: {exc}.")
    else:
        messages.success(
            request, f"{role.title} v{kit.number} is confirmed: plan interviews on it."
        )
    return redirect("kits:kit-edit", slug=role.slug)


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
    role = role_for_kit_editor(request.user, slug)
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
    role = role_for_kit_editor(request.user, slug)
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


def _import_document(request: HttpRequest, form, name: str, raw: bytes) -> HttpResponse | None:
    """Import one document for the requesting user; a redirect on success, None with the form's
    errors set otherwise."""
    taken = roles_in_document_not_managed_by(request.user, name, raw)
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
    draft = next((r for r in results if r.kit is not None and r.kit.is_draft), None)
    for result in results:
        verb = {
            "created": "was created from",
            "new version": "has a new version from",
            "updated": "was updated from",
            "unchanged": "already matches",
        }.get(result.status, "was imported from")
        messages.success(request, f"{result.role} v{result.kit.number} {verb} {result.document}.")
    if draft is not None and is_role_manager(request.user, draft.kit.role):
        # What the importer grouped or suggested is reviewed in the editor before use.
        return redirect(reverse("kits:kit-edit", args=[draft.kit.role.slug]) + "#kit-review")
    return redirect("kits:kit-detail", slug=results[0].kit.role.slug)


@login_required
@require_http_methods(["GET", "POST"])
def kit_upload(request: HttpRequest) -> HttpResponse:
    """Start a role (or a new version of one you manage) from an uploaded role document."""
    refuse_unless_starting_roles(request.user)
    posted = request.method == "POST"
    form = DocumentUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        name, raw = form.cleaned_data["named"]
        done = _import_document(request, form, name, raw)
        if done is not None:
            return done
    return render(request, "interviewkit/editor/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def role_start_view(request: HttpRequest) -> HttpResponse:
    """Start a role with an empty draft kit, or one made of competencies from the library."""
    refuse_unless_starting_roles(request.user)
    form = RoleStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kit = role_start(
                title=form.cleaned_data["title"],
                competencies=form.cleaned_data["competencies"],
                by=request.user,
            )
        except DocumentError as exc:
            reason = str(exc)
            form.add_error("title", reason[:1].upper() + reason[1:] + ".")
        else:
            picked = kit.dimensions.count()
            if picked:
                start = (
                    f"{kit.role.title} starts as a draft kit with {picked} suggested "
                    f"competenc{'y' if picked == 1 else 'ies'}: review them, save"
                )
            else:
                start = (
                    f"{kit.role.title} starts as an empty draft kit: add its dimensions and "
                    "interviews, save"
                )
            messages.success(request, f"{start}, then confirm it before interviews are planned.")
            return redirect(reverse("kits:kit-edit", args=[kit.role.slug]) + "#kit-review")
    return render(request, "interviewkit/editor/start.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def kit_import_json(request: HttpRequest) -> HttpResponse:
    """Import a kit exported as JSON (a file or pasted text)."""
    refuse_unless_starting_roles(request.user)
    form = KitJsonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, raw = form.cleaned_data["document"]
        done = _import_document(request, form, name, raw)
        if done is not None:
            return done
    return render(request, "interviewkit/editor/import_json.html", {"form": form})
