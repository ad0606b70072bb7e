"""Personas shared by every test: the people of a hiring team and an outsider."""

import pytest

from interviewkit import personas
from tests.factories import CandidateFactory, RoleFactory, UserFactory, make_kit


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
