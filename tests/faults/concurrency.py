"""Two requests at once, in two threads with a database connection each.

`Race.run` starts the calls together; a call marks the point past its reads with
`race.write_now()`, which waits there until every call has reached its own (so that both
have read what they will write over). On PostgreSQL the calls then really write at once and
the database's row locks decide. SQLite's in-memory test database (shared cache) answers
"database table is locked" at once where a SQLite deployment's file database, in IMMEDIATE
transaction mode with a lock timeout, makes the second writer wait: there the calls take
turns from that point on, which is what that wait amounts to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


class Race:
    def __init__(self, parties: int = 2, *, timeout: float = 60) -> None:
        self.timeout = timeout
        self._at_writes = threading.Barrier(parties, timeout=timeout)
        self._turn = threading.Lock() if connection.vendor == "sqlite" else None
        self._local = threading.local()

    def write_now(self) -> None:
        """Called by a racing call once it has read: wait for the others, then write."""
        self._at_writes.wait()
        if self._turn is not None:
            self._turn.acquire()
            self._local.holds_turn = True

    def run(self, *calls: Callable[[], object]) -> list[object]:
        """Each call in its own thread; the results (or the exception each raised), in order."""
        results: list[object] = [None] * len(calls)

        def run_one(index: int, call: Callable[[], object]) -> None:
            try:
                results[index] = call()
            except BaseException as exc:  # noqa: BLE001 - handed to the test to assert on
                results[index] = exc
            finally:
                connection.close()
                if getattr(self._local, "holds_turn", False):
                    self._local.holds_turn = False
                    self._turn.release()

        threads = [threading.Thread(target=run_one, args=(i, call)) for i, call in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=self.timeout)
        return results
