"""Django's ModelBackend, loading each request's user with their profile in the same query.

The time-zone middleware reads `request.user.profile` on every request; joining it here keeps
that free instead of one more query per page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ModelBackendWithProfile(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class SuperuserOnlyModelBackend(ModelBackendWithProfile):
    """Password logins for superusers only: the break-glass account while LOCAL_LOGIN=0 leaves
    everyone else to single sign-on. Sessions of other local logins end (their backend is gone)."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and user.is_superuser
