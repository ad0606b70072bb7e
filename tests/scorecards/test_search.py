"""The navbar search: candidates of the roles a person may see, by name or email, each with
the links that person may follow; interviewers find only their own candidates, by name."""

import pytest
from django.urls import reverse

from tests.factories import CandidateFactory, InterviewFactory, RoleFactory, make_kit

pytestmark = pytest.mark.django_db

SEARCH = reverse("scorecards:search")


@pytest.fixture
def elsewhere():
    role = RoleFactory(title="Data Analyst")
    make_kit(role=role)
    return CandidateFactory(role=role, name="Casey Elsewhere", email="casey.e@example.com")


def test_the_hiring_team_finds_its_candidates_by_name_or_email(
    client, hiring_manager, candidate, elsewhere
):
    client.force_login(hiring_manager)
    by_name = client.get(SEARCH, {"q": "casey"}).content.decode()
    assert "Casey Candidate" in by_name and "Casey Elsewhere" not in by_name
    assert reverse("scorecards:packet", args=[candidate.pk]) in by_name
    assert "1 candidate matching" in by_name
    by_email = client.get(SEARCH, {"q": "CASEY@EXAMPLE"}).content.decode()
    assert "Casey Candidate" in by_email


def test_a_recruiter_gets_the_candidate_page_too(client, recruiter, candidate):
    client.force_login(recruiter)
    html = client.get(SEARCH, {"q": "Casey"}).content.decode()
    assert reverse("scorecards:candidate", args=[candidate.pk]) in html


def test_an_interviewer_finds_their_own_candidates_by_name_only(
    client, interviewer, candidate, elsewhere
):
    interview = InterviewFactory(candidate=candidate, interviewer=interviewer, title="Coding")
    client.force_login(interviewer)
    html = client.get(SEARCH, {"q": "casey"}).content.decode()
    assert "Casey Candidate" in html and "Casey Elsewhere" not in html
    assert reverse("scorecards:interview", args=[interview.pk]) in html
    assert "casey@example.com" not in html
    assert reverse("scorecards:packet", args=[candidate.pk]) not in html
    assert "No candidate you may see" in client.get(SEARCH, {"q": "casey@"}).content.decode()


def test_too_short_or_too_long_says_so_and_keeps_what_was_typed(client, hiring_manager):
    client.force_login(hiring_manager)
    short = client.get(SEARCH, {"q": "c"}).content.decode()
    assert "Type at least 2 characters" in short and 'value="c"' in short
    long = client.get(SEARCH, {"q": "x" * 150}).content.decode()
    assert "at most 100 characters; yours has 150" in long


def test_many_matches_show_the_first_fifty_and_say_how_many(client, hiring_manager, role):
    for i in range(55):
        CandidateFactory(role=role, name=f"Sam Same {i:02}")
    client.force_login(hiring_manager)
    html = client.get(SEARCH, {"q": "sam same"}).content.decode()
    assert "The first 50 of 55 candidates" in html
    assert html.count("<strong>Sam Same") == 50


def test_the_navbar_has_a_labelled_search_box(client, interviewer):
    client.force_login(interviewer)
    html = client.get(reverse("scorecards:my-interviews")).content.decode()
    assert 'role="search"' in html
    assert '<label class="visually-hidden" for="nav-search">Find a candidate</label>' in html
