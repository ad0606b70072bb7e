"""Unexpected HTTP methods get 405 on every URL, from the person who may use the page.

Walks the permission matrix (tests/test_permission_matrix.py): for each URL, the first persona
whose answer there is a success is the one who asks; PUT, PATCH, DELETE, OPTIONS and TRACE
must be refused before the view does anything (interviewkit.middleware.methods).
"""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, PERSONAS

UNEXPECTED = ("put", "patch", "delete", "options", "trace")

# URLs allowed to answer something else, with the reason.
EXEMPT = {
    # Django's LoginView treats PUT like POST (a login attempt, CSRF-checked and throttled).
    "login": "Django's own view",
}


def right_person(expect: tuple) -> str | None:
    for persona, answer in zip(PERSONAS, expect, strict=True):
        if answer in (200, 302, 400):
            return persona
    return None


ROWS = sorted(
    name
    for name, row in MATRIX.items()
    if right_person(row.expect) and name not in EXEMPT and "@" not in name
)


def methods_of(name: str) -> set[str]:
    """The methods a URL answers, as the matrix lists them (API routes: one row per method)."""
    return {row.method for key, row in MATRIX.items() if key.split("@", 1)[0] == name}


def close_without_ending_the_request(response) -> None:
    """Close a response's files. `close()` also sends `request_finished`, whose database
    handler closes a connection found inside a transaction (the test's): on PostgreSQL that
    ends every later query of the test. The test client itself disconnects it the same way."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("name", ROWS)
def test_unexpected_methods_are_refused_with_405(client, world, name):
    row = MATRIX[name]
    persona = right_person(row.expect)
    url = reverse(name, kwargs=row.kwargs(world) if row.kwargs else None) + row.query
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    got = {}
    unexpected = [method for method in UNEXPECTED if method not in methods_of(name)]
    for method in unexpected:
        with transaction.atomic():
            response = getattr(client, method)(url)
            close_without_ending_the_request(response)
            got[method] = response.status_code
            transaction.set_rollback(True)
    assert got == dict.fromkeys(unexpected, 405), f"{persona} on {url}: {got}"


def test_a_405_names_the_methods_the_app_speaks(client, db):
    response = client.generic("PROPFIND", reverse("login"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
