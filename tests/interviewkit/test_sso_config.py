"""Single sign-on settings: the environment values, their mistakes, and the group mapping."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from interviewkit import personas
from interviewkit.sso.config import PERSONA_KEYS, from_environment, parse_group_map, personas_for
from interviewkit.sso.services import PERSONA_GROUPS

CONFIGURED = {
    "OIDC_CLIENT_ID": "interviewkit",
    "OIDC_CLIENT_SECRET": "s3cret",
    "OIDC_ISSUER": "https://idp.example.com/realms/acme",
    "OIDC_GROUP_MAP": "hiring-managers=hiring_manager,recruiters=recruiter",
}


def test_the_group_map_reads_pairs_and_lets_a_group_grant_two_personas():
    mapping = parse_group_map(
        " hiring-managers=hiring_manager, leads=Hiring-Manager,leads=interviewer,,"
    )
    assert mapping == {
        "hiring-managers": frozenset({"hiring_manager"}),
        "leads": frozenset({"hiring_manager", "interviewer"}),
    }


def test_a_group_name_may_hold_an_equals_sign_the_persona_comes_after_the_last_one():
    assert parse_group_map("cn=Recruiters=recruiter") == {"cn=Recruiters": frozenset({"recruiter"})}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("recruiters", "item 1 ('recruiters') is not of the form idp-group=persona"),
        ("a=recruiter,=admin", "item 2 ('=admin') is not of the form idp-group=persona"),
        ("a=recruiter,b=boss", "item 2 ('b=boss') names the persona 'boss'; use one of"),
    ],
)
def test_a_bad_group_map_says_which_item_is_wrong(raw, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_group_map(raw)


def test_every_persona_of_the_app_can_be_granted_and_nothing_else():
    assert set(PERSONA_GROUPS) == set(PERSONA_KEYS)
    assert set(PERSONA_GROUPS.values()) == set(personas.ALL)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (["recruiters", "staff"], {"recruiter"}),
        (["staff"], set()),
        ("hiring-managers", {"hiring_manager"}),
        (None, set()),
        ({"recruiters": True}, set()),
        ([["recruiters"], 7], set()),
    ],
)
def test_the_groups_claim_grants_the_mapped_personas(claim, expected):
    mapping = parse_group_map(CONFIGURED["OIDC_GROUP_MAP"])
    assert personas_for(claim, mapping) == expected


def test_nothing_set_means_no_single_sign_on():
    assert from_environment({}) is None
    assert from_environment({"OIDC_ISSUER": "https://idp.example.com"}) is None


def test_the_issuer_gives_the_discovery_url_and_defaults_fill_the_rest():
    sso = from_environment(CONFIGURED)
    assert (
        sso.discovery_url == "https://idp.example.com/realms/acme/.well-known/openid-configuration"
    )
    assert sso.endpoints == {"issuer": "https://idp.example.com/realms/acme"}
    assert sso.provider_name == "single sign-on"
    assert sso.scopes == "openid email profile"
    assert sso.groups_claim == "groups"
    assert sso.allowed_email_domains == frozenset()


def test_a_discovery_url_endpoints_and_email_domains_can_be_given():
    sso = from_environment(
        {
            **CONFIGURED,
            "OIDC_PROVIDER_NAME": "Okta",
            "OIDC_DISCOVERY_URL": "https://acme.okta.com/.well-known/openid-configuration",
            "OIDC_END_SESSION_ENDPOINT": "https://acme.okta.com/oauth2/v1/logout",
            "OIDC_GROUPS_CLAIM": "roles",
            "OIDC_ALLOWED_EMAIL_DOMAINS": "acme.com, @Acme.co.uk",
        }
    )
    assert sso.provider_name == "Okta"
    assert sso.discovery_url == "https://acme.okta.com/.well-known/openid-configuration"
    assert sso.endpoints["end_session_endpoint"] == "https://acme.okta.com/oauth2/v1/logout"
    assert sso.groups_claim == "roles"
    assert sso.allowed_email_domains == {"acme.com", "acme.co.uk"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"OIDC_CLIENT_SECRET": ""}, "OIDC_CLIENT_SECRET is not"),
        ({"OIDC_GROUP_MAP": ""}, "OIDC_GROUP_MAP is not"),
        ({"OIDC_ISSUER": ""}, "needs OIDC_DISCOVERY_URL"),
        ({"OIDC_ISSUER": "idp.example.com"}, "OIDC_ISSUER='idp.example.com' is not an http"),
        ({"OIDC_GROUP_MAP": ",,"}, "maps no group to a persona"),
        ({"OIDC_TIMEOUT_SECONDS": "soon"}, "OIDC_TIMEOUT_SECONDS='soon' is not an integer"),
    ],
)
def test_an_incomplete_configuration_names_what_is_missing(change, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        from_environment({**CONFIGURED, **change})


def test_the_settings_add_the_sso_backend_and_local_login_0_keeps_superusers_only(
    settings_in_new_process,
):
    plain = settings_in_new_process({}, "AUTHENTICATION_BACKENDS")
    assert "OidcBackend" not in plain.stdout, plain.stderr
    on = settings_in_new_process({**CONFIGURED, "LOCAL_LOGIN": "0"}, "AUTHENTICATION_BACKENDS")
    assert "interviewkit.sso.backend.OidcBackend" in on.stdout, on.stderr
    assert "interviewkit.auth_backend.SuperuserOnlyModelBackend" in on.stdout
    assert "ModelBackendWithProfile" not in on.stdout


def test_the_settings_refuse_a_bad_group_map_and_local_login_0_without_sso(settings_in_new_process):
    bad = settings_in_new_process(
        {**CONFIGURED, "OIDC_GROUP_MAP": "recruiters=hr"}, "AUTHENTICATION_BACKENDS"
    )
    assert bad.returncode != 0
    assert "names the persona 'hr'" in bad.stderr
    alone = settings_in_new_process({"LOCAL_LOGIN": "0"}, "AUTHENTICATION_BACKENDS")
    assert alone.returncode != 0
    assert "LOCAL_LOGIN=0 needs single sign-on" in alone.stderr
