"""Load: gunicorn serving the app (production settings, plain HTTP on loopback) and 20 concurrent
interviewers who autosave their scorecards for 60 seconds, then submit them.

Each client is a thread with its own HTTP connection and cookies, and logs in as its own
interviewer through the login page (CSRF token from the cookie, as the browser's htmx sends
it). It then autosaves its draft with changing text, carrying the `revision` the server
returns, pausing briefly between saves (faster than anyone types, so the server is busy), and
finally submits. Afterwards every client's last acknowledged state (the text of its last save
or submit that the server confirmed) is compared with the database: a difference is a lost
write. `errors` counts unexpected statuses and exceptions; `requests` counts every request.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from bench.environment import PROJECT_DIR, is_postgres
from bench.production import collectstatic, free_port, production_env, stop, wait_for_port
from bench.timing import percentile

CLIENTS = 20
DURATION_S = 60
QUICK_CLIENTS = 4
QUICK_DURATION_S = 5
THINK_S = (0.1, 0.3)  # pause between two autosaves of one client
PASSWORD = "bench-load-password-1"
REVISION = re.compile(rb'name="revision" value="(\d+)"')


# --- the accounts and scorecards the clients fill --------------------------------------


@dataclass
class Seat:
    """One client's interviewer account and the interview whose scorecard they fill."""

    username: str
    interview_id: int
    scorecard_id: int
    candidate_id: int
    fields: dict[str, str]  # a complete scorecard: a rating for every dimension, a verdict
    evidence_field: str  # the evidence box the client types into, besides the take-aways


def prepare_seats(count: int, *, with_password: bool = True) -> list[Seat]:
    """`count` interviewers (made once, password reset, lockouts cleared), each with a new
    candidate's interview and its empty draft scorecard. `with_password=False` leaves the
    password unusable (the capacity run signs its interviewers in without the login page)."""
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from bench.data import bench_kit
    from interviewkit import personas
    from scorecards.models import Candidate, Interview
    from scorecards.services.candidate_status import candidate_status_refresh
    from scorecards.services.scorecards import evidence_field, rating_field, scorecard_start

    kit = bench_kit()
    dimensions = list(kit.dimensions.order_by("position"))
    exercises = list(kit.exercises.order_by("position"))
    group = Group.objects.get_or_create(name=personas.INTERVIEWERS)[0]
    User = get_user_model()
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    seats = []
    for i in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-load-{i:02d}", defaults={"first_name": "Load", "last_name": f"{i}"}
        )
        if with_password:
            user.set_password(PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(group)
        candidate = Candidate.objects.create(
            role=kit.role, name=f"Load Client {i:02d}", email=f"load-{stamp}-{i}@bench.invalid"
        )
        exercise = exercises[i % len(exercises)]
        interview = Interview.objects.create(
            candidate=candidate,
            exercise=exercise,
            title=exercise.name,
            interviewer=user,
            scheduled_at=timezone.now(),
        )
        candidate_status_refresh(candidate_ids=[candidate.pk])
        scorecard = scorecard_start(interview=interview, by=user)
        fields = {rating_field(d.pk): "3" for d in dimensions}
        fields["recommendation"] = "yes"
        seats.append(
            Seat(
                username=user.username,
                interview_id=interview.pk,
                scorecard_id=scorecard.pk,
                candidate_id=candidate.pk,
                fields=fields,
                evidence_field=evidence_field(dimensions[0].pk),
            )
        )
    AccessAttempt.objects.filter(username__in=[s.username for s in seats]).delete()
    return seats


def remove_seats(seats: list[Seat]) -> None:
    from scorecards.models import Candidate

    Candidate.objects.filter(pk__in=[s.candidate_id for s in seats]).delete()


# --- one client ----------------------------------------------------------------------------


class Unexpected(Exception):
    pass


class Browser:
    """An HTTP/1.1 connection with a cookie jar, as much of a browser as the scorecard needs."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["HX-Request"] = "true"
        self.requests += 1
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            raise
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content

    def close(self) -> None:
        self.connection.close()


@dataclass
class Outcome:
    """What one client saw, and the last state the server acknowledged."""

    seat: Seat
    autosave_ms: list[float] = field(default_factory=list)
    submit_ms: list[float] = field(default_factory=list)
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    takeaways: str | None = None  # last acknowledged text (None: nothing acknowledged)
    evidence: str | None = None
    revision: int | None = None
    submitted: bool = False


def log_in(browser: Browser, username: str) -> None:
    status, _ = browser.request("GET", "/login/")
    if status != 200 or "csrftoken" not in browser.cookies:
        raise Unexpected(f"login page: {status}")
    status, _ = browser.request(
        "POST",
        "/login/",
        {
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "username": username,
            "password": PASSWORD,
        },
    )
    if status != 302 or "sessionid" not in browser.cookies:
        raise Unexpected(f"login as {username}: {status}")


def client_loop(
    browser: Browser,
    outcome: Outcome,
    *,
    start: threading.Barrier,
    clock: dict,
    think: tuple[float, float],
) -> None:
    seat = outcome.seat
    rng = random.Random(seat.username)
    try:
        log_in(browser, seat.username)
        status, page = browser.request("GET", f"/interviews/{seat.interview_id}/")
        found = REVISION.search(page)
        if status != 200 or found is None:
            raise Unexpected(f"interview page: {status}")
        revision = int(found.group(1))
    except Exception as exc:  # noqa: BLE001 - counted, and this client stops
        outcome.errors.append(f"{type(exc).__name__}: {exc}")
        start.abort()
        return
    try:
        start.wait()
    except threading.BrokenBarrierError:
        return  # another client could not log in: the run is void, and counted as an error
    autosave = f"/interviews/{seat.interview_id}/autosave/"
    edit = 0
    while time.monotonic() < clock["deadline"]:
        edit += 1
        takeaways = f"{seat.username} take-aways, edit {edit}: {rng.random():.6f}"
        evidence = f"Evidence as of edit {edit}."
        form = {
            **seat.fields,
            "revision": str(revision),
            "takeaways": takeaways,
            seat.evidence_field: evidence,
        }
        started = time.perf_counter()
        try:
            status, content = browser.request("POST", autosave, form)
        except Exception as exc:  # noqa: BLE001
            outcome.errors.append(f"autosave: {type(exc).__name__}: {exc}")
            continue
        outcome.autosave_ms.append((time.perf_counter() - started) * 1000)
        found = REVISION.search(content)
        if status != 200 or found is None:
            outcome.errors.append(f"autosave: {status}")
            continue
        revision = int(found.group(1))
        outcome.takeaways, outcome.evidence, outcome.revision = takeaways, evidence, revision
        time.sleep(rng.uniform(*think))

    takeaways = f"{seat.username} final take-aways after {edit} edits."
    form = {
        **seat.fields,
        "revision": str(revision),
        "takeaways": takeaways,
        seat.evidence_field: "Final evidence.",
    }
    started = time.perf_counter()
    try:
        status, _ = browser.request("POST", f"/interviews/{seat.interview_id}/submit/", form)
    except Exception as exc:  # noqa: BLE001
        outcome.errors.append(f"submit: {type(exc).__name__}: {exc}")
        return
    outcome.submit_ms.append((time.perf_counter() - started) * 1000)
    if status == 302:  # submitted: the page redirects to the interview
        outcome.takeaways, outcome.evidence = takeaways, "Final evidence."
        outcome.submitted = True
    else:
        outcome.errors.append(f"submit: {status}")


def drive(
    host: str,
    port: int,
    seats: list[Seat],
    *,
    duration: float,
    think: tuple[float, float] = THINK_S,
) -> list[Outcome]:
    """Run one client thread per seat: log in, autosave until `duration` is up, submit."""
    outcomes = [Outcome(seat) for seat in seats]
    clock: dict = {}

    def go() -> None:  # all logged in: the clock starts for everyone at once
        clock["deadline"] = time.monotonic() + duration

    start = threading.Barrier(len(seats), action=go)
    browsers = [Browser(host, port) for _ in seats]
    threads = [
        threading.Thread(
            target=client_loop,
            args=(browser, outcome),
            kwargs={"start": start, "clock": clock, "think": think},
            name=f"load-{outcome.seat.username}",
        )
        for browser, outcome in zip(browsers, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for browser, outcome in zip(browsers, outcomes, strict=True):
        outcome.requests = browser.requests
        browser.close()
    return outcomes


def lost_writes(outcomes: list[Outcome]) -> list[str]:
    """Each client whose last acknowledged state is not what the database holds."""
    from scorecards.models import Scorecard

    lost = []
    for outcome in outcomes:
        if outcome.takeaways is None:
            continue  # nothing was acknowledged, so nothing can be lost
        scorecard = Scorecard.objects.get(pk=outcome.seat.scorecard_id)
        rating = scorecard.ratings.filter(dimension__position=0).first()
        stored = {
            "takeaways": scorecard.takeaways,
            "evidence": rating.evidence if rating else None,
            "submitted": scorecard.status == Scorecard.Status.SUBMITTED,
        }
        acknowledged = {
            "takeaways": outcome.takeaways,
            "evidence": outcome.evidence,
            "submitted": outcome.submitted,
        }
        if not outcome.submitted:
            stored["revision"] = scorecard.revision
            acknowledged["revision"] = outcome.revision
        if stored != acknowledged:
            lost.append(f"{outcome.seat.username}: acknowledged {acknowledged}, stored {stored}")
    return lost


def summarize(outcomes: list[Outcome], *, duration: float) -> dict:
    autosaves = [ms for o in outcomes for ms in o.autosave_ms]
    submits = [ms for o in outcomes for ms in o.submit_ms]
    errors = [e for o in outcomes for e in o.errors]
    lost = lost_writes(outcomes)
    return {
        "autosave_p50_ms": round(statistics.median(autosaves), 2) if autosaves else None,
        "autosave_p95_ms": percentile(autosaves, 95) if autosaves else None,
        "requests": sum(o.requests for o in outcomes),
        "errors": len(errors),
        "lost_writes": len(lost),
        "details": {
            "clients": len(outcomes),
            "duration_s": duration,
            "think_s": list(THINK_S),
            "autosaves": len(autosaves),
            "autosaves_per_s": round(len(autosaves) / duration, 1) if duration else None,
            "autosave_max_ms": round(max(autosaves), 2) if autosaves else None,
            "submitted": sum(o.submitted for o in outcomes),
            "submit_p50_ms": round(statistics.median(submits), 2) if submits else None,
            "error_samples": errors[:5],
            "lost_write_samples": lost[:5],
        },
    }


# --- capacity: interviewers who type and pause as people do ---------------------------------

CAPACITY_LEVELS = (10, 25, 50, 100, 200, 400)
QUICK_CAPACITY_LEVELS = (2, 5)
CAPACITY_DURATION_S = 30
QUICK_CAPACITY_DURATION_S = 6
# The page autosaves 2 s after typing stops; a person types for a while, then reads or listens.
HUMAN_PAUSE_S = (2.0, 10.0)
CAPACITY_P95_MS = 100
APP_CORE, GENERATOR_CORE = 0, 1
MODEL_BACKEND = "interviewkit.auth_backend.ModelBackendWithProfile"


def signed_in(browsers: list[Browser], seats: list[Seat], *, secret_key: str) -> None:
    """Give each browser its interviewer's session, made with the server's SECRET_KEY as a login
    would make it: hundreds of password hashes would otherwise time the login page, not the
    autosave (the stress run above goes through the login page)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.utils.crypto import get_random_string

    users = get_user_model().objects.in_bulk([s.username for s in seats], field_name="username")
    with override_settings(SECRET_KEY=secret_key):
        for browser, seat in zip(browsers, seats, strict=True):
            client = Client()
            client.force_login(users[seat.username], backend=MODEL_BACKEND)
            browser.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value
            browser.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)


def interviewer_loop(
    browser: Browser,
    outcome: Outcome,
    *,
    start: threading.Barrier,
    clock: dict,
    pause: tuple[float, float],
) -> None:
    """Open the scorecard, then autosave after each pause until the clock ends, then submit."""
    seat = outcome.seat
    rng = random.Random(seat.username)
    try:
        status, page = browser.request("GET", f"/interviews/{seat.interview_id}/")
        found = REVISION.search(page)
        if status != 200 or found is None:
            raise Unexpected(f"interview page: {status}")
        revision = int(found.group(1))
    except Exception as exc:  # noqa: BLE001 - counted, and this client stops
        outcome.errors.append(f"{type(exc).__name__}: {exc}")
        start.abort()
        return
    try:
        start.wait()
    except threading.BrokenBarrierError:
        return
    # People do not all stop typing at the same moment: the first saves spread over one pause.
    time.sleep(rng.uniform(0, pause[1]))
    autosave = f"/interviews/{seat.interview_id}/autosave/"
    edit = 0
    while time.monotonic() < clock["deadline"]:
        edit += 1
        takeaways = f"{seat.username} notes, edit {edit}: {rng.random():.6f}"
        evidence = f"Evidence as of edit {edit}."
        form = {
            **seat.fields,
            "revision": str(revision),
            "takeaways": takeaways,
            seat.evidence_field: evidence,
        }
        started = time.perf_counter()
        try:
            status, content = browser.request("POST", autosave, form)
        except Exception as exc:  # noqa: BLE001
            outcome.errors.append(f"autosave: {type(exc).__name__}: {exc}")
            continue
        outcome.autosave_ms.append((time.perf_counter() - started) * 1000)
        found = REVISION.search(content)
        if status != 200 or found is None:
            outcome.errors.append(f"autosave: {status}")
            continue
        revision = int(found.group(1))
        outcome.takeaways, outcome.evidence, outcome.revision = takeaways, evidence, revision
        time.sleep(rng.uniform(*pause))
    submit(browser, outcome, revision=revision, edits=edit)


def submit(browser: Browser, outcome: Outcome, *, revision: int, edits: int) -> None:
    seat = outcome.seat
    takeaways = f"{seat.username} final notes after {edits} edits."
    form = {
        **seat.fields,
        "revision": str(revision),
        "takeaways": takeaways,
        seat.evidence_field: "Final evidence.",
    }
    started = time.perf_counter()
    try:
        status, _ = browser.request("POST", f"/interviews/{seat.interview_id}/submit/", form)
    except Exception as exc:  # noqa: BLE001
        outcome.errors.append(f"submit: {type(exc).__name__}: {exc}")
        return
    outcome.submit_ms.append((time.perf_counter() - started) * 1000)
    if status == 302:
        outcome.takeaways, outcome.evidence = takeaways, "Final evidence."
        outcome.submitted = True
    else:
        outcome.errors.append(f"submit: {status}")


def pinned_to(core: int | None):
    """`os.sched_setaffinity` for the calling process (and the threads it starts) to `core`;
    returns what to restore. None: the machine has one core, nothing is pinned."""
    if core is None or not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {core})
    return before


def one_level(
    port: int,
    count: int,
    *,
    secret_key: str,
    duration: float,
    pause: tuple[float, float] = HUMAN_PAUSE_S,
) -> dict:
    """`count` interviewers for `duration` seconds against the server on `port`, each pausing
    `pause` seconds between two autosaves."""
    seats = prepare_seats(count, with_password=False)
    try:
        outcomes = [Outcome(seat) for seat in seats]
        browsers = [Browser("127.0.0.1", port) for _ in seats]
        signed_in(browsers, seats, secret_key=secret_key)
        clock: dict = {}

        def go() -> None:
            clock["deadline"] = time.monotonic() + duration
            clock["cpu_before"] = time.process_time()
            clock["wall_before"] = time.monotonic()

        start = threading.Barrier(len(seats), action=go)
        threads = [
            threading.Thread(
                target=interviewer_loop,
                args=(browser, outcome),
                kwargs={"start": start, "clock": clock, "pause": pause},
            )
            for browser, outcome in zip(browsers, outcomes, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - clock.get("wall_before", time.monotonic())
        cpu = time.process_time() - clock.get("cpu_before", time.process_time())
        for browser, outcome in zip(browsers, outcomes, strict=True):
            outcome.requests = browser.requests
            browser.close()
        autosaves = [ms for o in outcomes for ms in o.autosave_ms]
        errors = [e for o in outcomes for e in o.errors]
        lost = lost_writes(outcomes)
        p95 = percentile(autosaves, 95) if autosaves else None
        return {
            "interviewers": count,
            "autosave_p50_ms": round(statistics.median(autosaves), 2) if autosaves else None,
            "autosave_p95_ms": p95,
            "autosaves": len(autosaves),
            "autosaves_per_s": round(len(autosaves) / wall, 1) if wall else None,
            "submitted": sum(o.submitted for o in outcomes),
            "errors": len(errors),
            "lost_writes": len(lost),
            "generator_cpu_share": round(cpu / wall, 3) if wall else None,
            "holds": bool(
                autosaves
                and p95 < CAPACITY_P95_MS
                and not errors
                and not lost
                and all(o.submitted for o in outcomes)
            ),
            "error_samples": errors[:3],
            "lost_write_samples": lost[:3],
        }
    finally:
        remove_seats(seats)


def capacity(*, quick: bool, env: dict[str, str], log) -> dict:
    """`interviewers_per_app_core`: the most interviewers, in a rising series, that one gunicorn
    sync worker pinned to one core serves with autosave p95 under 100 ms, no error and no lost
    write; this process (the load generator) runs on the other core. Stops at the first level
    that misses, then tries one level halfway back."""
    import secrets

    levels = list(QUICK_CAPACITY_LEVELS if quick else CAPACITY_LEVELS)
    duration = QUICK_CAPACITY_DURATION_S if quick else CAPACITY_DURATION_S
    two_cores = len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else False
    secret_key = secrets.token_urlsafe(50)
    port = free_port()
    server = start_gunicorn(
        port,
        {**env, "SECRET_KEY": secret_key},
        log=log,
        workers=1,
        core=APP_CORE if two_cores else None,
    )
    restore = pinned_to(GENERATOR_CORE if two_cores else None)
    curve = []
    try:
        for count in levels:
            curve.append(one_level(port, count, secret_key=secret_key, duration=duration))
            if not curve[-1]["holds"]:
                break
        held = [c["interviewers"] for c in curve if c["holds"]]
        missed = [c["interviewers"] for c in curve if not c["holds"]]
        if held and missed and missed[0] - held[-1] > 1:
            middle = (held[-1] + missed[0]) // 2
            curve.append(one_level(port, middle, secret_key=secret_key, duration=duration))
    finally:
        if restore is not None:
            os.sched_setaffinity(0, restore)
        stop([server])
    curve.sort(key=lambda c: c["interviewers"])
    best = 0
    for level in curve:  # the largest count below which every level held
        if not level["holds"]:
            break
        best = level["interviewers"]
    return {
        "interviewers_per_app_core": best,
        "capacity_p95_ms": {str(c["interviewers"]): c["autosave_p95_ms"] for c in curve},
        "capacity_errors": sum(c["errors"] for c in curve),
        "capacity_lost_writes": sum(c["lost_writes"] for c in curve),
        "capacity": {
            "server": "gunicorn, 1 sync worker"
            + (f" pinned to core {APP_CORE}" if two_cores else " (one core: nothing pinned)"),
            "load_generator": f"this process, pinned to core {GENERATOR_CORE}"
            if two_cores
            else "shares the core (see generator_cpu_share)",
            "pause_s": list(HUMAN_PAUSE_S),
            "duration_s_per_level": duration,
            "bar": f"autosave p95 < {CAPACITY_P95_MS} ms, 0 errors, 0 lost writes, all submitted",
            "curve": curve,
        },
    }


# --- gunicorn --------------------------------------------------------------------------------


def gunicorn_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1  # as README.md's production deployment runs it


def start_gunicorn(
    port: int, env: dict[str, str], *, log, workers: int | None = None, core: int | None = None
) -> subprocess.Popen:
    """gunicorn on loopback; `core` pins it (master and workers) to that core with taskset."""
    pin = ["taskset", "--cpu-list", str(core)] if core is not None else []
    process = subprocess.Popen(
        [
            *pin,
            sys.executable,
            "-m",
            "gunicorn",
            "interviewkit.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers or gunicorn_workers()),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process=process)
    return process


def run(*, quick: bool = False) -> dict:
    if not is_postgres():
        return {
            "skipped": "the load test runs on PostgreSQL only (set BENCH_DATABASE_URL to a "
            "postgres:// URL): SQLite takes one writer at a time, which no deployment serves on"
        }
    clients = QUICK_CLIENTS if quick else CLIENTS
    duration = QUICK_DURATION_S if quick else DURATION_S
    seats = prepare_seats(clients)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            env = production_env(static_root=Path(tmp) / "static", media_root=Path(tmp) / "media")
            collectstatic(env)
            port = free_port()
            load_before = round(os.getloadavg()[0], 2)
            log_path = Path(tmp) / "gunicorn.log"
            with log_path.open("wb") as log:
                server = start_gunicorn(port, env, log=log)
                try:
                    outcomes = drive("127.0.0.1", port, seats, duration=duration)
                finally:
                    stop([server])
                result = summarize(outcomes, duration=duration)
                remove_seats(seats)
                seats = []
                found = capacity(quick=quick, env=env, log=log)
            if result["errors"] or found["capacity_errors"]:
                result["details"]["server_log_tail"] = log_path.read_text()[-2000:]
    finally:
        remove_seats(seats)
    result["details"]["server"] = f"gunicorn, {gunicorn_workers()} sync workers, loopback"
    result["details"]["load_average_before"] = load_before
    result["details"]["capacity"] = found.pop("capacity")
    return {**result, **found}
