"""Mail the hiring team is sent without anyone pressing a button: calendar invitations when an
interview is assigned, moved or removed; reminders after an interview while its scorecard is
missing; one notice to the hiring managers when every scorecard of a candidate is in.

All mail goes through Django's email framework. A person who turned email off in "My settings"
(UserProfile.email_enabled) or has no address is skipped. Every time in a mail is written in
the recipient's own zone, with the zone named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from interviewkit.timezones import format_zoned, zone_for_user
from scorecards.models import Candidate, Interview, ReminderSent, Scorecard
from scorecards.one_line import one_line

# The automatic reminders: the first an hour after the interview's end, then one a day; after
# the last step nobody is reminded again by the job (the recruiter still can, by hand).
FIRST_REMINDER_AFTER = timedelta(hours=1)
REMINDER_DAYS = 3
LAST_STEP = REMINDER_DAYS  # steps 0 (the hour after) … REMINDER_DAYS (the last daily one)


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def wants_email(user) -> bool:
    if user is None or not user.email:
        return False
    profile = getattr(user, "profile", None)
    return profile.email_enabled if profile is not None else True


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


# --- Calendar invitations -----------------------------------------------------------------


@dataclass(frozen=True)
class InvitationSnapshot:
    """What an invitation says, taken when the change is made (the interview may be gone, or
    have another interviewer, by the time the mail is sent after the commit)."""

    uid: str
    sequence: int
    title: str
    candidate_name: str
    role_title: str
    interview_pk: int
    starts_at: datetime | None
    ends_at: datetime | None
    interviewer_email: str


def snapshot(interview: Interview) -> InvitationSnapshot:
    return InvitationSnapshot(
        uid=interview.invitation_uid,
        sequence=interview.invitation_sequence,
        title=interview.title,
        candidate_name=interview.candidate.name,
        role_title=interview.candidate.role.title,
        interview_pk=interview.pk,
        starts_at=interview.scheduled_at,
        ends_at=interview.ends_at,
        interviewer_email=interview.interviewer.email,
    )


def invitation_ics(invite: InvitationSnapshot, *, method: str) -> bytes:
    """An iCalendar file (RFC 5545/5546) for the interview: METHOD:REQUEST to add or update it,
    METHOD:CANCEL to take it off the calendar. Times are UTC; calendars show them in the
    reader's zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//interviewkit//interview invitations//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", invite.starts_at)
    event.add("dtend", invite.ends_at)
    event.add("summary", f"Interview: {invite.title} with {invite.candidate_name}")
    link = site_link(reverse("scorecards:interview", args=[invite.interview_pk]))
    event.add("description", f"{invite.role_title}. Kit, questions and scorecard: {link}")
    event.add("url", link)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText("interviewkit")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{invite.interviewer_email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def invitation_send(*, invite: InvitationSnapshot, interviewer, method: str) -> bool:
    """Mail `interviewer` the invitation (or its cancellation). False when they get no email."""
    if not wants_email(interviewer):
        return False
    zone = zone_for_user(interviewer)
    link = site_link(reverse("scorecards:interview", args=[invite.interview_pk]))
    when = (
        format_zoned(invite.starts_at, "l j F Y, H:i", zone)
        if invite.starts_at
        else "no time set yet"
    )
    what = f"{invite.title} with {invite.candidate_name} ({invite.role_title})"
    if method == "CANCEL":
        subject = f"Cancelled: {what}"
        body = f"Hello {person_name(interviewer)},\n\nthe interview {what} on {when} is cancelled."
    else:
        subject = f"Interview: {what}, {when}"
        body = (
            f"Hello {person_name(interviewer)},\n\nyou interview {invite.candidate_name} for "
            f"{invite.role_title}: {invite.title}, {when}.\n\n"
            f"The kit, the questions and your scorecard: {link}\n"
        )
    message = EmailMultiAlternatives(one_line(subject), body, None, [interviewer.email])
    if invite.starts_at is not None:
        message.attach(
            "invite.ics",
            invitation_ics(invite, method=method),
            f"text/calendar; charset=utf-8; method={method}",
        )
    message.send(fail_silently=False)
    return True


def invitation_after_commit(interview: Interview, *, method: str, interviewer=None) -> None:
    """Send the invitation once the change is saved (never for a change that rolled back)."""
    invite = snapshot(interview)
    recipient = interviewer or interview.interviewer
    transaction.on_commit(
        lambda: invitation_send(invite=invite, interviewer=recipient, method=method), robust=True
    )


# --- Reminders ----------------------------------------------------------------------------


def reminder_step_due(ends_at: datetime, now: datetime, zone: tzinfo) -> int | None:
    """The newest reminder step due at `now` for an interview that ended at `ends_at`, or None
    before the first. Step 0 is an hour after the end; step n is n days later at the same
    wall-clock time in the interviewer's `zone` (aware arithmetic in a ZoneInfo keeps the local
    time across a daylight-saving change, so the daily reminder does not drift by an hour)."""
    first = (ends_at + FIRST_REMINDER_AFTER).astimezone(zone)
    for step in range(LAST_STEP, -1, -1):
        if first + timedelta(days=step) <= now:
            return step
    return None


def interviews_to_remind(now: datetime):
    """Interviews that have ended, have no submitted scorecard, and are still within the
    reminder window (a cheap filter; the step arithmetic is in reminder_step_due)."""
    oldest = now - FIRST_REMINDER_AFTER - timedelta(days=REMINDER_DAYS + 1, hours=10)
    return (
        Interview.objects.filter(
            scheduled_at__isnull=False, scheduled_at__lte=now, scheduled_at__gte=oldest
        )
        .exclude(scorecard__status=Scorecard.Status.SUBMITTED)
        .filter(candidate__erased_at__isnull=True)
        .select_related("candidate__role", "exercise", "interviewer__profile")
    )


def reminder_mail(interview: Interview, step: int) -> None:
    interviewer = interview.interviewer
    zone = zone_for_user(interviewer)
    link = site_link(reverse("scorecards:interview", args=[interview.pk]))
    when = format_zoned(interview.scheduled_at, "l j F Y, H:i", zone)
    candidate = interview.candidate
    subject = one_line(f"Reminder: your scorecard for {candidate.name} ({interview.title})")
    last = "\nThis is the last automatic reminder." if step == LAST_STEP else ""
    body = (
        f"Hello {person_name(interviewer)},\n\nyour scorecard for {candidate.name} "
        f"({candidate.role.title}, {interview.title}, interviewed {when}) is not submitted yet. "
        f"The hiring team is waiting for it.\n\nWrite it here: {link}\n{last}"
    )
    EmailMultiAlternatives(subject, body, None, [interviewer.email]).send(fail_silently=False)


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Send every reminder step that is due and not yet sent; returns how many were sent.
    Safe to run as often as you like: each (interview, step) is claimed in the database before
    its mail goes out, and a missed run only sends the newest due step, never a burst."""
    now = now or timezone.now()
    sent = 0
    for interview in interviews_to_remind(now):
        zone = zone_for_user(interview.interviewer)
        step = reminder_step_due(interview.ends_at, now, zone)
        if step is None or not wants_email(interview.interviewer):
            continue
        if interview.reminders.filter(step__gte=step).exists():
            continue
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                interview=interview, step=step, defaults={"sent_at": now}
            )
            if not created:
                continue
            reminder_mail(interview, step)
            Interview.objects.filter(pk=interview.pk).update(reminded_at=now)
        sent += 1
    return sent


# --- "Every scorecard is in" -----------------------------------------------------------------


def packet_complete_notify(candidate: Candidate) -> int:
    """Tell the role's hiring managers, once, that every scorecard of `candidate` is in.
    Returns how many were mailed (0 when not complete yet or already told)."""
    interviews = candidate.interviews.all()
    if (
        not interviews.exists()
        or interviews.exclude(scorecard__status=Scorecard.Status.SUBMITTED).exists()
    ):
        return 0
    claimed = Candidate.objects.filter(pk=candidate.pk, complete_notified_at__isnull=True).update(
        complete_notified_at=timezone.now()
    )
    if not claimed:
        return 0
    link = site_link(reverse("scorecards:packet", args=[candidate.pk]))
    count = interviews.count()
    mailed = 0
    for manager in candidate.role.hiring_managers.select_related("profile"):
        if not wants_email(manager):
            continue
        EmailMultiAlternatives(
            f"Ready for a decision: {candidate.name} ({candidate.role.title})",
            f"Hello {person_name(manager)},\n\nall {count} scorecard{'s' if count != 1 else ''} "
            f"for {candidate.name} are in. The packet: {link}\n",
            None,
            [manager.email],
        ).send(fail_silently=False)
        mailed += 1
    return mailed
