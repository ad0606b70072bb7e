"""Fixtures shared by every test: the people of a hiring team, an outsider, and the permission
matrix's `world` (one of everything, with every persona in place)."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from interviewkit import personas
from scorecards.api.tokens import api_token_create
from scorecards.services import exports
from scorecards.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    InterviewFactory,
    RatingFactory,
    RoleFactory,
    ScorecardFactory,
    UserFactory,
    make_kit,
)
from tests.scorecards.export_fixtures import fake_pdf, finished_export_job
from tests.scorecards.scorecard_fixtures import interview_for

# Property tests check what the code does, never how fast: Hypothesis' per-example deadline
# (200 ms) failed them on a busy machine (performance is measured in `make bench`).
hypothesis_settings.register_profile("interviewkit", deadline=None)
hypothesis_settings.load_profile("interviewkit")


@pytest.fixture
def settings_in_new_process():
    """Read one settings expression in a new Python process started with only `env`, the way
    the app reads its environment at start-up: settings_in_new_process({"DEBUG": "0"}, "DEBUG")
    gives the finished process, whose stdout is the printed value and whose stderr says why
    the settings refused to load."""

    def read(env: dict, expression: str) -> subprocess.CompletedProcess:
        code = (
            "import django; django.setup(); from django.conf import settings; "
            f"print(settings.{expression})"
        )
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[1],
            env={"DJANGO_SETTINGS_MODULE": "interviewkit.settings", "PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
        )

    return read


@pytest.fixture
def role(db):
    role = RoleFactory(title="Staff Platform Engineer", slug="staff-platform-engineer")
    make_kit(role=role)
    return role


@pytest.fixture
def kit(role):
    return role.current_kit()


@pytest.fixture
def interviewer(db):
    return UserFactory(username="interviewer", persona=personas.INTERVIEWERS)


@pytest.fixture
def other_interviewer(db):
    return UserFactory(username="other_interviewer", persona=personas.INTERVIEWERS)


@pytest.fixture
def hiring_manager(role):
    user = UserFactory(username="hiring_manager", persona=personas.HIRING_MANAGERS)
    role.hiring_managers.add(user)
    return user


@pytest.fixture
def recruiter(role):
    user = UserFactory(username="recruiter", persona=personas.RECRUITERS)
    role.recruiters.add(user)
    return user


@pytest.fixture
def outsider(db):
    """Logged in, but on no hiring team and interviewing nobody."""
    return UserFactory(username="outsider", persona=personas.INTERVIEWERS)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin_user", is_staff=True, is_superuser=True)


@pytest.fixture
def candidate(role):
    return CandidateFactory(role=role, name="Casey Candidate", email="casey@example.com")


@pytest.fixture
def interview(candidate, interviewer):
    """The interviewer's interview of the candidate two hours ago, awaiting their scorecard."""
    return interview_for(candidate, interviewer)


@pytest.fixture(autouse=True)
def _no_files_in_the_checkout(settings, tmp_path_factory):
    """Files that tests make (kept PDFs, CVs, exports) go to a temporary folder, never to the
    checkout's media folder; `media_root` gives a test its own."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded and generated files go to the test's own temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fake_renderer(monkeypatch):
    """Batch exports get a stand-in PDF (`fake_pdf`) where only their mechanics are tested."""
    monkeypatch.setattr(exports, "render_candidate_pdf", fake_pdf)


@pytest.fixture
def fast_passwords(settings):
    """Hash passwords quickly: the world has nine personas and nobody logs in with a password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(
    fast_passwords,
    media_root,
    role,
    kit,
    candidate,
    interviewer,
    other_interviewer,
    hiring_manager,
    recruiter,
    outsider,
    admin_user,
):
    """One of everything, with the personas in place: the permission matrix's world.

    The personas and what each may see are described at the top of
    tests/test_permission_matrix.py.
    """
    dims = list(kit.dimensions.all())
    interview = InterviewFactory(candidate=candidate, interviewer=other_interviewer, title="Design")
    scorecard = ScorecardFactory(
        interview=interview,
        kit=kit,
        submitted=True,
    )
    for dim in dims:
        RatingFactory(scorecard=scorecard, dimension=dim, value=3)
    blind_panelist = UserFactory(username="blind_panelist", persona=personas.INTERVIEWERS)
    blind_interview = InterviewFactory(
        candidate=candidate, interviewer=blind_panelist, title="Behavioral"
    )
    blind_scorecard = ScorecardFactory(interview=blind_interview, kit=kit)
    # The hiring manager and recruiter of another role: on a team, but not this role's.
    other_team = UserFactory(username="other_team", persona=personas.HIRING_MANAGERS)
    other_team.groups.add(Group.objects.get_or_create(name=personas.RECRUITERS)[0])
    elsewhere = RoleFactory(title="Elsewhere Engineer", slug="elsewhere-engineer")
    make_kit(role=elsewhere)
    elsewhere.hiring_managers.add(other_team)
    elsewhere.recruiters.add(other_team)
    CandidateFactory(role=elsewhere, name="Eve Elsewhere")
    other_candidate = CandidateFactory(role=role, name="Olive Other")
    own_interview = InterviewFactory(
        candidate=other_candidate, interviewer=interviewer, title="Behavioral"
    )
    own_scorecard = ScorecardFactory(interview=own_interview, kit=kit)
    decision = DecisionFactory(candidate=candidate, decided_by=hiring_manager)
    export_job = finished_export_job(candidate, by=recruiter, archive=b"PK\x05\x06" + b"\0" * 18)
    webhook = WebhookEndpoint.objects.create(
        url="https://hooks.example.com/in",
        events=["decision.recorded"],
        secret="s",
        reader=admin_user,
        active=False,
    )
    admin_token, _ = api_token_create(
        user=admin_user,
        name="matrix",
        scope="write",
        expires_at=timezone.now() + timedelta(days=30),
    )
    return SimpleNamespace(
        role=role,
        kit=kit,
        dimensions=dims,
        candidate=candidate,
        interview=interview,
        scorecard=scorecard,
        blind_interview=blind_interview,
        blind_scorecard=blind_scorecard,
        other_candidate=other_candidate,
        own_interview=own_interview,
        own_scorecard=own_scorecard,
        decision=decision,
        export_job=export_job,
        admin_token=admin_token,
        webhook=webhook,
        delivery=WebhookDelivery.objects.create(
            endpoint=webhook, event="decision.recorded", body="{}"
        ),
        users={
            "anonymous": None,
            "outsider": outsider,
            "interviewer": interviewer,
            "panelist": other_interviewer,
            "blind_panelist": blind_panelist,
            "other_team": other_team,
            "hiring_manager": hiring_manager,
            "recruiter": recruiter,
            "admin": admin_user,
        },
    )


def pytest_collection_modifyitems(items):
    """Every test that drives the browser carries the `browser` mark, wherever it lives."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: the run does not end green with one."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: a skip is not a pass.", red=True)
        session.exitstatus = 1
