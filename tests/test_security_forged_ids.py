"""Forged ids on every URL of the permission matrix: any id or slug in the URL, as any
logged-in persona, gets a clear refusal (404 for what does not exist or is not theirs), never a
server error, and a POST with a forged id changes nothing."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from interviewkit.models import AuditEvent
from tests.test_permission_matrix import MATRIX, PERSONAS, url_name_of

WITH_ARGUMENTS = sorted(name for name, row in MATRIX.items() if row.kwargs)
FAKE = {
    "pk": st.integers(min_value=10_000, max_value=2**62),
    "number": st.integers(min_value=10_000, max_value=2**31),
    "slug": st.from_regex(r"[a-z0-9][a-z0-9-]{0,40}", fullmatch=True).map(lambda s: f"x-{s}"),
}


# Pages a persona may not open at all (admin-only pages: 403 for everyone else, whatever the id)
# say nothing about ids; every other persona must get 404 for a forged one.
CASES = [
    (name, persona)
    for name in WITH_ARGUMENTS
    for persona in ("interviewer", "hiring_manager", "recruiter", "admin")
    if MATRIX[name].expect[PERSONAS.index(persona)] != 403
]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_a_forged_id_is_not_found(client, world, name, persona):
    row = MATRIX[name]
    client.force_login(world.users[persona])
    real = row.kwargs(world)
    before = AuditEvent.objects.count()

    @hypothesis_settings(
        max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(forged=st.fixed_dictionaries({key: FAKE[key] for key in real}))
    def check(forged):
        url = reverse(url_name_of(name), kwargs=forged)
        response = getattr(client, row.method)(url)
        assert response.status_code == 404, f"{persona} {row.method.upper()} {url}"

    check()
    # Nothing was recorded, so nothing was done (and no denial: nothing was there to deny).
    assert AuditEvent.objects.count() == before
