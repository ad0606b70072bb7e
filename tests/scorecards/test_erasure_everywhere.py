"""After erasure, the candidate's names and emails (today's and earlier ones) are nowhere: not
in any text column of any table of the database, not in any file under MEDIA_ROOT."""

import tempfile
from pathlib import Path

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interviewkit import personas
from interviewkit.audit import events as audit
from scorecards.models import Candidate
from scorecards.services.privacy import candidate_erase
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    InterviewFactory,
    RoleFactory,
    ScorecardFactory,
    UserFactory,
    make_kit,
)
from tests.scorecards.export_fixtures import finished_export_job

# Distinctive, so finding it later cannot be a coincidence with other text.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=5, max_size=12)
TEXT_TYPES = ("char", "text", "json", "clob", "string")


def every_text_value() -> list[tuple[str, str, str]]:
    """(table, column, value) of every non-empty text value in the whole database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_table_description(cursor, table)
            for column in columns:
                type_name = connection.introspection.get_field_type(column.type_code, column)
                if not any(t in type_name.lower() for t in TEXT_TYPES):
                    continue
                name = connection.ops.quote_name(column.name)
                cursor.execute(f"SELECT {name} FROM {connection.ops.quote_name(table)}")
                found += [(table, column.name, str(v)) for (v,) in cursor.fetchall() if v]
    return found


def every_file_text(root: Path) -> list[tuple[str, str]]:
    return [
        (str(path), path.read_bytes().decode("utf-8", "replace"))
        for path in root.rglob("*")
        if path.is_file()
    ]


class ErasureLeavesNothingTest(TestCase):
    @hypothesis_settings(max_examples=8, deadline=None)
    @given(first=WORD, last=WORD, old_last=WORD)
    def test_no_name_or_email_survives_anywhere(self, first, last, old_last):
        with self.settings(MEDIA_ROOT=self.media):
            self.check(first, last, old_last)

    def setUp(self):
        self.media = Path(tempfile.mkdtemp())

    def check(self, first: str, last: str, old_last: str) -> None:
        role = RoleFactory(title="Role", slug=f"role-{Candidate.objects.count()}")
        kit = make_kit(role=role)
        recruiter = UserFactory(persona=personas.RECRUITERS)
        admin_user = UserFactory(is_staff=True, is_superuser=True)
        old_name, old_email = f"Xq {first} {old_last}", f"{first}.{old_last}@old-example.com"
        name, email = f"Xq {first} {last}", f"{first}.{last}@example.com"
        candidate = CandidateFactory(role=role, name=old_name, email=old_email)
        audit.record(recruiter, "candidate.add", candidate)
        interview = InterviewFactory(candidate=candidate, interviewer=recruiter, title="Design")
        audit.record(recruiter, "interview.add", interview)
        LogEntry.objects.log_actions(
            user_id=admin_user.pk, queryset=[candidate], action_flag=CHANGE, change_message="x"
        )
        # The candidate changes their name and email (as a correction would).
        Candidate.objects.filter(pk=candidate.pk).update(name=name, email=email)
        candidate.refresh_from_db()
        audit.record(recruiter, "candidate.view", candidate)
        scorecard = ScorecardFactory(
            interview=interview,
            kit=kit,
            submitted=True,
            takeaways=f"{name} did well",
        )
        audit.record(recruiter, "scorecard.submit", scorecard)
        decision = DecisionFactory(candidate=candidate, decided_by=admin_user, rationale=name)
        audit.record(admin_user, "decision.record", decision)
        finished_export_job(candidate, by=recruiter, archive=f"PDF of {name}".encode())

        candidate_erase(candidate=candidate, by=recruiter)

        secrets = {old_name, old_email, name, email, f"{first} {old_last}", f"{first} {last}"}
        leaks = [
            (table, column)
            for table, column, value in every_text_value()
            for secret in secrets
            if secret in value
        ]
        leaks += [
            (path, "file")
            for path, text in every_file_text(self.media)
            for secret in secrets
            if secret in text
        ]
        assert not leaks, leaks
