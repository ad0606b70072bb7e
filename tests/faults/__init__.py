"""Failure scenarios: what happens to what people typed, and to background work, when things
go wrong on purpose. One module per area; each test names its scenario.

Add a scenario: pick the module of its area (or start one), write the test so that it fails on
the code before the fix, and add a line below.

The scorecard page (test_scorecard_page.py; the browser side is
tests/browser/test_faults_scorecard_page.py, beside the browser fixtures it needs)
- a kit edited while an interview page is open: the save lands on the version the page showed;
- the scorecard already on another kit version: 409, every posted value handed back;
- re-importing an unused kit in place keeps its signals' ids (a ticked red flag survives);
- an expired session: autosave and submit answer 401 with a message, never a redirect; after
  logging in in another tab the same page saves (browser);
- offline, then the tab is closed: the browser's copy is offered back on the next visit with
  what differs (browser); leaving with anything unsaved asks first;
- the interview removed under an open page: "not saved", said plainly (unit and browser);
- the leave-page save with an old revision is merged into the newest one;
- two submits at once: no 500; a first autosave and the removal of the interview cannot both win;
- two different submits of one scorecard in two threads (test_concurrent_submits.py, real
  connections: tests/faults/concurrency.py): one submission whole, no 500; two first submits
  before any draft; the last two scorecards of a candidate at once (the managers told once);
- a 100,000-character paste is not cut, the page says it is too long (browser); a note with
  line breaks is counted as the user sees it (CRLF = one character).

Decisions (test_decisions.py)
- a manager deciding on a stale page is told who decided what meanwhile, their own choice and
  note kept; two managers deciding at once in two threads: one recorded, one told;
- history is ordered by the database clock: an app server an hour fast, or one frozen clock.

Background exports (test_export_workers.py, process level)
- a worker killed with SIGKILL mid-chunk: another worker picks the chunk up within the lease;
- a re-run chunk counts each candidate once; the job is done only when the ZIP holds every PDF
  that did not fail, failures listed in the ZIP and on the job;
- the database cut for a few seconds through a TCP proxy: the workers live on and finish;
- an unwritable staging or ZIP folder: the job is FAILED, visibly;
- `export_packets --background` and `export_job ID --format json`.

Imports (test_csv_import.py, hypothesis)
- every error names its line: a NUL byte, a cell over the csv module's limit (the reader's
  own count names the row before) or over its field's length; nothing written.
- the source `scorecard_id` is the re-import key, interviewers match case-insensitively and an
  unknown one is refused unless --create-users: tests/scorecards/test_csv_reimport.py, and the
  export → import → import property in tests/scorecards/test_csv_properties.py.

Operations (test_operations.py)
- errors of django.request reach stderr with DEBUG=0; database connect and statement timeouts;
- a dump and restore round-trips timestamps to the microsecond.
"""
