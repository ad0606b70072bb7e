"""Calibration pages: who may see them, what they say, and their fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scorecards.services.role_fits import role_fit_refresh
from tests.factories import RoleFactory, make_kit
from tests.scorecards.calibration_fixtures import history

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("scorecards:calibration")
ME = reverse("scorecards:calibration-me")
METHODS = reverse("scorecards:calibration-methods")


def role_url(role):
    return reverse("scorecards:calibration-role", args=[role.slug])


@pytest.fixture
def panel(role):
    made = history(role)
    role_fit_refresh(role=role)  # what the worker does after the scorecards are submitted
    return made


# --- who may see what ------------------------------------------------------------------------


def test_a_refusal_is_in_the_audit_log(client, recruiter, role):
    from interviewkit.models import AuditEvent

    client.force_login(recruiter)
    assert client.get(role_url(role)).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor=recruiter).exists()


def test_the_overview_covers_only_the_managers_roles(client, hiring_manager, panel):
    other = RoleFactory(title="Hidden Role", slug="hidden-role")
    make_kit(role=other)
    history(other, usernames=("zed", "yan", "xia"), candidates=2)
    client.force_login(hiring_manager)
    html = client.get(OVERVIEW).content.decode()
    assert "Staff Platform Engineer" in html
    assert "Hidden Role" not in html
    assert "Zed Rater" not in html


def test_everyone_logged_in_reads_the_methods(client, outsider):
    client.force_login(outsider)
    response = client.get(METHODS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Krippendorff" in html
    # The calibrated view as it is worked out (the packet links to this anchor).
    assert '<dt id="calibrated">Calibrated view</dt>' in html
    assert "cumulative-logit" in html and "not a plain subtraction" in html


def test_the_pages_refuse_post(client, hiring_manager, role):
    client.force_login(hiring_manager)
    assert client.post(role_url(role)).status_code == 405


# --- what they say ---------------------------------------------------------------------------


def test_the_role_page_finds_the_interviewer_who_runs_hot(client, hiring_manager, panel, role):
    client.force_login(hiring_manager)
    response = client.get(role_url(role))
    rows = {row.name: row for row in response.context["rows"]}
    hot = rows["Hot Rater"].leniency
    # The joint fit: one point above the two others is +2/3 against the role's typical
    # interviewer (the three's mean), shrunk a little.
    assert hot.mean == pytest.approx(2 / 3, abs=0.02) and hot.n == 48 and hot.flag == "hot"
    # With three interviewers the typical one is itself uncertain (is one lenient, or are two
    # severe?): the range counts it, so only the one apart from the others is flagged.
    assert rows["Steady Rater"].leniency.mean < 0 and rows["Steady Rater"].leniency.flag is None
    assert response.context["rows"][0].name == "Hot Rater"  # hottest first
    html = response.content.decode()
    assert "+0.6" in html
    assert "Runs hot: rates above the role&#x27;s typical interviewer" in html
    assert "the role&#x27;s typical interviewer: all of the role&#x27;s interviewers" in html
    assert "Figures last fitted" in html and "UTC" in html
    assert "5 hours" in html  # median time from interview to submission


def test_the_role_page_shows_agreement_with_a_range_and_components_per_dimension(
    client, hiring_manager, panel, role
):
    client.force_login(hiring_manager)
    response = client.get(role_url(role))
    overall = response.context["overall"]
    assert overall.alpha is not None and overall.low <= overall.alpha <= overall.high
    assert (overall.candidates, overall.ratings, overall.units) == (12, 144, 48)
    assert overall.level == "unlabelled"  # 48 units: a figure and a range, no label
    names = [row.name for row in response.context["dimensions"]]
    assert names == ["Dimension 1", "Dimension 2", "Dimension 3", "Dimension 4"]
    assert all(row.true_variance is not None for row in response.context["dimensions"])
    html = response.content.decode()
    assert f"α = {overall.alpha:.2f}" in html and "No label yet" in html
    assert "How these figures are worked out" in html


def test_too_little_data_says_not_enough_data_and_flags_nobody(client, hiring_manager, role):
    history(role, candidates=2)  # 8 units: under alpha's minimum of 10
    role_fit_refresh(role=role)
    client.force_login(hiring_manager)
    response = client.get(role_url(role))
    html = response.content.decode()
    assert response.context["overall"].alpha is None
    assert "only 8 candidate-dimension pairs" in html
    for row in response.context["dimensions"]:
        assert row.agreement.alpha is None
    assert all(row.leniency.flag is None for row in response.context["rows"])
    assert "Runs hot: rates" not in html


def test_before_the_first_fit_the_role_page_says_so(client, hiring_manager, role):
    history(role, candidates=3)
    client.force_login(hiring_manager)
    html = client.get(role_url(role)).content.decode()
    assert "not fitted yet" in html


def test_a_role_without_scorecards_says_so(client, hiring_manager, role):
    role_fit_refresh(role=role)
    client.force_login(hiring_manager)
    html = client.get(role_url(role)).content.decode()
    assert "No submitted scorecards yet." in html
    assert "no ratings yet" in html


def test_an_interviewer_sees_only_their_own_row(client, panel, role):
    client.force_login(panel["users"]["hot"])
    response = client.get(ME)
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row.name == "Hot Rater"
    html = response.content.decode()
    assert "Steady Rater" not in html and "Even Rater" not in html
    # The role model's fitted figure (+2/3 against the role's typical interviewer, shrunk a
    # little), all roles together and in the role's own line.
    assert row.leniency.mean == pytest.approx(2 / 3, abs=0.02) and row.leniency.flag == "hot"
    assert "+0.6" in html
    [(their_role, lenient)] = response.context["per_role"]
    assert their_role == role and lenient.mean == row.leniency.mean


def test_every_page_shows_the_leniency_the_role_model_fitted(client, hiring_manager, panel, role):
    client.force_login(hiring_manager)
    on_role_page = {
        row.name: row.leniency.mean for row in client.get(role_url(role)).context["rows"]
    }
    on_overview = {row.name: row.leniency.mean for row in client.get(OVERVIEW).context["rows"]}
    assert on_overview == on_role_page
    client.force_login(panel["users"]["hot"])
    [mine] = client.get(ME).context["rows"]
    assert mine.leniency.mean == on_role_page["Hot Rater"]


def test_before_the_first_fit_the_overview_has_nothing_to_compare(client, hiring_manager, role):
    history(role)
    client.force_login(hiring_manager)
    response = client.get(OVERVIEW)
    assert not any(row.leniency.reported for row in response.context["rows"])
    assert "Nothing to compare yet" in response.content.decode()


def test_an_interviewer_without_scorecards_is_told_so(client, outsider):
    client.force_login(outsider)
    assert "You have no submitted scorecards yet." in client.get(ME).content.decode()


def test_the_nav_links_managers_to_calibration_and_interviewers_to_their_own(
    client, hiring_manager, interviewer
):
    client.force_login(hiring_manager)
    assert f'href="{OVERVIEW}"' in client.get(METHODS).content.decode()
    client.force_login(interviewer)
    html = client.get(METHODS).content.decode()
    assert f'href="{ME}"' in html and f'href="{OVERVIEW}"' not in html


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("candidates", [11, 22])
def test_the_role_page_takes_the_same_queries_for_any_number_of_scorecards(
    client, hiring_manager, role, candidates, django_assert_num_queries
):
    history(role, candidates=candidates)
    client.force_login(hiring_manager)
    role_fit_refresh(role=role)
    # session, user, role by slug, persona groups, is the user a hiring manager of the role,
    # the role's fit, its interviewer rows (leniency and counts), names: no rating is read.
    with django_assert_num_queries(8):
        assert client.get(role_url(role)).status_code == 200


def test_the_counts_kept_with_the_fit_are_those_of_the_ratings(role):
    """The role page reads each interviewer's counts from the fit; a fit stored before the
    counts were kept is read from the ratings instead, and both say the same."""
    from scorecards.calibration.views import role_page_context
    from scorecards.models import InterviewerFit

    history(role, candidates=11)
    role_fit_refresh(role=role)
    kept = role_page_context(role)
    InterviewerFit.objects.update(summary=None)
    counted = role_page_context(role)
    assert kept["scorecards"] == counted["scorecards"] > 0
    assert [(r.name, r.summary) for r in kept["rows"]] == [
        (r.name, r.summary) for r in counted["rows"]
    ]
    assert len(kept["rows"]) >= 3


def test_the_overview_takes_a_fixed_number_of_queries(
    client, hiring_manager, role, django_assert_num_queries
):
    history(role, candidates=11)
    client.force_login(hiring_manager)
    # session, user, persona groups, the managed roles, ratings, scorecards, the roles' stored
    # leniencies, interviewer names.
    with django_assert_num_queries(8):
        assert client.get(OVERVIEW).status_code == 200


def test_my_calibration_takes_a_fixed_number_of_queries(client, role, django_assert_num_queries):
    users = history(role, candidates=11)["users"]
    client.force_login(users["hot"])
    # session, user, ratings of my candidates, my scorecards, my stored leniency in each role,
    # my name, my roles, persona groups (the navigation).
    with django_assert_num_queries(8):
        assert client.get(ME).status_code == 200
