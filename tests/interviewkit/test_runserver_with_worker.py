"""`manage.py runserver_with_worker` (what `make run` serves with): stopped by a signal, as when
its terminal is closed or it is killed, it stops its task worker and reminder job too."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[2]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    database = tmp_path_factory.mktemp("run") / "run.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return env


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_stops_the_worker_and_the_reminder_job_too(environment, signum):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver_with_worker", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    children = []
    try:
        started = server.stdout.readline()
        children = [int(pid) for pid in re.findall(r"pid (\d+)", started)]
        assert len(children) == 2, started
        deadline = time.monotonic() + 60
        while True:  # serving: the command is inside runserver now
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert all(alive(pid) for pid in children)

        server.send_signal(signum)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if alive(pid)], "left running after the stop"
    finally:
        for pid in [server.pid, *children]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        server.wait(timeout=10)
