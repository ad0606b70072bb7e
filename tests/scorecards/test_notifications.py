"""Invitations, automatic reminders and the "every scorecard is in" notice, read in the outbox."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from interviewkit.profiles.services import profile_update
from scorecards.models import Interview, ReminderSent
from scorecards.services.candidates import interview_add, interview_remove, interview_update
from scorecards.services.notifications import packet_complete_notify, reminders_send_due
from tests.scorecards.recruiting_fixtures import exercises_of, loop_for, submit

UTC = dt.UTC


def ics_event(message) -> tuple[str, icalendar.Event]:
    """The METHOD and the one VEVENT of the .ics attached to `message`, parsed back."""
    (name, content, mimetype) = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_assigning_moving_and_removing_send_one_calendar_story(
    candidate, kit, interviewer, other_interviewer, recruiter, django_capture_on_commit_callbacks
):
    exercise = exercises_of(kit)[0]
    start = dt.datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        interview = interview_add(
            candidate=candidate,
            exercise=exercise,
            interviewer=interviewer,
            scheduled_at=start,
            by=recruiter,
        )
    method, event = ics_event(mail.outbox[-1])
    uid = str(event["UID"])
    assert method == "REQUEST" and int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + dt.timedelta(minutes=exercise.minutes)
    assert f"/interviews/{interview.pk}/" in str(event["URL"])
    assert mail.outbox[-1].to == [interviewer.email]
    assert "UTC" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        interview_update(
            interview=interview,
            interviewer=interviewer,
            scheduled_at=start + dt.timedelta(days=1),
            by=recruiter,
        )
    method, event = ics_event(mail.outbox[-1])
    assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", uid, 1)

    with django_capture_on_commit_callbacks(execute=True):
        interview_update(
            interview=interview,
            interviewer=other_interviewer,
            scheduled_at=interview.scheduled_at,
            by=recruiter,
        )
    cancel, request = mail.outbox[-2], mail.outbox[-1]
    assert cancel.to == [interviewer.email] and ics_event(cancel)[0] == "CANCEL"
    assert request.to == [other_interviewer.email] and int(ics_event(request)[1]["SEQUENCE"]) == 2

    with django_capture_on_commit_callbacks(execute=True):
        interview_remove(interview=Interview.objects.get(pk=interview.pk), by=recruiter)
    method, event = ics_event(mail.outbox[-1])
    assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("CANCEL", uid, 3)
    assert str(event["STATUS"]) == "CANCELLED"
    assert len(mail.outbox) == 5


def test_no_invitation_for_someone_who_turned_email_off(
    candidate, kit, interviewer, recruiter, django_capture_on_commit_callbacks
):
    profile_update(user=interviewer, time_zone="", email_enabled=False)
    interviewer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        interview_add(
            candidate=candidate,
            exercise=exercises_of(kit)[0],
            interviewer=interviewer,
            scheduled_at=dt.datetime(2030, 3, 4, 14, 0, tzinfo=UTC),
            by=recruiter,
        )
    assert mail.outbox == []


def one_interview(candidate, kit, interviewer, start: dt.datetime) -> Interview:
    interview = loop_for(candidate, kit, interviewer)[0]
    Interview.objects.filter(candidate=candidate).exclude(pk=interview.pk).delete()
    interview.scheduled_at = start
    interview.save()
    return interview


def run_at(when: dt.datetime) -> int:
    return reminders_send_due(now=when)


def test_reminders_an_hour_after_the_end_then_daily_bounded_and_never_twice(
    candidate, kit, interviewer
):
    start = dt.datetime(2030, 5, 6, 9, 0, tzinfo=UTC)
    interview = one_interview(candidate, kit, interviewer, start)
    end = interview.ends_at
    assert run_at(end + dt.timedelta(minutes=59)) == 0
    assert run_at(end + dt.timedelta(hours=1)) == 1
    assert run_at(end + dt.timedelta(hours=2)) == 0  # same step: not again
    assert run_at(end + dt.timedelta(hours=1)) == 0  # the job run twice
    assert run_at(end + dt.timedelta(days=1, hours=1)) == 1
    assert run_at(end + dt.timedelta(days=1, hours=5)) == 0
    # A day missed: only the newest due step goes out, not a burst.
    assert run_at(end + dt.timedelta(days=3, hours=1)) == 1
    assert run_at(end + dt.timedelta(days=9)) == 0  # bounded
    steps = list(ReminderSent.objects.filter(interview=interview).values_list("step", flat=True))
    assert sorted(steps) == [0, 1, 3]
    assert len(mail.outbox) == 3
    assert "last automatic reminder" in mail.outbox[-1].body
    assert "Monday 6 May 2030, 09:00 UTC" in mail.outbox[0].body


def test_reminders_stop_at_submission(candidate, kit, interviewer):
    interview = one_interview(
        candidate, kit, interviewer, dt.datetime(2030, 5, 6, 9, 0, tzinfo=UTC)
    )
    assert run_at(interview.ends_at + dt.timedelta(hours=1)) == 1
    submit(interview, kit)
    assert run_at(interview.ends_at + dt.timedelta(days=1, hours=1)) == 0


def test_daily_reminders_keep_the_local_hour_across_the_daylight_saving_change(
    candidate, kit, interviewer
):
    """New York leaves EDT for EST on 3 Nov 2030: the daily reminder stays at the same local
    time, so in UTC it comes an hour later after the change."""
    profile_update(user=interviewer, time_zone="America/New_York", email_enabled=True)
    # 1 Nov 2030 13:00 EDT = 17:00 UTC; the first reminder an hour after the end.
    interview = one_interview(
        candidate, kit, interviewer, dt.datetime(2030, 11, 1, 17, 0, tzinfo=UTC)
    )
    first = interview.ends_at + dt.timedelta(hours=1)
    assert run_at(first) == 1
    assert "Friday 1 November 2030, 13:00 EDT" in mail.outbox[-1].body
    assert run_at(first + dt.timedelta(days=1)) == 1  # 2 Nov, still EDT
    # 3 Nov is EST: 48 h after the first is 14:00 local, an hour early; not yet.
    assert run_at(first + dt.timedelta(days=2)) == 0
    assert run_at(first + dt.timedelta(days=2, hours=1)) == 1
    assert sorted(interview.reminders.values_list("step", flat=True)) == [0, 1, 2]


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Pacific/Auckland", "America/Los_Angeles"])
def test_the_first_reminder_is_an_hour_after_the_end_in_every_zone(
    candidate, kit, interviewer, zone
):
    profile_update(user=interviewer, time_zone=zone, email_enabled=True)
    interview = one_interview(
        candidate, kit, interviewer, dt.datetime(2030, 3, 30, 23, 30, tzinfo=UTC)
    )
    assert run_at(interview.ends_at + dt.timedelta(minutes=59)) == 0
    assert run_at(interview.ends_at + dt.timedelta(hours=1)) == 1


def test_the_command_is_idempotent(candidate, kit, interviewer, capsys):
    one_interview(candidate, kit, interviewer, dt.datetime(2020, 1, 1, 9, 0, tzinfo=UTC))
    # Long past the window: nothing to send, however often it runs.
    call_command("send_reminders")
    call_command("send_reminders")
    assert "0 reminders sent." in capsys.readouterr().out
    assert mail.outbox == []


def test_the_hiring_manager_is_told_once_when_every_scorecard_is_in(
    candidate, kit, interviewer, hiring_manager
):
    first, second = loop_for(candidate, kit, interviewer)[:2]
    Interview.objects.filter(candidate=candidate).exclude(pk__in=[first.pk, second.pk]).delete()
    submit(first, kit)
    assert packet_complete_notify(candidate) == 0
    submit(second, kit)
    assert packet_complete_notify(candidate) == 1
    assert packet_complete_notify(candidate) == 0
    (message,) = mail.outbox
    assert message.to == [hiring_manager.email]
    assert (
        "all 2 scorecards" in message.body and f"/candidates/{candidate.pk}/packet/" in message.body
    )
