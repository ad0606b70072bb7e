"""The benchmarks' own checks: they start processes or drive concurrent clients, so they run
with `make bench` (and once in CI as `make bench-check`), not in `make test`."""

import os

# The load client logs in through Django's live server from threads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
