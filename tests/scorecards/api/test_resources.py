"""The API's resources, used with tokens: the same rules as the pages, stable error bodies
naming the field, filters and pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from interviewkit.models import AuditEvent, Role
from scorecards.models import Candidate, Decision, Interview, Scorecard
from tests.factories import CandidateFactory, InterviewFactory
from tests.test_permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_candidates_list_only_the_roles_the_person_is_on_the_team_of(world, api_as):
    role_ids = set(Candidate.objects.filter(role=world.role).values_list("pk", flat=True))
    assert set(ids(api_as(world.users["recruiter"]).get("/api/v1/candidates/"))) == role_ids
    assert ids(api_as(world.users["interviewer"]).get("/api/v1/candidates/")) == []
    other_team = ids(api_as(world.users["other_team"]).get("/api/v1/candidates/"))
    assert other_team and not set(other_team) & role_ids


def test_another_roles_candidate_is_a_404_not_a_403(world, api_as):
    api = api_as(world.users["other_team"])
    for path in (
        f"/api/v1/candidates/{world.candidate.pk}/",
        f"/api/v1/candidates/{world.candidate.pk}/packet/",
        f"/api/v1/candidates/{world.candidate.pk}/interviews/",
        f"/api/v1/scorecards/{world.scorecard.pk}/",
        f"/api/v1/interviews/{world.interview.pk}/",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    missing = api.get("/api/v1/candidates/999999/")
    assert missing.status_code == 404 and missing.json() == {
        "error": {"status": 404, "code": "not_found", "message": "No such candidate"}
    }
    assert api.get("/api/v1/candidates/", {"role": world.role.slug}).status_code == 404


def test_filters_by_role_status_and_time(world, api_as):
    api = api_as(world.users["admin"])
    elsewhere = Role.objects.get(slug="elsewhere-engineer")
    by_role = ids(api.get("/api/v1/candidates/", {"role": elsewhere.slug}))
    assert by_role == list(elsewhere.candidates.values_list("pk", flat=True))
    # The candidate's loop has one unsubmitted interview, never scheduled: still in the loop.
    decided = ids(api.get("/api/v1/candidates/", {"role": world.role.slug, "status": "decided"}))
    assert decided == [world.candidate.pk]
    Candidate.objects.filter(pk=world.other_candidate.pk).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    recent = ids(
        api.get(
            "/api/v1/candidates/",
            {
                "role": world.role.slug,
                "created_after": (timezone.now() - timedelta(days=1)).isoformat(),
            },
        )
    )
    assert world.other_candidate.pk not in recent and world.candidate.pk in recent


def test_bad_filters_name_the_parameter(world, api_as):
    api = api_as(world.users["admin"])
    response = api.get("/api/v1/candidates/", {"created_after": "last tuesday"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["created_after"]
    assert "last tuesday" in error["fields"]["created_after"][0]
    response = api.get("/api/v1/candidates/", {"status": "decided"})
    assert list(response.json()["error"]["fields"]) == ["status"]
    response = api.get("/api/v1/scorecards/", {"status": "lost"})
    assert list(response.json()["error"]["fields"]) == ["status"]


def test_lists_come_in_pages(world, api_as):
    for n in range(5):
        CandidateFactory(role=world.role, name=f"Paged {n}")
    api = api_as(world.users["admin"])
    first = api.get("/api/v1/candidates/", {"role": world.role.slug, "page_size": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 3
    assert not {c["id"] for c in first["results"]} & {c["id"] for c in second["results"]}


def test_a_recruiter_adds_a_candidate_with_a_loop(world, api_as):
    api = api_as(world.users["recruiter"])
    exercise = world.kit.exercises.first()
    response = api.post(
        "/api/v1/candidates/",
        {
            "role": world.role.slug,
            "name": "Nia New",
            "email": "NIA@example.com",
            "loop": [
                {
                    "exercise": exercise.pk,
                    "interviewer": world.users["interviewer"].pk,
                    "scheduled_at": "2026-05-04T09:30:00+00:00",
                }
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "nia@example.com" and body["role"] == world.role.slug
    interview = Interview.objects.get(candidate_id=body["id"])
    assert interview.exercise == exercise and interview.interviewer == world.users["interviewer"]
    assert interview.scheduled_at.isoformat() == "2026-05-04T09:30:00+00:00"
    assert AuditEvent.objects.filter(action="candidate.add", object_id=str(body["id"])).exists()


def test_a_new_candidates_errors_name_their_fields(world, api_as):
    api = api_as(world.users["recruiter"])
    exercise = world.kit.exercises.first()
    response = api.post(
        "/api/v1/candidates/",
        {
            "role": world.role.slug,
            "name": "",
            "email": world.candidate.email,
            "loop": [{"exercise": exercise.pk, "interviewer": world.users["outsider"].pk + 1000}],
        },
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"name", "loop.0.interviewer"}
    duplicate = api.post(
        "/api/v1/candidates/",
        {"role": world.role.slug, "name": "Casey again", "email": world.candidate.email.upper()},
    )
    assert duplicate.status_code == 400
    assert "already in" in duplicate.json()["error"]["fields"]["email"][0]
    unknown = api.post(
        "/api/v1/candidates/",
        {
            "role": world.role.slug,
            "name": "X",
            "email": "x@example.com",
            "loop": [{"exercise": 0, "interviewer": 1}],
        },
    )
    assert list(unknown.json()["error"]["fields"]) == ["loop.0.exercise"]
    assert Candidate.objects.filter(name__in=["", "Casey again", "X"]).count() == 0


def test_a_recruiter_corrects_and_erases_a_candidate(world, api_as):
    api = api_as(world.users["recruiter"])
    path = f"/api/v1/candidates/{world.candidate.pk}/"
    response = api.patch(path, {"email": "casey.c@example.com"})
    assert response.status_code == 200 and response.json()["email"] == "casey.c@example.com"
    taken = api.patch(path, {"email": world.other_candidate.email})
    assert taken.status_code == 400 and list(taken.json()["error"]["fields"]) == ["email"]
    erased = api.delete(path)
    assert erased.status_code == 200 and erased.json()["erased_at"]
    assert "casey" not in erased.json()["name"].lower()
    assert api.patch(path, {"name": "Back"}).status_code == 400
    assert Scorecard.objects.filter(pk=world.scorecard.pk).exists()


def test_the_loop_is_planned_moved_and_changed_through_the_services(world, api_as):
    api = api_as(world.users["recruiter"])
    loop = f"/api/v1/candidates/{world.candidate.pk}/interviews/"
    before = [i["id"] for i in api.get(loop).json()["results"]]
    added = api.post(
        loop,
        {"exercise": world.kit.exercises.last().pk, "interviewer": world.users["interviewer"].pk},
    )
    assert added.status_code == 201
    new_id = added.json()["id"]
    assert [i["id"] for i in api.get(loop).json()["results"]] == [*before, new_id]
    moved = api.post(f"/api/v1/interviews/{new_id}/move/", {"direction": "up"})
    assert [i["id"] for i in moved.json()][-2] == new_id
    bad = api.post(f"/api/v1/interviews/{new_id}/move/", {"direction": "sideways"})
    assert list(bad.json()["error"]["fields"]) == ["direction"]
    changed = api.patch(f"/api/v1/interviews/{new_id}/", {"scheduled_at": "2026-06-01T14:00:00Z"})
    assert changed.status_code == 200 and changed.json()["scheduled_at"].startswith(
        "2026-06-01T14:00"
    )
    # The interviewer of a started scorecard stays: refused, with the service's message.
    refused = api.patch(
        f"/api/v1/interviews/{world.interview.pk}/", {"interviewer": world.users["interviewer"].pk}
    )
    assert refused.status_code == 409
    assert "cannot change" in refused.json()["error"]["message"]
    removed = api.delete(f"/api/v1/interviews/{new_id}/")
    assert removed.status_code == 204 and not Interview.objects.filter(pk=new_id).exists()
    locked = api.delete(f"/api/v1/interviews/{world.interview.pk}/")
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "conflict"


def submit(api, interview, **body):
    return api.post(f"/api/v1/interviews/{interview.pk}/scorecard/", body)


def test_a_scorecard_is_submitted_with_the_forms_rules(world, api_as):
    api = api_as(world.users["blind_panelist"])
    first, *others = world.dimensions
    red_flag = world.kit.signals.get(kind="red")
    response = submit(
        api,
        world.blind_interview,
        ratings=[{"dimension": first.pk, "value": 4}],
        signals=[{"signal": red_flag.pk, "note": ""}],
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields[f"ratings.{first.pk}.evidence"] == [
        "A rating of 4 needs evidence: what did you see or hear?"
    ]
    assert all(f"ratings.{d.pk}.value" in fields for d in others)
    assert fields[f"signals.{red_flag.pk}.note"] == ["A red flag needs a note: what happened?"]
    assert fields["recommendation"] == ["Choose an overall recommendation."]
    assert Scorecard.objects.get(pk=world.blind_scorecard.pk).status == "draft"
    ok = submit(
        api,
        world.blind_interview,
        ratings=[
            {"dimension": first.pk, "value": 4, "evidence": "Designed the failover cleanly."},
            *({"dimension": d.pk, "value": None} for d in others),
        ],
        recommendation="strong-yes",
    )
    assert ok.status_code == 200, ok.content
    body = ok.json()
    assert body["status"] == "submitted" and body["recommendation"] == "strong-yes"
    assert {r["dimension"]: r["value"] for r in body["ratings"]}[first.pk] == 4
    assert AuditEvent.objects.filter(action="scorecard.submit", object_id=str(body["id"])).exists()
    again = submit(api, world.blind_interview, recommendation="no")
    assert again.status_code == 409


def test_a_scorecard_names_unknown_dimensions_and_bad_values(world, api_as):
    api = api_as(world.users["blind_panelist"])
    response = submit(api, world.blind_interview, ratings=[{"dimension": 0, "value": 3}])
    assert list(response.json()["error"]["fields"]) == ["ratings.0.dimension"]
    response = submit(
        api, world.blind_interview, ratings=[{"dimension": world.dimensions[0].pk, "value": 7}]
    )
    assert list(response.json()["error"]["fields"]) == ["ratings.0.value"]


def test_a_draft_is_saved_without_the_submit_rules(world, api_as):
    api = api_as(world.users["interviewer"])
    dim = world.dimensions[0]
    response = submit(
        api, world.own_interview, ratings=[{"dimension": dim.pk, "value": 1}], submit=False
    )
    assert response.status_code == 200 and response.json()["status"] == "draft"
    stale = submit(api, world.own_interview, submit=False, revision=0)
    assert stale.status_code == 409


def test_nobody_fills_anothers_scorecard(world, api_as):
    body = {"ratings": [], "recommendation": "yes"}
    assert (
        submit(api_as(world.users["hiring_manager"]), world.blind_interview, **body).status_code
        == 403
    )
    assert submit(api_as(world.users["panelist"]), world.blind_interview, **body).status_code == 404


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_scorecard_list_holds_exactly_what_each_persona_may_read(world, api_as, persona):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from scorecards import access

    user = world.users[persona]
    readable = set()
    for scorecard in Scorecard.objects.all():
        try:
            access.scorecard_for_reader(user, scorecard.pk)
        except (Http404, PermissionDenied):
            continue
        readable.add(scorecard.pk)
    assert set(ids(api_as(user).get("/api/v1/scorecards/", {"page_size": 200}))) == readable


def test_blind_review_holds_until_the_own_scorecard_is_in(world, api_as):
    api = api_as(world.users["blind_panelist"])
    assert ids(api.get("/api/v1/scorecards/")) == [world.blind_scorecard.pk]
    assert api.get(f"/api/v1/scorecards/{world.scorecard.pk}/").status_code == 404
    assert api.get(f"/api/v1/candidates/{world.candidate.pk}/packet/").status_code == 404
    submit(
        api,
        world.blind_interview,
        ratings=[{"dimension": d.pk, "value": 3} for d in world.dimensions],
        recommendation="yes",
    )
    assert world.scorecard.pk in ids(api.get("/api/v1/scorecards/"))
    assert api.get(f"/api/v1/scorecards/{world.scorecard.pk}/").status_code == 200
    assert api.get(f"/api/v1/candidates/{world.candidate.pk}/packet/").status_code == 200


def test_the_packet_gives_the_score_its_range_and_each_dimension(world, api_as):
    extra = [InterviewFactory(candidate=world.candidate, title=f"Extra {n}") for n in range(2)]
    from tests.factories import RatingFactory, ScorecardFactory

    for interview, value in zip(extra, (2, 4), strict=True):
        card = ScorecardFactory(
            interview=interview,
            kit=world.kit,
            status="submitted",
            submitted_at=timezone.now(),
            recommendation="yes",
        )
        for dim in world.dimensions:
            RatingFactory(scorecard=card, dimension=dim, value=value, evidence="seen")
    body = (
        api_as(world.users["hiring_manager"])
        .get(f"/api/v1/candidates/{world.candidate.pk}/packet/")
        .json()
    )
    assert body["candidate"]["id"] == world.candidate.pk
    assert body["overall"] == pytest.approx(3.0)
    # The role's model is fitted by the worker: until then the range says why it is missing.
    assert set(body) >= {"interval", "reason", "reliability", "calibrated", "fitted_at"}
    assert (body["interval"] is None) == (body["reason"] is not None)
    assert [d["name"] for d in body["dimensions"]] == [d.name for d in world.dimensions]
    assert {d["n"] for d in body["dimensions"]} == {3}
    assert body["decision"]["outcome"] == "hire"


def test_the_packet_pdf_is_a_pdf(world, api_as):
    response = api_as(world.users["recruiter"]).get(
        f"/api/v1/candidates/{world.candidate.pk}/packet.pdf"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_hiring_manager_records_a_decision_and_its_errors_name_fields(world, api_as):
    api = api_as(world.users["hiring_manager"])
    path = f"/api/v1/candidates/{world.candidate.pk}/decisions/"
    bad = api.post(path, {"outcome": "maybe", "rationale": ""})
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"outcome", "rationale"}
    ok = api.post(path, {"outcome": "no-hire", "rationale": "Two red flags."})
    assert ok.status_code == 201 and ok.json()["decided_by"] == "hiring_manager"
    assert [d["outcome"] for d in api.get(path).json()["results"]] == ["no-hire", "hire"]
    listed = api.get("/api/v1/decisions/", {"outcome": "no-hire"}).json()["results"]
    assert [d["id"] for d in listed] == [ok.json()["id"]]
    assert Decision.objects.filter(candidate=world.candidate).count() == 2


def test_an_api_decision_on_a_stale_view_is_409_and_records_nothing(world, api_as):
    api = api_as(world.users["hiring_manager"])
    path = f"/api/v1/candidates/{world.candidate.pk}/decisions/"
    current = api.get(path).json()["results"][0]
    body = {"outcome": "hold", "rationale": "Wait.", "expected_decision": current["id"]}
    assert api.post(path, body).status_code == 201
    stale = api.post(path, {**body, "outcome": "hire"})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "decided_meanwhile" and error["decision"]["outcome"] == "hold"
    assert Decision.objects.filter(candidate=world.candidate, outcome="hire").count() == 1


def test_an_api_decision_without_scorecards_needs_the_confirmation(world, api_as):
    api = api_as(world.users["hiring_manager"])
    bare = CandidateFactory(role=world.role)
    path = f"/api/v1/candidates/{bare.pk}/decisions/"
    refused = api.post(path, {"outcome": "no-hire", "rationale": "No."})
    assert refused.status_code == 400
    assert list(refused.json()["error"]["fields"]) == ["without_scorecards"]
    body = {"outcome": "no-hire", "rationale": "No.", "without_scorecards": True}
    assert api.post(path, body).status_code == 201


def test_the_audit_log_is_the_pages_admins_everything_managers_their_roles(world, api_as):
    manager = api_as(world.users["hiring_manager"])
    manager.post(
        f"/api/v1/candidates/{world.candidate.pk}/decisions/",
        {"outcome": "hold", "rationale": "Waiting for references."},
    )
    admin_events = ids(api_as(world.users["admin"]).get("/api/v1/audit/", {"page_size": 200}))
    mine = manager.get("/api/v1/audit/", {"page_size": 200}).json()["results"]
    assert mine and {e["role"] for e in mine} == {world.role.slug}
    assert len(admin_events) > len(mine)
    assert manager.get("/api/v1/audit/", {"role": "elsewhere-engineer"}).status_code == 404
    assert api_as(world.users["recruiter"]).get("/api/v1/audit/").status_code == 403


def test_a_hiring_manager_imports_a_role_document(world, api_as):
    api = api_as(world.users["hiring_manager"])
    document = SimpleUploadedFile(
        "brief.md",
        b"# Role Research Brief: Api Import Engineer\n\n## Technical & Leadership Skills\n"
        b"### Required\n- Testing\n- Debugging\n",
    )
    response = api.client.post("/api/v1/kits/import/", {"document": document})
    assert response.status_code == 201, response.content
    kit = response.json()[0]
    assert kit["status"] == "created" and kit["number"] == 1 and kit["dimensions"]
    role = Role.objects.get(slug=kit["role"])
    assert world.users["hiring_manager"] in role.hiring_managers.all()
    current = api.get(f"/api/v1/roles/{role.slug}/kit/").json()
    assert current["id"] == kit["id"]
    empty = api.client.post("/api/v1/kits/import/", {})
    assert list(empty.json()["error"]["fields"]) == ["non_field_errors"]


def test_the_schema_and_its_page_are_served_without_a_cdn(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/candidates/{id}/packet/" in spec["paths"]
    assert "apiToken" in spec["components"]["securitySchemes"]
    decide = spec["paths"]["/api/v1/candidates/{id}/decisions/"]["post"]
    assert "409" in decide["responses"]
    decision_input = spec["components"]["schemas"]["DecisionInputRequest"]["properties"]
    assert {"expected_decision", "without_scorecards"} <= set(decision_input)
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "http://" not in html and "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
