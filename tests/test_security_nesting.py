"""JSON nested deeper than the importers allow is a clear refusal wherever JSON comes in: the
kit JSON import page (pasted or uploaded) and every API request body. Before, `json.loads`
recursed into it and the request ended in a RecursionError (a 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interviewkit.importers.limits import MAX_NESTING
from interviewkit.models import Role

DEEP_ARRAY = "[" * 200_000 + "]" * 200_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000


@pytest.fixture
def page(client, hiring_manager):
    client.raise_request_exception = False
    client.force_login(hiring_manager)
    return client


@pytest.mark.parametrize("how", ["text", "file"])
def test_the_kit_json_page_refuses_deep_nesting_with_the_limit_and_line(page, how):
    roles = Role.objects.count()
    deep = '{"title": "Deep",\n"dimensions": ' + DEEP_ARRAY + "}"
    body = (
        {"text": deep} if how == "text" else {"file": SimpleUploadedFile("kit.json", deep.encode())}
    )
    response = page.post(reverse("kits:kit-import-json"), body)
    assert response.status_code == 200  # the form again, with its error
    text = response.content.decode()
    assert f"nested more than {MAX_NESTING} levels deep (line 2)" in text
    assert Role.objects.count() == roles


def test_the_kit_json_page_still_imports_shallow_json_errors_as_before(page):
    response = page.post(reverse("kits:kit-import-json"), {"text": '{"a": [1, 2'})
    assert response.status_code == 200
    assert "This is not valid JSON" in response.content.decode()


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_an_api_body_nested_too_deep_is_a_400_in_the_api_error_shape(client, recruiter, body):
    client.raise_request_exception = False
    client.force_login(recruiter)
    response = client.post(reverse("api:candidate-list"), body, content_type="application/json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "parse_error"
    assert f"nested more than {MAX_NESTING} levels deep (line 1)" in error["message"]


def test_an_ordinary_api_body_still_parses(client, recruiter, role, kit):
    client.force_login(recruiter)
    response = client.post(
        reverse("api:candidate-list"),
        {"role": role.slug, "name": "Nia New", "email": "nia@example.com"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
