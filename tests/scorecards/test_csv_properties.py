"""Properties of the ratings CSV (hypothesis): whatever the scorecards hold, export → import
gives the same scorecards back, keyed by their source id, and importing the file again, or the
re-export of what was imported, creates and changes nothing."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewkit.models import Dimension, Exercise
from scorecards.exports.csv_io import ratings_csv_lines, scorecards_csv_read
from scorecards.models import Candidate, Rating, Scorecard
from scorecards.services.imports import scorecards_import
from tests.factories import CandidateFactory, InterviewFactory, ScorecardFactory
from tests.scorecards.export_fixtures import interviewer_named

pytestmark = pytest.mark.django_db

BASE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

# Evidence as the app stores it (stripped), with what breaks naive CSV and spreadsheets:
# commas, quotes, line breaks, formula starts, apostrophes, accents.
evidence = st.text(
    alphabet=st.sampled_from(list("ab Z9,\"'\n=+-@é–")), min_size=0, max_size=30
).map(str.strip)
rating = st.tuples(st.sampled_from([None, 1, 2, 3, 4]), evidence).map(
    lambda r: (r[0], r[1] or ("Seen." if r[0] in (1, 4) else ""))
)
scorecard = st.fixed_dictionaries(
    {
        "candidate": st.integers(min_value=0, max_value=2),
        "interviewer": st.sampled_from(["ann", "Bob.Smith", "carol@example.com"]),
        "exercise": st.sampled_from(["System design", "Behavioral"]),
        "recommendation": st.sampled_from(["strong-no", "no", "yes", "strong-yes"]),
        # Few distinct moments, with microseconds: scorecards often share one.
        "moment": st.integers(min_value=0, max_value=3).map(
            lambda n: BASE + timedelta(seconds=n, microseconds=n * 1001)
        ),
        "ratings": st.dictionaries(
            st.integers(min_value=0, max_value=3), rating, min_size=1, max_size=4
        ),
    }
)


def build(role, cards: list[dict]) -> None:
    """The generated scorecards, submitted, as the app stores them."""
    kit = role.current_kit()
    dimensions = list(Dimension.objects.filter(kit=kit).order_by("position"))
    candidates = [
        CandidateFactory(role=role, name=f"Cand {i} =x", email=f"cand{i}@example.com")
        for i in range(3)
    ]
    users = {}
    for card in cards:
        name = card["interviewer"]
        users[name] = users.get(name) or interviewer_named(name)
        interview = InterviewFactory(
            candidate=candidates[card["candidate"]],
            interviewer=users[name],
            exercise=Exercise.objects.get(kit=kit, name=card["exercise"]),
            title=card["exercise"],
        )
        stored = ScorecardFactory(
            interview=interview,
            kit=kit,
            status=Scorecard.Status.SUBMITTED,
            recommendation=card["recommendation"],
            submitted_at=card["moment"],
        )
        Rating.objects.bulk_create(
            Rating(scorecard=stored, dimension=dimensions[i], value=value, evidence=text)
            for i, (value, text) in card["ratings"].items()
        )


def export_rows(role, *, key=lambda row: row["scorecard_id"]) -> list[tuple]:
    """The exported rows without the order they came in, each scorecard named by `key`."""
    rows = csv.DictReader(io.StringIO("".join(ratings_csv_lines(role))))
    return sorted(
        tuple((name, key(row) if name == "scorecard_id" else value) for name, value in row.items())
        for row in rows
    )


def state() -> list[tuple]:
    return sorted(
        Scorecard.objects.values_list(
            "pk", "source_scorecard_id", "recommendation", "submitted_at", "revision"
        )
    ) + sorted(Rating.objects.values_list("scorecard_id", "dimension_id", "value", "evidence"))


def do_import(text: str):
    return scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cards=st.lists(scorecard, min_size=1, max_size=6))
def test_export_import_import_round_trips(role, cards):
    with transaction.atomic():
        build(role, cards)
        original = export_rows(role)
        text = "".join(ratings_csv_lines(role))
        Candidate.objects.filter(role=role).delete()

        first = do_import(text)

        assert (first.scorecards, first.duplicates) == (len(cards), 0)
        source_of = dict(Scorecard.objects.values_list("pk", "source_scorecard_id"))
        assert export_rows(role, key=lambda row: source_of[int(row["scorecard_id"])]) == original

        before = state()
        again = do_import(text)
        assert (again.scorecards, again.candidates, again.interviewers) == (0, 0, 0)
        assert again.duplicates == len(cards)
        assert state() == before

        # The re-export of what was imported names each scorecard by its id here: importing it
        # into this same database finds every one of them present.
        reexport = do_import("".join(ratings_csv_lines(role)))
        assert (reexport.scorecards, reexport.duplicates) == (0, len(cards))
        assert state() == before
        transaction.set_rollback(True)
