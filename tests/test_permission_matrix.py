"""The permission matrix: every URL of the URLconf, requested by every persona.

HOW TO ADD AN ENTRY (read this when this test fails with "URLs without a matrix entry")
----------------------------------------------------------------------------------------
1. Find the URL's full name: "namespace:name" as in `reverse()` (e.g. "scorecards:packet").
2. Add a line to MATRIX below:

       "scorecards:packet": Row(
           kwargs=lambda w: {"pk": w.candidate.pk},   # omit for URLs without arguments
           #      anon   outsider intervwr panel blind other manager recruiter admin
           expect=(LOGIN, 404,    404,     200,  404,  404,  200,    200,      200),
       ),

   `w` is built by the `world` fixture in tests/conftest.py: one of everything, its attributes
   listed there.
   The expected values, in the order of PERSONAS:
     - an HTTP status (200, 403, 404, 405, 302 for a redirect that is not the login page), or
     - LOGIN: a redirect to the login page (what anonymous people get on every private page;
       a POST gets 401 "you were logged out" instead, see interviewkit/middleware/logged_out.py).
   The house rule: outsiders get 404 (the object's existence stays hidden); someone who may
   look but not act gets 403; the right person 200 (or 302 after a successful POST).
3. A view that changes something: give `method="post"` and `data=lambda w: {...}` (a valid
   form for the right person), so the row shows who may act (302 or 200) and who is refused.
   Each persona runs in its own rolled-back transaction: one persona's POST never affects the
   next. One row per URL name: other methods (→ 405) belong in the view's own tests.
4. Run: `.venv/bin/pytest tests/test_permission_matrix.py -q`. A failing row prints the
   expected and the actual answers side by side, in PERSONAS order.

THE PERSONAS (the conftest fixtures, arranged by the `world` fixture)
  anonymous       not logged in
  outsider        logged in, interviews nobody, on no hiring team
  interviewer     an interviewer of the role, but NOT on the panel of `w.candidate`: they
                  interview `w.other_candidate` (their draft scorecard is `w.own_scorecard`)
  panelist        on `w.candidate`'s panel with a SUBMITTED scorecard (`w.scorecard`), so the
                  blind rule no longer hides the panel from them
  blind_panelist  on `w.candidate`'s panel with only a DRAFT (`w.blind_scorecard` of
                  `w.blind_interview`): the blind rule hides the others' scorecards and
                  the packet (404, as for a draft: no hint of who has submitted)
  other_team      hiring manager AND recruiter of another role ("Elsewhere Engineer"): on a
                  hiring team, but nothing of this role's candidates is theirs (404)
  hiring_manager  the role's hiring manager
  recruiter       the role's recruiter
  admin           a superuser

THE ADMIN (namespace "admin", /admin/): ADMIN_MATRIX, built from ADMIN_MODELS
  Every registered model's changelist, add, change, delete and history page, plus the admin's
  own pages, for ADMIN_PERSONAS: the personas above and `staff` (is_staff, not a superuser,
  with the model permissions of STAFF_PERMISSIONS). Everyone not staff is sent to the admin's
  login (ADMIN_LOGIN). Registering a model in the admin fails
  test_every_admin_model_has_a_policy until ADMIN_MODELS says what the admin may do with it.
  For read-only records (scoring data, the audit log), POSTs to add, change and delete are
  refused and the table is checked unchanged afterwards.

THE API (namespace "api", /api/v1/)
  Its rows expect 401 (not LOGIN) for anonymous people, and JSON bodies (`json=True`). A route
  that answers several methods has one row per method: the key "api:candidate-detail@PATCH".
  The personas sign in with the session here; tests/scorecards/api/ check that a token gets
  the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviewkit import personas
from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent
from scorecards.models import ScorecardRevision
from tests.factories import (
    UserFactory,
)

LOGIN = "login"
PERSONAS = (
    "anonymous",
    "outsider",
    "interviewer",
    "panelist",
    "blind_panelist",
    "other_team",
    "hiring_manager",
    "recruiter",
    "admin",
)


@dataclass(frozen=True)
class Row:
    expect: tuple
    kwargs: Callable[[SimpleNamespace], dict] | None = None
    method: str = "get"
    data: Callable[[SimpleNamespace], dict] | None = field(default=None)
    query: str = ""
    json: bool = False
    # For refused writes: what must read the same after the request (a row, a count).
    unchanged: Callable[[SimpleNamespace], object] | None = None


EVERYONE = (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200)
HIRING_TEAM_OF_ROLE = (LOGIN, 404, 403, 403, 403, 404, 200, 200, 200)
KIT_EDITORS = (LOGIN, 403, 403, 403, 403, 403, 200, 403, 200)
NEW_KIT_MAKERS = (LOGIN, 403, 403, 403, 403, 200, 200, 403, 200)
# Changing a candidate's loop: the role's recruiters and admins (302 back to the candidate).
LOOP_CHANGERS = (LOGIN, 404, 404, 403, 403, 404, 403, 302, 302)
# The candidate's packet: the hiring team, and the panel once their own scorecard is in.
PANEL_READERS = (LOGIN, 404, 404, 200, 404, 404, 200, 200, 200)
ADMINS_ONLY = (LOGIN, 403, 403, 403, 403, 403, 403, 403, 200)
ADMINS_ACT = (LOGIN, 403, 403, 403, 403, 403, 403, 403, 302)
API_EVERYONE = (401, 200, 200, 200, 200, 200, 200, 200, 200)
API_LOOP_CHANGERS = (401, 404, 404, 403, 403, 404, 403, 200, 200)
API_PANEL_READERS = (401, 404, 404, 200, 404, 404, 200, 200, 200)


def role_document():
    """A small role brief naming a role nobody has yet (a fresh file for each request)."""
    text = (
        "# Role Research Brief: Matrix Test Engineer\n\n"
        "## Technical & Leadership Skills\n### Required\n- Testing\n- Debugging\n"
    )
    return SimpleUploadedFile("matrix.md", text.encode(), content_type="text/markdown")


MATRIX: dict[str, Row] = {
    # ---------------------------------------------------------------- project
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "home": Row(expect=(LOGIN, 302, 302, 302, 302, 302, 302, 302, 302)),
    "login": Row(expect=(200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "logout": Row(
        method="post", expect=(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)
    ),
    "password_change": Row(expect=(LOGIN, 200, 200, 200, 200, 200, 200, 200, 200)),
    "password_change_done": Row(expect=(LOGIN, 200, 200, 200, 200, 200, 200, 200, 200)),
    # Single sign-on's pages are 404 for everyone while it is not configured, as here; the
    # same pages configured: tests/interviewkit/test_sso_backend.py and tests/browser/test_sso.py.
    "sso:start": Row(expect=(404, 404, 404, 404, 404, 404, 404, 404, 404)),
    "sso:callback": Row(expect=(404, 404, 404, 404, 404, 404, 404, 404, 404)),
    "sso:refused": Row(expect=(404, 404, 404, 404, 404, 404, 404, 404, 404)),
    # ---------------------------------------------------------------- kits (any reader)
    "kits:role-list": Row(expect=EVERYONE),
    "kits:kit-detail": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=EVERYONE),
    # ---------------------------------------------------------------- audit log
    "audit:event-list": Row(expect=(LOGIN, 403, 403, 403, 403, 200, 200, 403, 200)),
    # ---------------------------------------------------------------- calibration
    # Colleagues' leniency is for the role's hiring managers and admins; the role's other
    # people get 403, everyone else 404. Each interviewer reads their own figures.
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "scorecards:calibration": Row(expect=(LOGIN, 403, 403, 403, 403, 200, 200, 403, 200)),
    "scorecards:calibration-role": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        expect=(LOGIN, 404, 403, 403, 403, 404, 200, 403, 200),
    ),
    "scorecards:calibration-me": Row(expect=EVERYONE),
    "scorecards:calibration-methods": Row(expect=EVERYONE),
    # ---------------------------------------------------------------- exports
    "scorecards:export-list": Row(expect=(LOGIN, 403, 403, 403, 403, 200, 200, 200, 200)),
    "scorecards:export-role": Row(
        kwargs=lambda w: {"slug": w.role.slug}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:export-csv": Row(
        kwargs=lambda w: {"slug": w.role.slug}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:import-scorecards": Row(
        kwargs=lambda w: {"slug": w.role.slug}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:export-job": Row(
        kwargs=lambda w: {"pk": w.export_job.pk}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:export-job-progress": Row(
        kwargs=lambda w: {"pk": w.export_job.pk}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:export-job-download": Row(
        kwargs=lambda w: {"pk": w.export_job.pk}, expect=HIRING_TEAM_OF_ROLE
    ),
    # ---------------------------------------------------------------- kit editor
    # Kits are readable by every logged-in person, so refusing to edit is a 403, not a 404.
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "kits:kit-edit": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=KIT_EDITORS),
    "kits:kit-clone": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=KIT_EDITORS),
    "kits:kit-export": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=KIT_EDITORS),
    # Confirming a reviewed draft: the role's hiring managers and admins (then a redirect).
    "kits:kit-confirm": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        method="post",
        #      anon   outsider intervwr panel blind other manager recruiter admin
        expect=(LOGIN, 403, 403, 403, 403, 403, 302, 403, 302),
    ),
    # The hiring team page: the role's hiring team reads it, its hiring managers change it.
    "kits:team": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        #      anon   outsider intervwr panel blind other manager recruiter admin
        expect=(LOGIN, 403, 403, 403, 403, 403, 200, 200, 200),
    ),
    "kits:team@post": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        method="post",
        data=lambda w: {"action": "add", "place": "interviewer", "person": w.users["panelist"].pk},
        expect=(LOGIN, 403, 403, 403, 403, 403, 302, 403, 302),
    ),
    # A new role from documents, or from nothing or the library: any hiring manager, who then
    # manages it.
    "kits:kit-import-json": Row(expect=NEW_KIT_MAKERS),
    "kits:kit-upload": Row(expect=NEW_KIT_MAKERS),
    "kits:role-start": Row(expect=NEW_KIT_MAKERS),
    "kits:kit-versions": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=EVERYONE),
    "kits:kit-versions-diff": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=EVERYONE),
    # Moving one's own draft scorecard to the kit's newer version.
    "kits:scorecard-move": Row(
        kwargs=lambda w: {"pk": w.own_scorecard.pk},
        expect=(LOGIN, 404, 200, 404, 404, 404, 404, 404, 404),
    ),
    # ---------------------------------------------------------------- interviews, scorecards
    "scorecards:my-interviews": Row(expect=EVERYONE),
    # The navbar search: everyone searches what they may see (tests/scorecards/test_search.py).
    "scorecards:search": Row(expect=EVERYONE),
    # The panelist's own interview: the hiring team may look elsewhere but not fill it (403).
    "scorecards:interview": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        expect=(LOGIN, 404, 404, 200, 404, 404, 403, 403, 403),
    ),
    # An empty autosave is refused as a bad request, for the interviewer only.
    "scorecards:interview-autosave": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="post",
        expect=(LOGIN, 404, 404, 400, 404, 404, 403, 403, 403),
    ),
    "scorecards:interview-submit": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="post",
        expect=(LOGIN, 404, 404, 302, 404, 404, 403, 403, 403),
    ),
    # The panelist's submitted scorecard: readable by the team; `interviewer` is not on the
    # panel, so it does not exist for them.
    "scorecards:scorecard": Row(
        kwargs=lambda w: {"pk": w.scorecard.pk},
        expect=(LOGIN, 404, 404, 200, 404, 404, 200, 200, 200),
    ),
    "scorecards:scorecard-amend": Row(
        kwargs=lambda w: {"pk": w.scorecard.pk},
        expect=(LOGIN, 404, 404, 200, 404, 404, 403, 403, 403),
    ),
    # ---------------------------------------------------------------- packets
    "scorecards:packet-list": Row(expect=EVERYONE),
    "scorecards:packet": Row(kwargs=lambda w: {"pk": w.candidate.pk}, expect=PANEL_READERS),
    "scorecards:packet-pdf": Row(kwargs=lambda w: {"pk": w.candidate.pk}, expect=PANEL_READERS),
    "scorecards:summary-pdf": Row(kwargs=lambda w: {"pk": w.candidate.pk}, expect=PANEL_READERS),
    # An empty decision form: the role's hiring manager and admins get the form back (400),
    # the recruiter and the panel may read the packet but not decide (403).
    "scorecards:packet-decision": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        method="post",
        expect=(LOGIN, 404, 404, 403, 404, 404, 400, 403, 400),
    ),
    # ---------------------------------------------------------------- candidates and loops
    # The role's hiring team sees candidates; only its recruiters (and admins) change the loop.
    # The candidate's panel may not (403); `interviewer` interviews another candidate (404).
    # The home lists one's roles and goes straight to the list when there is only one.
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "scorecards:candidate-home": Row(expect=(LOGIN, 200, 200, 200, 200, 302, 302, 302, 200)),
    "scorecards:candidate-list": Row(
        kwargs=lambda w: {"slug": w.role.slug}, expect=HIRING_TEAM_OF_ROLE
    ),
    "scorecards:candidate-add": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        method="post",
        data=lambda w: {"name": "Nia New", "email": "nia@example.com"},
        expect=(LOGIN, 404, 403, 403, 403, 404, 403, 302, 302),
    ),
    "scorecards:candidate": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(LOGIN, 404, 404, 403, 403, 404, 200, 200, 200),
    ),
    "scorecards:interview-add": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        method="post",
        data=lambda w: {
            "exercise": w.kit.exercises.first().pk,
            "interviewer": w.users["interviewer"].pk,
        },
        expect=LOOP_CHANGERS,
    ),
    "scorecards:interview-edit": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="post",
        data=lambda w: {"interviewer": w.users["panelist"].pk, "scheduled_at": ""},
        expect=LOOP_CHANGERS,
    ),
    # Refused with a message (the interview has a scorecard), after the access check.
    "scorecards:interview-remove": Row(
        kwargs=lambda w: {"pk": w.interview.pk}, method="post", expect=LOOP_CHANGERS
    ),
    "scorecards:interview-move": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="post",
        data=lambda w: {"direction": "down"},
        expect=LOOP_CHANGERS,
    ),
    "scorecards:interview-remind": Row(
        kwargs=lambda w: {"pk": w.blind_interview.pk}, method="post", expect=LOOP_CHANGERS
    ),
    # ---------------------------------------------------------------- candidate data
    #                        anon outsider intervwr panel blind other manager recruiter admin
    # The add page's live warnings (htmx): the role's recruiters only.
    "scorecards:candidate-plan-check": Row(
        kwargs=lambda w: {"slug": w.role.slug},
        method="post",
        expect=(LOGIN, 404, 403, 403, 403, 404, 403, 200, 200),
    ),
    # The candidate's profile: edited by the role's recruiters, like the loop.
    "scorecards:candidate-profile": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(LOGIN, 404, 404, 403, 403, 404, 403, 200, 200),
    ),
    # The world's candidate has no CV: 404 for all. Who may download one is in
    # tests/scorecards/test_candidate_profile.py (team and interviewers; others 404).
    "scorecards:candidate-cv": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    "scorecards:privacy-erase": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(LOGIN, 404, 404, 403, 403, 404, 403, 200, 200),
    ),
    "scorecards:privacy-export": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(LOGIN, 404, 404, 403, 403, 404, 403, 200, 200),
    ),
    # ---------------------------------------------------------------- API tokens (own only)
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "tokens:list": Row(expect=EVERYONE),
    # Everyone signed in has their own settings (time zone, email on or off).
    "profile": Row(expect=EVERYONE),
    "tokens:revoke": Row(
        kwargs=lambda w: {"pk": w.admin_token.pk},
        method="post",
        expect=(LOGIN, 404, 404, 404, 404, 404, 404, 404, 302),
    ),
    # ---------------------------------------------------------------- webhooks (admins only)
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "webhooks:endpoint-list": Row(expect=ADMINS_ONLY),
    "webhooks:endpoint": Row(kwargs=lambda w: {"pk": w.webhook.pk}, expect=ADMINS_ONLY),
    "webhooks:endpoint-toggle": Row(
        kwargs=lambda w: {"pk": w.webhook.pk}, method="post", expect=ADMINS_ACT
    ),
    "webhooks:delivery-list": Row(expect=ADMINS_ONLY),
    "webhooks:delivery": Row(kwargs=lambda w: {"pk": w.delivery.pk}, expect=ADMINS_ONLY),
    "webhooks:delivery-resend": Row(
        kwargs=lambda w: {"pk": w.delivery.pk}, method="post", expect=ADMINS_ACT
    ),
    # ---------------------------------------------------------------- the REST API
    # The same rules as the pages, with 401 for anonymous people and JSON bodies.
    #                        anon outsider intervwr panel blind other manager recruiter admin
    "api:schema": Row(expect=(200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "api:docs": Row(expect=(200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "api:role-list": Row(expect=API_EVERYONE),
    "api:kit-current": Row(kwargs=lambda w: {"slug": w.role.slug}, expect=API_EVERYONE),
    "api:kit-detail": Row(kwargs=lambda w: {"slug": w.role.slug, "number": 1}, expect=API_EVERYONE),
    # A new role from a document: any hiring manager (then its manager) and admins.
    "api:kit-import": Row(
        method="post",
        data=lambda w: {"document": role_document()},
        expect=(401, 403, 403, 403, 403, 201, 201, 403, 201),
    ),
    # Lists hold what the person may see (empty for outsiders): tests/scorecards/api/ check
    # their content persona by persona.
    "api:candidate-list": Row(expect=API_EVERYONE),
    "api:candidate-list@POST": Row(
        method="post",
        json=True,
        data=lambda w: {"role": w.role.slug, "name": "Nia New", "email": "nia@example.com"},
        expect=(401, 404, 403, 403, 403, 404, 403, 201, 201),
    ),
    "api:candidate-detail": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(401, 404, 404, 403, 403, 404, 200, 200, 200),
    ),
    "api:candidate-detail@PATCH": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        method="patch",
        json=True,
        data=lambda w: {"name": "Casey C. Candidate"},
        expect=API_LOOP_CHANGERS,
    ),
    # Erasing a candidate's personal data: the role's recruiters and admins, as on the page.
    "api:candidate-detail@DELETE": Row(
        kwargs=lambda w: {"pk": w.candidate.pk}, method="delete", expect=API_LOOP_CHANGERS
    ),
    "api:candidate-interviews": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        expect=(401, 404, 404, 403, 403, 404, 200, 200, 200),
    ),
    "api:candidate-interviews@POST": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        method="post",
        json=True,
        data=lambda w: {
            "exercise": w.kit.exercises.first().pk,
            "interviewer": w.users["interviewer"].pk,
        },
        expect=(401, 404, 404, 403, 403, 404, 403, 201, 201),
    ),
    "api:packet": Row(kwargs=lambda w: {"pk": w.candidate.pk}, expect=API_PANEL_READERS),
    "api:packet-pdf": Row(kwargs=lambda w: {"pk": w.candidate.pk}, expect=API_PANEL_READERS),
    "api:candidate-decisions": Row(
        kwargs=lambda w: {"pk": w.candidate.pk}, expect=API_PANEL_READERS
    ),
    "api:candidate-decisions@POST": Row(
        kwargs=lambda w: {"pk": w.candidate.pk},
        method="post",
        json=True,
        data=lambda w: {"outcome": "hold", "rationale": "One more reference call."},
        expect=(401, 404, 404, 403, 404, 404, 201, 403, 201),
    ),
    "api:interview-list": Row(expect=API_EVERYONE),
    # The panelist's interview: they and the role's hiring team may read it.
    "api:interview-detail": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        expect=(401, 404, 404, 200, 404, 404, 200, 200, 200),
    ),
    "api:interview-detail@PATCH": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="patch",
        json=True,
        data=lambda w: {"scheduled_at": "2026-03-02T10:00:00Z"},
        expect=API_LOOP_CHANGERS,
    ),
    # Refused (409: its scorecard is submitted), after the access check.
    "api:interview-detail@DELETE": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="delete",
        expect=(401, 404, 404, 403, 403, 404, 403, 409, 409),
    ),
    "api:interview-move": Row(
        kwargs=lambda w: {"pk": w.interview.pk},
        method="post",
        json=True,
        data=lambda w: {"direction": "down"},
        expect=API_LOOP_CHANGERS,
    ),
    # The blind panelist submits their own scorecard; the hiring team may not fill it (403).
    "api:interview-scorecard": Row(
        kwargs=lambda w: {"pk": w.blind_interview.pk},
        method="post",
        json=True,
        data=lambda w: {
            "ratings": [{"dimension": d.pk, "value": 3} for d in w.dimensions],
            "recommendation": "yes",
        },
        expect=(401, 404, 404, 404, 200, 404, 403, 403, 403),
    ),
    "api:scorecard-list": Row(expect=API_EVERYONE),
    "api:scorecard-detail": Row(
        kwargs=lambda w: {"pk": w.scorecard.pk},
        expect=(401, 404, 404, 200, 404, 404, 200, 200, 200),
    ),
    "api:decision-list": Row(expect=API_EVERYONE),
    "api:audit-list": Row(expect=(401, 403, 403, 403, 403, 200, 200, 403, 200)),
}


# ------------------------------------------------------------------------------ the admin
ADMIN_LOGIN = "admin login"
ADMIN_PERSONAS = (*PERSONAS, "staff")
NOT_STAFF = PERSONAS[:-1]  # every persona but the superuser

# What each registered model's admin lets a superuser do besides reading it.
EDITABLE = frozenset({"add", "change", "delete"})
# axes' records of login attempts: written by logins only; deleting one lifts a lockout.
NO_ADD = frozenset({"change", "delete"})
# Scoring data and the audit log change only through the app's services (revisions, audit
# events); the task queue only through its workers.
READ_ONLY = frozenset()
ADMIN_MODELS = {
    "auth.group": EDITABLE,
    "auth.user": EDITABLE,
    "interviewkit.role": EDITABLE,
    "interviewkit.kitversion": EDITABLE,
    "interviewkit.auditevent": READ_ONLY,
    "scorecards.scorecard": READ_ONLY,
    "scorecards.rating": READ_ONLY,
    "scorecards.scorecardrevision": READ_ONLY,
    "scorecards.decision": READ_ONLY,
    "scorecards.candidate": READ_ONLY,
    "scorecards.interview": READ_ONLY,
    "axes.accessattempt": NO_ADD,
    "axes.accesslog": NO_ADD,
    "axes.accessfailurelog": NO_ADD,
    "django_tasks_database.dbtaskresult": READ_ONLY,
}
# The staff persona's model permissions. It holds every permission on scorecards and
# candidates, and may still only read them there: read-only wins over a granted permission.
STAFF_PERMISSIONS = {
    "interviewkit.role": {"view"},
    "scorecards.scorecard": {"view", "add", "change", "delete"},
    "scorecards.candidate": {"view", "add", "change", "delete"},
}
MODEL_PAGES = ("changelist", "add", "change", "delete", "history")


def admin_status(label: str, page: str, permissions: set[str]) -> int:
    """What a staff member with these permissions on the model gets on one of its pages."""
    allowed = ADMIN_MODELS[label]
    if page in ("changelist", "change", "history"):
        return 200 if permissions & {"view", "change"} else 403
    return 200 if page in allowed and page in permissions else 403


def staff_only(staff, admin):
    """A row in ADMIN_PERSONAS order: the admin's login for everyone not staff."""
    return (*(ADMIN_LOGIN,) * len(NOT_STAFF), admin, staff)


def table_size(model) -> int:
    """The model's rows, less the audit events each request here writes itself (the persona's
    sign-in, the refusal)."""
    rows = model.objects.all()
    if model is AuditEvent:
        rows = rows.exclude(action__in=["auth.login", "permission.denied"])
    return rows.count()


def model_rows() -> dict[str, Row]:
    rows = {}
    everything = {"view", "add", "change", "delete"}
    for label in ADMIN_MODELS:
        app, model = label.split(".")
        staff = STAFF_PERMISSIONS.get(label, set())
        for page in MODEL_PAGES:
            kwargs = None
            if page in ("change", "delete", "history"):
                kwargs = lambda w, label=label: {"object_id": w.admin_objects[label].pk}  # noqa: E731
            rows[f"admin:{app}_{model}_{page}"] = Row(
                kwargs=kwargs,
                expect=staff_only(
                    staff=admin_status(label, page, staff),
                    admin=admin_status(label, page, everything),
                ),
            )
        if not ADMIN_MODELS[label]:
            # Read-only: a forged POST is refused for everyone, and the row stays as it was
            # (for an add: the table has no more rows).
            for page, data in (("change", lambda w: {"reason": "rewritten"}), ("delete", None)):
                rows[f"admin:{app}_{model}_{page}@POST"] = Row(
                    kwargs=lambda w, label=label: {"object_id": w.admin_objects[label].pk},
                    method="post",
                    data=data or (lambda w: {"post": "yes"}),
                    unchanged=lambda w, label=label: row_values(w.admin_objects[label]),
                    expect=staff_only(staff=403, admin=403),
                )
            rows[f"admin:{app}_{model}_add@POST"] = Row(
                method="post",
                data=lambda w: {"reason": "forged", "name": "Forged", "value": "4"},
                unchanged=lambda w, label=label: table_size(type(w.admin_objects[label])),
                expect=staff_only(staff=403, admin=403),
            )
    return rows


ADMIN_MATRIX: dict[str, Row] = {
    **model_rows(),
    #                         (everyone not staff: the admin's login)
    "admin:index": Row(expect=staff_only(staff=200, admin=200)),
    # The admin's login page tells a signed-in person who is not staff that they may not.
    "admin:login": Row(expect=(*(200,) * len(NOT_STAFF), 302, 302)),
    # Staff are signed out and sent to the login page; for anyone else there is nothing to
    # sign out of here, and they are sent to the admin's index (and so to its login).
    "admin:logout": Row(method="post", expect=(*(302,) * len(NOT_STAFF), LOGIN, LOGIN)),
    "admin:password_change": Row(expect=staff_only(staff=200, admin=200)),
    "admin:password_change_done": Row(expect=staff_only(staff=200, admin=200)),
    "admin:jsi18n": Row(expect=staff_only(staff=200, admin=200)),
    # An app's index exists for someone with a permission on one of its models.
    "admin:app_list@auth": Row(
        kwargs=lambda w: {"app_label": "auth"}, expect=staff_only(staff=404, admin=200)
    ),
    "admin:app_list@scorecards": Row(
        kwargs=lambda w: {"app_label": "scorecards"}, expect=staff_only(staff=200, admin=200)
    ),
    # Setting another user's password: for those who may change users (not `staff`).
    "admin:auth_user_password_change": Row(
        kwargs=lambda w: {"id": w.users["outsider"].pk}, expect=staff_only(staff=403, admin=200)
    ),
    # Without its parameters the autocomplete refuses; no model of ours has a page on the site.
    "admin:autocomplete": Row(expect=staff_only(staff=403, admin=403)),
    "admin:view_on_site": Row(
        kwargs=lambda w: {
            "content_type_id": ContentType.objects.get_for_model(w.role).pk,
            "object_id": w.role.pk,
        },
        expect=staff_only(staff=404, admin=404),
    ),
}


def walk(patterns, prefix: str = "", namespace: str = ""):
    """(full URL name or None, route) of every pattern, following includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), child_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def url_names() -> dict[str, str]:
    return {name: route for name, route in walk(get_resolver().url_patterns) if name}


def url_name_of(key: str) -> str:
    """A MATRIX key without its "@METHOD" suffix."""
    return key.split("@", 1)[0]


def test_every_url_has_a_matrix_entry():
    names = url_names()
    missing = sorted(set(names) - {url_name_of(key) for key in {**MATRIX, **ADMIN_MATRIX}})
    assert not missing, (
        "URLs without a matrix entry (see 'HOW TO ADD AN ENTRY' at the top of "
        "tests/test_permission_matrix.py):\n"
        + "\n".join(f"  {name}  (/{names[name]})" for name in missing)
    )


# Django's admin has two kinds of unnamed pattern: a model's "<pk>/" (an object's old address,
# redirecting to its change page) and the catch-all at the end. Requested as these examples.
ADMIN_UNNAMED = {
    "admin/(?P<url>.*)$": Row(
        kwargs=lambda w: {"path": "/admin/no-such-page/"}, expect=staff_only(staff=404, admin=404)
    ),
    "<path:object_id>/": Row(
        kwargs=lambda w: {"path": f"/admin/scorecards/scorecard/{w.scorecard.pk}/"},
        expect=staff_only(staff=302, admin=302),
    ),
}


def admin_unnamed_kind(route: str) -> str | None:
    return next((kind for kind in ADMIN_UNNAMED if route.endswith(kind)), None)


def test_every_url_has_a_name():
    unnamed = [
        route
        for name, route in walk(get_resolver().url_patterns)
        if not name and not (route.startswith("admin/") and admin_unnamed_kind(route))
    ]
    assert not unnamed, f"Give these URL patterns a name: {unnamed}"


@pytest.mark.parametrize("kind", sorted(ADMIN_UNNAMED))
def test_the_admins_unnamed_pages_answer_as_expected(client, admin_world, kind):
    row = ADMIN_UNNAMED[kind]
    url = row.kwargs(admin_world)["path"]
    got = [answer(client, row, admin_world, persona, url) for persona in ADMIN_PERSONAS]
    assert tuple(got) == row.expect, f"GET {url}\n  expected: {row.expect}\n  got: {tuple(got)}"


def test_the_matrix_has_no_stale_entries():
    stale = sorted({url_name_of(key) for key in {**MATRIX, **ADMIN_MATRIX}} - set(url_names()))
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def test_every_row_names_every_persona():
    short = {
        name: len(row.expect) for name, row in MATRIX.items() if len(row.expect) != len(PERSONAS)
    }
    assert not short, f"Each row needs one expectation per persona {PERSONAS}: {short}"
    short = {
        name: len(row.expect)
        for name, row in ADMIN_MATRIX.items()
        if len(row.expect) != len(ADMIN_PERSONAS)
    }
    assert not short, f"Each admin row needs one per persona {ADMIN_PERSONAS}: {short}"


def test_every_admin_model_has_a_policy():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS), (
        "Say in ADMIN_MODELS what the admin may do with each registered model: "
        f"missing {sorted(registered - set(ADMIN_MODELS))}, "
        f"not registered {sorted(set(ADMIN_MODELS) - registered)}"
    )
    assert set(STAFF_PERMISSIONS) <= set(ADMIN_MODELS)


def answer(client, row: Row, world: SimpleNamespace, persona: str, url: str):
    """What the persona gets: a status, or LOGIN for a redirect to the login page."""
    client.logout()
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    send = getattr(client, row.method)
    if row.json:
        response = send(url, row.data(world) if row.data else {}, content_type="application/json")
    else:
        response = send(url, row.data(world)) if row.data else send(url)
    # No response.close(): it sends request_finished, whose close_old_connections closes a
    # PostgreSQL connection found inside this test's transaction.
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return LOGIN
    if response.status_code == 302 and response.url.startswith(reverse("admin:login")):
        return ADMIN_LOGIN
    if (
        response.status_code == 401
        and user is None
        and row.method == "post"
        and not url.startswith("/api/")
    ):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(client, world, name):
    row = MATRIX[name]
    url = reverse(url_name_of(name), kwargs=row.kwargs(world) if row.kwargs else None) + row.query
    got = []
    for persona in PERSONAS:
        # Each persona in its own transaction, rolled back: one's POST never affects the next.
        with transaction.atomic():
            got.append(answer(client, row, world, persona, url))
            transaction.set_rollback(True)
    assert tuple(got) == row.expect, (
        f"{row.method.upper()} {url}\n"
        f"  personas: {PERSONAS}\n  expected: {row.expect}\n  got:      {tuple(got)}"
    )


@pytest.fixture
def admin_world(world):
    """The world, the `staff` persona, and one object of every model the admin shows."""
    staff = UserFactory(username="staff", is_staff=True)
    for label, actions in STAFF_PERMISSIONS.items():
        app, model = label.split(".")
        staff.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app, codename__in=[f"{a}_{model}" for a in actions]
            )
        )
    attempt = {"user_agent": "curl", "ip_address": "203.0.113.9", "username": "outsider"}
    world.admin_objects = {
        "auth.group": Group.objects.get(name=personas.INTERVIEWERS),
        "auth.user": world.users["outsider"],
        "interviewkit.role": world.role,
        "interviewkit.kitversion": world.kit,
        "interviewkit.auditevent": audit.record(world.users["recruiter"], "auth.login"),
        "scorecards.scorecard": world.scorecard,
        "scorecards.rating": world.scorecard.ratings.first(),
        "scorecards.scorecardrevision": ScorecardRevision.objects.create(
            scorecard=world.scorecard, number=1, snapshot={}, reason="A typo in the evidence."
        ),
        "scorecards.decision": world.decision,
        "scorecards.candidate": world.candidate,
        "scorecards.interview": world.interview,
        "axes.accessattempt": AccessAttempt.objects.create(
            **attempt,
            http_accept="*/*",
            path_info="/login/",
            get_data="",
            post_data="",
            failures_since_start=1,
        ),
        "axes.accesslog": AccessLog.objects.create(
            **attempt, http_accept="*/*", path_info="/login/"
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            **attempt, http_accept="*/*", path_info="/login/"
        ),
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="scorecards.tasks.export_chunk",
            backend_name="default",
            run_after=timezone.now(),
        ),
    }
    world.users = {**world.users, "staff": staff}
    return world


def row_values(obj) -> dict | None:
    """The object's database row, read afresh (None once deleted)."""
    return type(obj).objects.filter(pk=obj.pk).values().first()


@pytest.mark.parametrize("name", sorted(ADMIN_MATRIX))
def test_each_persona_gets_the_expected_admin_answer(client, admin_world, name):
    row = ADMIN_MATRIX[name]
    w = admin_world
    url = reverse(url_name_of(name), kwargs=row.kwargs(w) if row.kwargs else None) + row.query
    before = row.unchanged(w) if row.unchanged else None
    got, changed = [], []
    for persona in ADMIN_PERSONAS:
        with transaction.atomic():
            got.append(answer(client, row, w, persona, url))
            if row.unchanged and row.unchanged(w) != before:
                changed.append(persona)
            transaction.set_rollback(True)
    assert tuple(got) == row.expect, (
        f"{row.method.upper()} {url}\n"
        f"  personas: {ADMIN_PERSONAS}\n  expected: {row.expect}\n  got:      {tuple(got)}"
    )
    assert not changed, f"{row.method.upper()} {url} changed the row for {changed}"
