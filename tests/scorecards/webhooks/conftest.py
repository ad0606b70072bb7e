"""The permission matrix's world (one of everything) for the webhook tests."""

from tests.test_permission_matrix import fast_passwords, world  # noqa: F401 (fixtures)
