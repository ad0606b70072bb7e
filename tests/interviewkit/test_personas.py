from django.contrib.auth.models import Group

from interviewkit import personas
from tests.factories import UserFactory


def test_each_persona_is_a_group_with_the_permissions_it_needs(db):
    interviewer = UserFactory(persona=personas.INTERVIEWERS)
    manager = UserFactory(persona=personas.HIRING_MANAGERS)
    recruiter = UserFactory(persona=personas.RECRUITERS)

    assert interviewer.has_perm("scorecards.change_scorecard")
    assert not interviewer.has_perm("interviewkit.change_kitversion")
    assert manager.has_perm("interviewkit.change_kitversion")
    assert manager.has_perm("scorecards.add_decision")
    assert not manager.has_perm("scorecards.add_candidate")
    assert recruiter.has_perm("scorecards.add_candidate")
    assert not recruiter.has_perm("scorecards.add_decision")


def test_admins_may_not_edit_the_audit_log(db):
    admin = UserFactory(persona=personas.ADMINS)

    assert admin.has_perm("scorecards.delete_candidate")
    assert admin.has_perm("interviewkit.view_auditevent")
    assert not admin.has_perm("interviewkit.change_auditevent")
    assert not admin.has_perm("interviewkit.delete_auditevent")


def test_ensuring_the_groups_twice_changes_nothing(db):
    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    personas.ensure_groups()
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before
