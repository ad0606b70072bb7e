"""The import page of a role's past scorecards: the hiring team uploads a CSV in the export's
format; a bad file is refused whole with each error's line, and nothing is written."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scorecards.exports.csv_io import COLUMNS, ratings_csv_lines
from scorecards.models import Candidate, Scorecard
from tests.factories import RoleFactory, make_kit
from tests.scorecards.export_fixtures import submitted_scorecard

pytestmark = pytest.mark.django_db


def import_url(role):
    return reverse("scorecards:import-scorecards", args=[role.slug])


def upload(text: str | bytes, name: str = "past.csv") -> SimpleUploadedFile:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def past_file(role, candidate, interviewer) -> str:
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 3, "Dimension 2": 2})
    text = "".join(ratings_csv_lines(role))
    Candidate.objects.filter(role=role).delete()
    return text


def text_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_anonymous_is_sent_to_log_in(client, role):
    response = client.get(import_url(role))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_outsiders_get_404_and_interviewers_403(client, role, outsider, interviewer, past_file):
    client.force_login(outsider)
    assert client.get(import_url(role)).status_code == 404
    client.force_login(interviewer)
    submitted_scorecard(
        Candidate.objects.create(role=role, name="C", email="c@example.com"), interviewer, {}
    )
    assert client.post(import_url(role), {"file": upload(past_file)}).status_code == 403


def test_the_export_page_links_to_the_import(client, role, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse("scorecards:export-role", args=[role.slug])).content.decode()
    assert import_url(role) in html


def test_the_recruiter_imports_a_file_and_the_same_file_again_adds_nothing(
    client, role, recruiter, past_file
):
    client.force_login(recruiter)
    assert client.get(import_url(role)).status_code == 200

    response = client.post(import_url(role), {"file": upload(past_file)}, follow=True)

    assert "Imported 1 scorecard, created 1 candidate and 0 interviewer accounts." in (
        response.content.decode()
    )
    again = client.post(import_url(role), {"file": upload(past_file)}, follow=True)
    assert "Imported 0 scorecards" in again.content.decode()
    assert "skipped 1 already present" in again.content.decode()
    assert Scorecard.objects.filter(imported=True).count() == 1


def test_a_bad_file_is_refused_with_its_lines_and_the_choice_kept(
    client, role, recruiter, past_file
):
    rows = list(csv.DictReader(io.StringIO(past_file)))
    rows[1]["rating"] = "7"
    for row in rows:
        row["interviewer"] = "stranger"
    client.force_login(recruiter)

    response = client.post(import_url(role), {"file": upload(text_of(rows))})

    assert response.status_code == 400
    html = response.content.decode()
    assert "The file was refused: nothing was imported" in html
    assert "line 3: rating &#x27;7&#x27; is not 1-4" in html
    assert not Scorecard.objects.exists()

    # Once readable, the unknown interviewer is refused unless the box is ticked (and stays so).
    rows[1]["rating"] = "2"
    response = client.post(import_url(role), {"file": upload(text_of(rows))})
    assert response.status_code == 400
    assert "line 2: interviewer &#x27;stranger&#x27; has no account" in response.content.decode()
    response = client.post(
        import_url(role), {"file": upload(text_of(rows)), "create_users": "on"}, follow=True
    )
    assert "created 1 candidate and 1 interviewer account." in response.content.decode()


def test_an_over_long_cell_is_refused_with_its_line_not_a_500(client, role, recruiter, past_file):
    rows = list(csv.DictReader(io.StringIO(past_file)))
    rows[1]["evidence"] = "e" * 200_000  # over the csv module's 131,072 characters
    client.force_login(recruiter)

    response = client.post(import_url(role), {"file": upload(text_of(rows))})

    assert response.status_code == 400
    assert "line 3: a cell is longer than 131,072 characters" in response.content.decode()
    assert not Candidate.objects.exists()


def test_rows_of_another_role_are_refused(client, role, recruiter, past_file):
    other = RoleFactory(slug="other-role", title="Other Role")
    make_kit(role=other)
    rows = list(csv.DictReader(io.StringIO(past_file)))
    for row in rows:
        row["role"] = other.slug
    client.force_login(recruiter)

    response = client.post(import_url(role), {"file": upload(text_of(rows))})

    assert response.status_code == 400
    assert (
        "line 2: role &#x27;other-role&#x27; is not Staff Platform Engineer, the role this "
        "import is for"
    ) in response.content.decode()


def test_a_file_that_is_not_utf8_names_its_line(client, role, recruiter, past_file):
    latin = past_file.replace("Walked", "Wälked").encode("latin-1")
    client.force_login(recruiter)

    response = client.post(import_url(role), {"file": upload(latin)})

    assert response.status_code == 400
    assert "line 2: is not UTF-8 text" in response.content.decode()


def test_no_file_is_asked_for(client, role, recruiter):
    client.force_login(recruiter)
    response = client.post(import_url(role), {})
    assert response.status_code == 400
    assert "Choose the CSV file to import." in response.content.decode()
