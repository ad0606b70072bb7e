"""Single sign-on with OpenID Connect (mozilla-django-oidc), on when OIDC_CLIENT_ID is set.

config: the environment values; provider: the provider's endpoints; backend: who may sign in
and with which personas; services: the account and persona writes; views: the login, logout,
start, callback and refusal pages.
"""
