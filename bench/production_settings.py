"""The app's settings as production runs them, for the benchmarks' gunicorn and task workers.

Only one thing differs: the collected static files go to `BENCH_STATIC_ROOT` (a temporary
folder), so that a benchmark never writes into the project's `staticfiles/`. Everything else
(DEBUG off, the plain-HTTP switches for loopback) comes from the environment that
`bench.production.production_env` builds.
"""

import os
from pathlib import Path

from interviewkit.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
