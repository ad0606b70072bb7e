"""Properties of erasure: whatever was written about a candidate, none of it survives in the
data held about them; the ratings do."""

import json

from django.test import override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interviewkit import personas
from interviewkit.audit import events as audit
from scorecards.models import Scorecard
from scorecards.services.privacy import (
    FREE_TEXT_KEYS,
    candidate_data_export,
    candidate_erase,
    scrub_free_text,
)
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    InterviewFactory,
    ObservedSignalFactory,
    RatingFactory,
    RoleFactory,
    ScorecardFactory,
    UserFactory,
    make_kit,
)

# Distinctive text, so finding it later cannot be a coincidence with the page's own words.
SECRET = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=6, max_size=80
).map(lambda s: f"«{s}»")

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(sorted(FREE_TEXT_KEYS) + ["value", "dimension"]), children
        )
    ),
    max_leaves=20,
)


def strings_under_free_text_keys(value) -> list[str]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in FREE_TEXT_KEYS and isinstance(item, str) and item:
                found.append(item)
            found += strings_under_free_text_keys(item)
    elif isinstance(value, list):
        for item in value:
            found += strings_under_free_text_keys(item)
    return found


@given(JSON)
def test_scrubbing_empties_every_free_text_and_keeps_the_shape(value):
    scrubbed = scrub_free_text(value)
    assert strings_under_free_text_keys(scrubbed) == []
    assert json.dumps(scrub_free_text(scrubbed)) == json.dumps(scrubbed)
    if not isinstance(value, dict | list):
        assert scrubbed == value


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class ErasureLeavesNothingTests(TestCase):
    @hypothesis_settings(max_examples=15, deadline=None)
    @given(
        name=SECRET,
        takeaways=SECRET,
        evidence=SECRET,
        note=SECRET,
        rationale=SECRET,
        reason=SECRET,
        values=st.lists(st.integers(min_value=1, max_value=4), min_size=4, max_size=4),
    )
    def test_no_written_word_survives_and_the_ratings_do(
        self, name, takeaways, evidence, note, rationale, reason, values
    ):
        role = RoleFactory()
        kit = make_kit(role=role)
        recruiter = UserFactory(persona=personas.RECRUITERS)
        candidate = CandidateFactory(role=role, name=name)
        scorecard = ScorecardFactory(
            interview=InterviewFactory(candidate=candidate),
            kit=kit,
            status=Scorecard.Status.SUBMITTED,
            submitted_at=timezone.now(),
            recommendation="no",
            takeaways=takeaways,
        )
        for dim, value in zip(kit.dimensions.all(), values, strict=True):
            RatingFactory(scorecard=scorecard, dimension=dim, value=value, evidence=evidence)
        ObservedSignalFactory(scorecard=scorecard, signal=kit.signals.first(), note=note)
        scorecard.revisions.create(
            number=1, snapshot={"takeaways": takeaways, "ratings": []}, reason=reason
        )
        DecisionFactory(candidate=candidate, rationale=rationale)
        audit.record(recruiter, "scorecard.amend", scorecard, detail={"reason": reason})

        candidate_erase(candidate=candidate, by=recruiter)

        held = json.dumps(
            candidate_data_export(candidate=candidate, by=recruiter), ensure_ascii=False
        )
        log = json.dumps(
            [[e.object_repr, e.detail] for e in candidate.role.audit_events.all()],
            ensure_ascii=False,
        )
        for secret in (name, takeaways, evidence, note, rationale, reason):
            self.assertNotIn(secret, held)
            self.assertNotIn(secret, log)
        kept = sorted(scorecard.ratings.values_list("value", flat=True))
        self.assertEqual(kept, sorted(values))
