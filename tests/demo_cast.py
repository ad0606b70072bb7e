"""The demo's people and candidates, read from its own constants (interviewkit/demo_users.py,
scorecards/demo/data.py), for the tests that run on the demo data: a renamed demo person or
candidate changes nothing here."""

from interviewkit import personas
from interviewkit.demo_users import DEMO_USERS
from scorecards.demo import data

USERS = {user.username: user for user in DEMO_USERS}


def username_of(group: str) -> str:
    """The demo login of a persona group (the demo has one hiring manager, one recruiter)."""
    [username] = [user.username for user in DEMO_USERS if user.group == group]
    return username


def full_name(username: str) -> str:
    return f"{USERS[username].first_name} {USERS[username].last_name}"


HIRING_MANAGER = username_of(personas.HIRING_MANAGERS)
RECRUITER = username_of(personas.RECRUITERS)
# The calibration history's lenient and severe raters, and those in line with the panel.
RUNS_HOT = max(data.LENIENCY, key=data.LENIENCY.get)
RUNS_COLD = min(data.LENIENCY, key=data.LENIENCY.get)
IN_LINE = [username for username, lean in data.LENIENCY.items() if lean == 0]
# The Staff loop's interviewers by exercise: design, incident, hands-on, behavioral.
DESIGN, INCIDENT, HANDS_ON, BEHAVIORAL = data.STAFF_PANEL
# The Staff candidates by the state the demo builds them in.
_NAMED = {builder: name for name, builder in data.STAFF_CANDIDATES}
FULLY_SCORED = _NAMED[data._fully_scored]
RED_FLAG_SPLIT = _NAMED[data._red_flag_split]
SOME_SUBMITTED = _NAMED[data._some_submitted]
DRAFTS = _NAMED[data._drafts]
LOOP_PLANNED = _NAMED[data._loop_planned]
JUST_ADDED = _NAMED[None]
