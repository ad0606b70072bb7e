"""Instructions per PDF render, counted by valgrind's callgrind: a figure of the code, not of the
machine.

The PDF bars in milliseconds and their ratios moved by a factor of 1.6 between machines of the
same kind with the same code (docs/performance.md); an instruction count does not move with the
machine's speed or load. `per_render(html)` runs this module under callgrind twice, in a process
that renders `html` once (its warm-up) and in one that renders it three times, and takes half
the difference: what one more warm render costs, without Python's and Django's start. The
process starts as a task worker does (stylesheet and fonts built, the loaded objects frozen
after the first render). The count still moves by about 1 % from one process to the next
(addresses differ, and so does what Python's hashing and collector do with them; a fixed
PYTHONHASHSEED does not settle it), so a change to the render reads in it when it is well over
1 %.

    python -m bench.instructions PACKET.html RENDERS   # the counted process, run by per_render
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.environment import PROJECT_DIR

VALGRIND = "valgrind"
COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")
EXTRA_RENDERS = 2


def collected(report: str) -> int:
    """The instruction count from callgrind's closing report (its stderr)."""
    found = COLLECTED.search(report)
    if found is None:
        raise RuntimeError(f"callgrind reported no count: {report[-500:]!r}")
    return int(found.group(1).replace(",", ""))


def count(html_path: Path, renders: int) -> int:
    """Instructions of a process that renders `html_path` `renders` times, the first its
    warm-up."""
    completed = subprocess.run(
        [
            VALGRIND,
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "bench.instructions",
            str(html_path),
            str(renders),
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "interviewkit.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the counted render failed: {completed.stderr[-2000:]}")
    return collected(completed.stderr)


def per_render(html: str) -> dict:
    """`instructions` per warm render of `html`, or `skipped` with the reason."""
    if shutil.which(VALGRIND) is None:
        return {"skipped": "valgrind is not installed"}
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as folder:
        path = Path(folder) / "packet.html"
        path.write_text(html, encoding="utf-8")
        one = count(path, 1)
        more = count(path, 1 + EXTRA_RENDERS)
    return {"instructions": round((more - one) / EXTRA_RENDERS), "counted": [one, more]}


def render_times(html_path: Path, renders: int) -> None:
    """The counted process: a worker's start, then `renders` renders, the first its warm-up."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewkit.settings")
    django.setup()
    from interviewkit.process_start import freeze_loaded_objects
    from scorecards.packets import pdf

    html = html_path.read_text(encoding="utf-8")
    pdf.warm_up()
    pdf.html_to_pdf(html)
    freeze_loaded_objects()
    for _ in range(renders - 1):
        pdf.html_to_pdf(html)


if __name__ == "__main__":
    render_times(Path(sys.argv[1]), int(sys.argv[2]))
