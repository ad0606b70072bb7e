"""Webhooks end to end: a real HTTP receiver on loopback checks each signature; the worker
(django-tasks' db_worker) sends, retries with back-off and logs; unsafe targets are refused."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviewkit.models import AuditEvent
from scorecards.services.decisions import decision_record
from scorecards.services.privacy import candidate_erase
from scorecards.services.scorecards import (
    RatingInput,
    ScorecardData,
    scorecard_start,
    scorecard_submit,
)
from scorecards.webhooks.models import WebhookDelivery
from scorecards.webhooks.sending import (
    TargetRefused,
    check_url,
    resolve,
    webhook_delivery_attempt,
)
from scorecards.webhooks.services import webhook_endpoint_add

# The worker closes its database connection between tasks (close_old_connections, as in
# production); inside a test transaction that would end PostgreSQL's connection, so these
# tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


class Receiver:
    """An HTTP server on 127.0.0.1 that verifies each request as a real receiver would:
    signature over `<event id>.<timestamp>.<body>`, timestamp within five minutes, no event id
    twice. It answers with the statuses queued in `answers` (then 200)."""

    def __init__(self, secret: str = "") -> None:
        self.secret = secret
        self.received: list[dict] = []
        self.rejected: list[str] = []
        self.answers: list[int] = []
        seen: set[str] = set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                event_id = self.headers["X-Interviewkit-Event-Id"]
                timestamp = self.headers["X-Interviewkit-Timestamp"]
                message = f"{event_id}.{timestamp}.".encode() + body
                expected = (
                    "sha256="
                    + hmac.new(receiver.secret.encode(), message, hashlib.sha256).hexdigest()
                )
                problem = ""
                if not hmac.compare_digest(expected, self.headers["X-Interviewkit-Signature"]):
                    problem = "bad signature"
                elif abs(time.time() - int(timestamp)) > 300:
                    problem = "stale timestamp"
                elif json.loads(body)["id"] != event_id:
                    problem = "event id differs from the body's"
                status = receiver.answers.pop(0) if receiver.answers else 200
                if problem:
                    receiver.rejected.append(problem)
                    status = 401
                elif status == 200:
                    if event_id in seen:
                        receiver.rejected.append("replay")
                    seen.add(event_id)
                    receiver.received.append(
                        {"event": self.headers["X-Interviewkit-Event"], **json.loads(body)}
                    )
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(f"answer {status} {problem}".encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/interviewkit"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_worker() -> None:
    """What `manage.py db_worker` does in production: run every task that is due, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def endpoint_for(receiver, world, *, events, reader=None, allow_private=True):
    endpoint = webhook_endpoint_add(
        url=receiver.url,
        events=events,
        reader=reader or world.users["hiring_manager"],
        allow_private_network=allow_private,
        by=world.users["admin"],
    )
    receiver.secret = endpoint.secret
    return endpoint


def submit_blind_scorecard(world):
    scorecard = scorecard_start(interview=world.blind_interview, by=world.users["blind_panelist"])
    data = ScorecardData(
        ratings={d.pk: RatingInput(value=3) for d in world.dimensions}, recommendation="yes"
    )
    return scorecard_submit(scorecard=scorecard, data=data, by=world.users["blind_panelist"])


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the task enqueues) as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_the_worker_sends_signed_events_a_real_receiver_accepts(world, settings, on_commit):
    settings.WEBHOOK_ALLOW_HTTP = True
    with Receiver() as receiver:
        endpoint_for(
            receiver,
            world,
            events=["scorecard.submitted", "packet.complete", "decision.recorded"],
        )
        scorecard = on_commit(lambda: submit_blind_scorecard(world))
        on_commit(
            lambda: decision_record(
                candidate=world.candidate,
                outcome="hire",
                rationale="Clear yes.",
                by=world.users["hiring_manager"],
            )
        )
        deliveries = DBTaskResult.objects.filter(task_path__endswith="webhook_deliver_task")
        assert deliveries.count() == 3
        run_worker()
    assert receiver.rejected == []
    assert [r["event"] for r in receiver.received] == [
        "scorecard.submitted",
        "packet.complete",
        "decision.recorded",
    ]
    submitted, complete, decided = receiver.received
    assert submitted["data"]["id"] == scorecard.pk and submitted["data"]["status"] == "submitted"
    assert {r["dimension"] for r in submitted["data"]["ratings"]} == {
        d.pk for d in world.dimensions
    }
    assert complete["data"]["candidate"] == world.candidate.pk
    assert decided["data"]["outcome"] == "hire" and decided["data"]["rationale"] == "Clear yes."
    deliveries = WebhookDelivery.objects.all()
    assert {d.status for d in deliveries} == {"succeeded"}
    assert all(d.attempt_log.get().status_code == 200 for d in deliveries)
    assert "answer 200" in deliveries[0].attempt_log.get().response_body


def test_a_failed_delivery_is_retried_after_a_back_off_then_logged_and_given_up(
    world, settings, on_commit
):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with Receiver() as receiver:
        receiver.answers = [500, 503, 502]
        endpoint_for(receiver, world, events=["decision.recorded"])
        on_commit(
            lambda: decision_record(
                candidate=world.candidate, outcome="hold", rationale="R", by=world.users["admin"]
            )
        )
        run_worker()
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "pending" and delivery.attempts == 1
        wait = delivery.next_attempt_at - timezone.now()
        assert timedelta(seconds=25) < wait <= timedelta(seconds=30)
        retry = DBTaskResult.objects.filter(status="READY").get()
        assert retry.run_after == delivery.next_attempt_at
        # The retry is not due yet: the worker leaves it. Make it due, as time would.
        run_worker()
        assert WebhookDelivery.objects.get().attempts == 1
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=100)  # 30 s × 4
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 3
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 503, 502]
    assert receiver.received == []


def test_an_admin_sees_the_failure_and_resends_it(world, settings, on_commit, client):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    with Receiver() as receiver:
        receiver.answers = [500]
        endpoint_for(receiver, world, events=["decision.recorded"])
        on_commit(
            lambda: decision_record(
                candidate=world.candidate, outcome="hold", rationale="R", by=world.users["admin"]
            )
        )
        run_worker()
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "failed"
        client.force_login(world.users["admin"])
        page = client.get(reverse("webhooks:delivery-list"))
        assert page.status_code == 200 and delivery in page.context["page"].object_list
        detail = client.get(reverse("webhooks:delivery", args=[delivery.pk]))
        assert "HTTP 500" in detail.content.decode() and "answer 500" in detail.content.decode()
        on_commit(lambda: client.post(reverse("webhooks:delivery-resend", args=[delivery.pk])))
        run_worker()
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 200]
    assert receiver.received[0]["id"] == str(delivery.event_id)
    assert AuditEvent.objects.filter(action="webhook.resend").exists()


def test_payloads_hold_no_more_than_the_reader_may_read(world, settings, on_commit):
    settings.WEBHOOK_ALLOW_HTTP = True
    with Receiver() as receiver:
        # The other role's hiring team may read nothing of this role's candidates.
        endpoint_for(
            receiver, world, events=["scorecard.submitted"], reader=world.users["other_team"]
        )
        on_commit(lambda: submit_blind_scorecard(world))
        run_worker()
    assert WebhookDelivery.objects.count() == 0 and receiver.received == []


def test_erasing_a_candidate_redacts_stored_bodies_and_sends_the_erasure(
    world, settings, on_commit
):
    settings.WEBHOOK_ALLOW_HTTP = True
    with Receiver() as receiver:
        endpoint_for(receiver, world, events=["decision.recorded", "candidate.erased"])
        on_commit(
            lambda: decision_record(
                candidate=world.candidate,
                outcome="hire",
                rationale="Casey impressed everyone.",
                by=world.users["hiring_manager"],
            )
        )
        on_commit(lambda: candidate_erase(candidate=world.candidate, by=world.users["admin"]))
        run_worker()
    bodies = " ".join(d.body for d in WebhookDelivery.objects.all())
    assert "Casey" not in bodies
    assert receiver.received[-1]["event"] == "candidate.erased"
    assert receiver.received[-1]["data"]["candidate"] == world.candidate.pk


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.9/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://localhost/hook",
    ],
)
def test_private_loopback_and_link_local_targets_are_refused(url):
    with pytest.raises(TargetRefused):
        resolve(url, allow_private=False)


def test_plain_http_is_refused_unless_allowed(settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    with pytest.raises(TargetRefused, match="Only https"):
        check_url("http://hooks.example.com/x", allow_private=False)
    check_url("https://hooks.example.com/x", allow_private=False)


def test_the_form_refuses_a_private_target_beside_the_url_field(world, client, settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    client.force_login(world.users["admin"])
    data = {
        "url": "https://10.0.0.5/hook",
        "events": ["decision.recorded"],
        "reader": world.users["hiring_manager"].pk,
    }
    response = client.post(reverse("webhooks:endpoint-list"), data)
    assert response.status_code == 400
    assert "private" in response.context["form"].errors["url"][0]
    assert response.context["form"].data["url"] == "https://10.0.0.5/hook"
    allowed = client.post(
        reverse("webhooks:endpoint-list"), {**data, "allow_private_network": "on"}
    )
    assert allowed.status_code == 302


def test_a_target_that_turns_private_fails_at_once_without_retries(world, settings, on_commit):
    settings.WEBHOOK_ALLOW_HTTP = True
    with Receiver() as receiver:
        endpoint = endpoint_for(receiver, world, events=["decision.recorded"])
        # Registered with private addresses allowed; an admin then takes that away.
        endpoint.allow_private_network = False
        endpoint.save()
        on_commit(
            lambda: decision_record(
                candidate=world.candidate, outcome="hold", rationale="R", by=world.users["admin"]
            )
        )
        delivery = WebhookDelivery.objects.get()
        webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 1
    assert "private" in delivery.attempt_log.get().error
    assert receiver.received == []
