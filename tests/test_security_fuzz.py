"""Bad input on the pages of this area: forged ids, odd filters, oversized fields. Each gets a
clear answer (404, 400, an empty page) and changes nothing; never a server error."""

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from interviewkit import personas
from interviewkit.audit import events as audit
from scorecards.models import Candidate
from tests.factories import CandidateFactory, RoleFactory, UserFactory

FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEXT = st.text(max_size=300).filter(lambda s: "\x00" not in s)


@override_settings(PASSWORD_HASHERS=FAST)
class ForgedIdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.role = RoleFactory(title="Fuzz Role", slug="fuzz-role")
        cls.other_role = RoleFactory(title="Other Role", slug="other-role")
        cls.recruiter = UserFactory(username="fuzz_recruiter", persona=personas.RECRUITERS)
        cls.role.recruiters.add(cls.recruiter)
        cls.mine = CandidateFactory(role=cls.role)
        cls.theirs = CandidateFactory(role=cls.other_role, name="Theo Theirs")

    def log_in(self):
        # Hypothesis gives every example a fresh test client: log in inside the example.
        self.client.force_login(self.recruiter)

    @hypothesis_settings(max_examples=30, deadline=None)
    @given(pk=st.integers(min_value=1, max_value=2**62))
    def test_any_id_but_their_own_candidates_is_not_found(self, pk):
        self.log_in()
        for name in ["scorecards:privacy-erase", "scorecards:privacy-export"]:
            response = self.client.get(reverse(name, kwargs={"pk": pk}))
            expected = 200 if pk == self.mine.pk else 404
            self.assertEqual(response.status_code, expected, (name, pk))

    def test_another_roles_candidate_cannot_be_erased_by_a_forged_post(self):
        self.log_in()
        url = reverse("scorecards:privacy-erase", kwargs={"pk": self.theirs.pk})
        self.assertEqual(self.client.post(url, {"confirm": "erase"}).status_code, 404)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.name, "Theo Theirs")
        self.assertIsNone(self.theirs.erased_at)

    @hypothesis_settings(max_examples=30, deadline=None)
    @given(confirm=TEXT)
    def test_only_the_exact_confirmation_erases(self, confirm):
        self.log_in()
        url = reverse("scorecards:privacy-erase", kwargs={"pk": self.mine.pk})
        response = self.client.post(url, {"confirm": confirm})
        self.assertEqual(response.status_code, 302)
        erased = Candidate.objects.get(pk=self.mine.pk).erased_at is not None
        self.assertEqual(erased, confirm == "erase")
        if erased:
            Candidate.objects.filter(pk=self.mine.pk).update(erased_at=None)


@override_settings(PASSWORD_HASHERS=FAST)
class AuditFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.role = RoleFactory(title="Fuzz Role", slug="fuzz-role")
        cls.admin = UserFactory(username="fuzz_admin", is_superuser=True, is_staff=True)
        audit.record(cls.admin, "kit.edit", cls.role)

    def log_in(self):
        self.client.force_login(self.admin)

    @hypothesis_settings(max_examples=40, deadline=None)
    @given(action=TEXT, page=TEXT)
    def test_any_action_or_page_filter_answers_with_a_page(self, action, page):
        self.log_in()
        response = self.client.get(reverse("audit:event-list"), {"action": action, "page": page})
        self.assertEqual(response.status_code, 200)

    @hypothesis_settings(max_examples=30, deadline=None)
    @given(role=TEXT.filter(lambda s: s not in {"", "fuzz-role"}))
    def test_an_unknown_role_filter_is_not_found(self, role):
        self.log_in()
        response = self.client.get(reverse("audit:event-list"), {"role": role})
        self.assertEqual(response.status_code, 404)


@pytest.mark.parametrize("size", [10_000, 2_000_000])
def test_an_oversized_confirmation_field_changes_nothing(client, recruiter, candidate, size):
    client.force_login(recruiter)
    url = reverse("scorecards:privacy-erase", kwargs={"pk": candidate.pk})
    response = client.post(url, {"confirm": "erase" + "x" * size})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.erased_at is None


def test_a_form_with_too_many_fields_is_refused(client, recruiter, candidate, settings):
    client.force_login(recruiter)
    url = reverse("scorecards:privacy-erase", kwargs={"pk": candidate.pk})
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    data["confirm"] = "erase"
    assert client.post(url, data).status_code == 400
    candidate.refresh_from_db()
    assert candidate.erased_at is None


def test_a_stale_form_gets_the_styled_csrf_page(recruiter, candidate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    url = reverse("scorecards:privacy-erase", kwargs={"pk": candidate.pk})
    response = client.post(url, {"confirm": "erase"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.erased_at is None
