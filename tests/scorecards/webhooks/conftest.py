"""The permission matrix's world (one of everything) for the webhook tests, without the
matrix's own endpoint and delivery, so each test counts only what it caused."""

import pytest

from tests.test_permission_matrix import fast_passwords, world  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def no_matrix_webhooks(world):  # noqa: F811
    world.webhook.delete()
    return world
