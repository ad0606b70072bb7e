"""The login and logout pages (password and single sign-on) and the code flow's own pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from mozilla_django_oidc import views as oidc_views

from interviewkit.audit import events as audit
from interviewkit.sso import provider
from interviewkit.sso.backend import REFUSAL_SESSION_KEY


class PasswordLoginForm(AuthenticationForm):
    def get_invalid_login_error(self):
        if settings.LOCAL_LOGIN or not provider.enabled():
            return super().get_invalid_login_error()
        return ValidationError(
            "Password login is turned off here except for the break-glass administrator "
            f"account. Sign in with {provider.config().provider_name} instead.",
            code="invalid_login",
        )


class LoginView(auth_views.LoginView):
    """Django's login page, offering "Sign in with <provider>" when single sign-on is on."""

    form_class = PasswordLoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_provider_name"] = provider.config().provider_name if provider.enabled() else ""
        context["local_login"] = settings.LOCAL_LOGIN
        return context


class LogoutView(auth_views.LogoutView):
    """Django's logout, then, after single sign-on, the provider's end_session page where it has
    one (which sends the browser back to the login page)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token") if provider.enabled() else None
        response = super().post(request, *args, **kwargs)
        if not id_token:
            return response
        login_url = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
        url = provider.end_session_url(id_token=id_token, post_logout_redirect_uri=login_url)
        if url is None:
            return response
        # A page that moves on at once rather than a redirect: the Content-Security-Policy's
        # form-action would stop the logout form's redirect to another origin.
        return render(
            request,
            "registration/sso_logged_out.html",
            {"end_session_url": url, "provider_name": provider.config().provider_name},
        )


def _require_sso() -> None:
    if not provider.enabled():
        raise Http404("Single sign-on is not configured")


def _unavailable(request: HttpRequest, error: provider.ProviderUnavailable) -> HttpResponse:
    audit.record_for(
        None,
        request,
        "sso.refused",
        detail={"provider": provider.config().provider_name, "reason": "provider_unavailable"},
    )
    return render(
        request,
        "registration/sso_refused.html",
        {"message": str(error), "provider_name": provider.config().provider_name},
        status=502,
    )


class StartView(oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider's authorization endpoint (with state, nonce, PKCE)."""

    get_settings = staticmethod(provider.library_setting)

    def __init__(self, **kwargs):
        # The endpoint is read per request (it may need the discovery document).
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        _require_sso()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.metadata()["authorization_endpoint"]
        except provider.ProviderUnavailable as error:
            return _unavailable(request, error)
        self.OIDC_RP_CLIENT_ID = provider.config().client_id
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the backend signs the person in or refuses."""

    get_settings = staticmethod(provider.library_setting)

    def get(self, request):
        _require_sso()
        if request.GET.get("error"):
            # The provider refused (or the person cancelled) before any code was issued.
            error = request.GET["error"][:100]
            audit.record_for(
                None,
                request,
                "sso.refused",
                detail={"provider": provider.config().provider_name, "reason": error},
            )
            request.session[REFUSAL_SESSION_KEY] = (
                f"{provider.config().provider_name} did not sign you in ({error})."
            )
        return super().get(request)

    def login_failure(self):
        return HttpResponseRedirect(reverse("sso:refused"))


@require_safe
def refused(request: HttpRequest) -> HttpResponse:
    _require_sso()
    message = request.session.pop(REFUSAL_SESSION_KEY, "") or (
        "The sign-in could not be completed. Start again from the login page."
    )
    return render(
        request,
        "registration/sso_refused.html",
        {"message": message, "provider_name": provider.config().provider_name},
        status=403,
    )
