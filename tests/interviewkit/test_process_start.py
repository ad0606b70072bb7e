"""A long-running process freezes what it loaded (interviewkit.process_start): the garbage
collector's full rounds leave those objects out, and what is made later is collected as ever."""

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from interviewkit.process_start import freeze_loaded_objects

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def unfrozen():
    """The test process as it was: nothing frozen before or after."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the collector frees it


def test_what_is_alive_is_frozen_and_later_garbage_still_collected(unfrozen):
    loaded = Node()
    frozen = freeze_loaded_objects()
    # Nothing is frozen later; a frozen object freed by its last reference leaves the count
    # (seen in CI: one fewer by the next line).
    assert frozen > 1000 and frozen - 100 <= gc.get_freeze_count() <= frozen
    assert not any(o is loaded for o in gc.get_objects())  # out of the collector's rounds
    later = weakref.ref(Node())  # dropped at once, left to the collector
    assert later() is not None
    gc.collect()
    assert later() is None


def test_the_task_worker_builds_the_pdf_resources_and_freezes_before_its_first_task(unfrozen):
    from scorecards.packets import pdf
    from scorecards.task_worker import ready_to_work

    with pdf._lock:
        pdf._cache.clear()
    ready_to_work()
    assert "css" in pdf._cache and "fonts" in pdf._cache
    assert gc.get_freeze_count() > 1000


def test_an_app_server_process_freezes_once_the_wsgi_app_is_loaded():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "interviewkit.settings"}
    out = subprocess.run(
        [sys.executable, "-c", "import gc, interviewkit.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert int(out.stdout.split()[-1]) > 10000
