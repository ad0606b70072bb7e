"""The permission matrix's world (one of everything, tests/conftest.py) for the webhook tests,
without the matrix's own endpoint and delivery, so each test counts only what it caused."""

import pytest


@pytest.fixture(autouse=True)
def no_matrix_webhooks(world):
    world.webhook.delete()
    return world
