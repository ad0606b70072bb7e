"""My interviews: upcoming, awaiting my feedback, submitted; only the user's own interviews."""

import pytest
from django.urls import reverse

from tests.scorecards.scorecard_fixtures import interview_for, submitted

URL = reverse("scorecards:my-interviews")


def test_it_groups_interviews_by_what_they_need(client, candidate, interviewer):
    upcoming = interview_for(candidate, interviewer, hours_from_now=24)
    awaiting = interview_for(candidate, interviewer, exercise_name="Behavioral", hours_from_now=-3)
    done = submitted(interview_for(candidate, interviewer, hours_from_now=-48)).interview
    client.force_login(interviewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["upcoming"] == [upcoming]
    assert response.context["awaiting"] == [awaiting]
    assert response.context["submitted"] == [done]
    body = response.content.decode()
    assert reverse("scorecards:interview", args=[awaiting.pk]) in body
    assert "Awaiting my feedback" in body


def test_it_never_lists_another_interviewers_interviews(client, candidate, interviewer, outsider):
    interview_for(candidate, interviewer)
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["awaiting"] == response.context["upcoming"] == []
    assert "Casey Candidate" not in response.content.decode()


def test_the_navbar_links_interviewers_to_it(client, interviewer):
    client.force_login(interviewer)
    assert f'href="{URL}"' in client.get(reverse("kits:role-list")).content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_query_count_does_not_grow_with_interviews(
    client, candidate, interviewer, django_assert_num_queries, count
):
    for hours in range(count):
        interview_for(candidate, interviewer, hours_from_now=hours - 3)
    submitted(interview_for(candidate, interviewer, exercise_name="Behavioral"))
    client.force_login(interviewer)
    # Queries: session, user, the user's persona groups (navbar), the interviews with candidate,
    # role, exercise and scorecard.
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


def test_feedback_more_than_a_day_late_is_marked_overdue(client, candidate, interviewer):
    late = interview_for(candidate, interviewer, hours_from_now=-30)
    recent = interview_for(candidate, interviewer, exercise_name="Behavioral", hours_from_now=-3)
    client.force_login(interviewer)
    response = client.get(URL)
    assert [(i, i.overdue) for i in response.context["awaiting"]] == [(late, True), (recent, False)]
    assert response.content.decode().count("Overdue</span>") == 1
