"""The load benchmark's client, against Django's live server: two interviewers log in through
the login page, autosave their drafts for two seconds, submit, and nothing they were told was
saved is missing from the database.

The clients run concurrently; the live server answers one request at a time. Its threads share
the test's in-memory SQLite connection, whose shared-cache table locks fail at once instead of
waiting ("database table is locked"), which is a property of the test database, not of the app
(the benchmark itself runs gunicorn on PostgreSQL).
"""

import threading
import urllib.parse

import pytest

from bench import load
from scorecards.models import Scorecard

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server(live_server, monkeypatch):
    from django.core.handlers.wsgi import WSGIHandler

    one_at_a_time = threading.Lock()
    handle = WSGIHandler.__call__

    def serialized(self, environ, start_response):
        with one_at_a_time:
            return handle(self, environ, start_response)

    monkeypatch.setattr(WSGIHandler, "__call__", serialized)
    url = urllib.parse.urlsplit(live_server.url)
    return url.hostname, url.port


def test_two_clients_autosave_and_submit_without_errors_or_lost_writes(server):
    seats = load.prepare_seats(2)

    outcomes = load.drive(*server, seats, duration=2)
    result = load.summarize(outcomes, duration=2)

    assert result["errors"] == 0, result["details"]["error_samples"]
    assert result["lost_writes"] == 0, result["details"]["lost_write_samples"]
    assert result["details"]["submitted"] == 2
    # Each client saved more than once, carrying the revision the server returned.
    assert all(len(o.autosave_ms) >= 2 for o in outcomes)
    # login page, login, interview page, the autosaves and one submit per client
    assert result["requests"] == sum(len(o.autosave_ms) + 4 for o in outcomes)
    assert result["autosave_p50_ms"] <= result["autosave_p95_ms"]
    for seat, outcome in zip(seats, outcomes, strict=True):
        scorecard = Scorecard.objects.get(pk=seat.scorecard_id)
        assert scorecard.status == Scorecard.Status.SUBMITTED
        assert scorecard.takeaways == outcome.takeaways
        assert scorecard.takeaways.startswith(f"{seat.username} final take-aways after")


def test_a_draft_changed_behind_a_clients_back_counts_as_a_lost_write(server):
    seats = load.prepare_seats(2)
    outcomes = load.drive(*server, seats, duration=1)
    # The first client's last confirmed submission is overwritten in the database.
    Scorecard.objects.filter(pk=seats[0].scorecard_id).update(takeaways="Something else")

    result = load.summarize(outcomes, duration=1)

    assert result["lost_writes"] == 1
    assert result["details"]["lost_write_samples"][0].startswith(f"{seats[0].username}:")


def test_a_client_whose_login_fails_is_counted_as_an_error(server):
    from django.contrib.auth import get_user_model

    seats = load.prepare_seats(2)
    get_user_model().objects.filter(username=seats[1].username).update(password="!")

    result = load.summarize(load.drive(*server, seats, duration=1), duration=1)

    # The failed login stops that client and, through the start barrier, the other one too.
    assert result["errors"] >= 1
    assert any("login as bench-load-01: 200" in e for e in result["details"]["error_samples"])
    assert result["lost_writes"] == 0


def test_interviewers_signed_in_without_the_login_page_autosave_and_submit(server):
    from django.conf import settings

    level = load.one_level(
        server[1], 3, secret_key=settings.SECRET_KEY, duration=1, pause=(0.1, 0.2)
    )

    assert level["errors"] == 0, level["error_samples"]
    assert level["lost_writes"] == 0, level["lost_write_samples"]
    assert level["submitted"] == 3
    assert level["autosaves"] >= 3
    assert level["autosave_p50_ms"] <= level["autosave_p95_ms"]
    # The level's candidates are removed afterwards: the next level starts from fresh drafts.
    assert not Scorecard.objects.filter(interview__candidate__name__startswith="Load Client")
