"""Candidates, interview loops, scorecards and hiring decisions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Now
from django.utils import timezone

from interviewkit import scale
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal


class CandidateStatus(models.TextChoices):
    """A candidate's place in the process, as annotated by `CandidateQuerySet.with_status` (and
    filtered on by `CandidateQuerySet.in_status`: the same rules). Decided: any decision; else
    no loop: no interview; else ready for review: every interview's scorecard submitted; else
    awaiting feedback: an interview without a submitted scorecard whose time has passed; else
    in loop. The time-free part is stored on the candidate (`LoopState`)."""

    NO_LOOP = "no-loop", "No loop yet"
    IN_LOOP = "in-loop", "In loop"
    AWAITING = "awaiting-feedback", "Awaiting feedback"
    READY = "ready-for-review", "Ready for review"
    DECIDED = "decided", "Decided"


def count_of(rows: models.QuerySet) -> Coalesce:
    """How many rows of a correlated subquery on interviews, as an annotation (0 when none)."""
    counted = rows.order_by().values("candidate").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


class LoopState(models.TextChoices):
    """The stored part of a candidate's status (`Candidate.loop_state`); with
    `Candidate.feedback_due_at` and the clock it gives the CandidateStatus."""

    NONE = "none", "No interviews"
    OPEN = "open", "Some scorecard not submitted"
    COMPLETE = "complete", "Every scorecard submitted"
    DECIDED = "decided", "Decided"


def _unsubmitted_interviews() -> models.QuerySet:
    """The interviews of the outer candidate whose scorecard is not submitted (or not begun)."""
    return Interview.objects.filter(candidate=OuterRef("pk")).exclude(
        scorecard__status=Scorecard.Status.SUBMITTED
    )


def loop_state_from_rows() -> Case:
    """The outer candidate's LoopState worked out from its interviews, scorecards and decisions:
    the rules of the candidate's status, which `scorecards.services.candidate_status` stores."""
    interviews = Interview.objects.filter(candidate=OuterRef("pk"))
    return Case(
        When(
            Exists(Decision.objects.filter(candidate=OuterRef("pk"))), then=Value(LoopState.DECIDED)
        ),
        When(~Exists(interviews), then=Value(LoopState.NONE)),
        When(Exists(_unsubmitted_interviews()), then=Value(LoopState.OPEN)),
        default=Value(LoopState.COMPLETE),
        output_field=CharField(),
    )


def feedback_due_from_rows() -> Subquery:
    """When the outer candidate starts awaiting feedback: the earliest time among its interviews
    whose scorecard is not submitted (null when none has a time)."""
    earliest = (
        _unsubmitted_interviews()
        .order_by()
        .values("candidate")
        .annotate(earliest=Min("scheduled_at"))
        .values("earliest")
    )
    return Subquery(earliest[:1], output_field=models.DateTimeField())


class CandidateQuerySet(models.QuerySet):
    def in_status(self, status: str, *, now: datetime | None = None) -> CandidateQuerySet:
        """The candidates whose `with_status` status is `status`, read from the stored
        `loop_state` and `feedback_due_at` (an index on the role and the state answers it):
        "awaiting feedback" is an open loop whose earliest unsubmitted interview's time has
        passed `now`, "in loop" an open loop whose has not (or has no time)."""
        now = now or timezone.now()
        open_loop = Q(loop_state=LoopState.OPEN)
        overdue = Q(feedback_due_at__lt=now)
        rule = {
            CandidateStatus.DECIDED: Q(loop_state=LoopState.DECIDED),
            CandidateStatus.READY: Q(loop_state=LoopState.COMPLETE),
            CandidateStatus.NO_LOOP: Q(loop_state=LoopState.NONE),
            CandidateStatus.AWAITING: open_loop & overdue,
            CandidateStatus.IN_LOOP: open_loop
            & (Q(feedback_due_at__isnull=True) | Q(feedback_due_at__gte=now)),
        }[CandidateStatus(status)]
        return self.filter(rule)

    def with_status(self, *, now: datetime | None = None) -> CandidateQuerySet:
        """Each candidate annotated in the same query with `status` (a CandidateStatus, from the
        stored state and `now` by the rules of `in_status`), the latest `decision_outcome`, and
        the loop's `interview_count` and `submitted_count`."""
        now = now or timezone.now()
        interviews = Interview.objects.filter(candidate=OuterRef("pk"))
        submitted = Q(scorecard__status=Scorecard.Status.SUBMITTED)
        decisions = Decision.objects.filter(candidate=OuterRef("pk"))
        return self.annotate(
            decision_outcome=Subquery(decisions.latest_first().values("outcome")[:1]),
            interview_count=count_of(interviews),
            submitted_count=count_of(interviews.filter(submitted)),
            status=Case(
                When(loop_state=LoopState.DECIDED, then=Value(CandidateStatus.DECIDED)),
                When(loop_state=LoopState.COMPLETE, then=Value(CandidateStatus.READY)),
                When(loop_state=LoopState.NONE, then=Value(CandidateStatus.NO_LOOP)),
                When(feedback_due_at__lt=now, then=Value(CandidateStatus.AWAITING)),
                default=Value(CandidateStatus.IN_LOOP),
                output_field=CharField(),
            ),
        )

    def with_state_from_rows(self) -> CandidateQuerySet:
        """Each candidate annotated with `rows_loop_state` and `rows_feedback_due_at`, worked
        out from the rows this time: what the stored `loop_state` and `feedback_due_at` must
        equal (the tests compare them)."""
        return self.annotate(
            rows_loop_state=loop_state_from_rows(), rows_feedback_due_at=feedback_due_from_rows()
        )


class Candidate(models.Model):
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="candidates")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the candidate's personal data was erased; the scores stay as anonymous statistics.
    erased_at = models.DateTimeField(null=True, blank=True)
    # When the hiring managers were told every scorecard is in (told once, never again).
    complete_notified_at = models.DateTimeField(null=True, blank=True)
    # The candidate's profile, kept by the recruiters (scorecards.services.candidate_profile):
    # links, notes, and a CV stored under a random name outside any public URL, served only
    # through the candidate's CV view.
    linkedin_url = models.URLField("LinkedIn", max_length=500, blank=True)
    portfolio_url = models.URLField("Portfolio or website", max_length=500, blank=True)
    recruiter_notes = models.TextField(blank=True)
    cv = models.FileField(upload_to="cvs/", blank=True)
    cv_name = models.CharField(max_length=255, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    # The status rules' answer from the candidate's interviews, scorecards and decisions,
    # stored by `scorecards.services.candidate_status.candidate_status_refresh` in the
    # transaction of every write that changes it, so that the list filters thousands of
    # candidates by status through an index; `feedback_due_at` is the earliest time among the
    # interviews whose scorecard is not submitted, the moment an open loop starts awaiting
    # feedback (compared with the time of each request: the clock needs no job).
    loop_state = models.CharField(max_length=10, choices=LoopState.choices, default=LoopState.NONE)
    feedback_due_at = models.DateTimeField(null=True, blank=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "email"], name="candidate_email_unique_in_role"
            ),
        ]
        indexes = [
            # The candidate list: one role's candidates, newest first.
            models.Index(fields=["role", "-created_at"], name="candidate_role_created"),
            # The candidate list filtered by status (`in_status`): the keys in name order.
            models.Index(fields=["role", "loop_state", "name", "id"], name="candidate_role_state"),
            # The overdue box (`InterviewQuerySet.overdue`): the role's open loops due longest.
            models.Index(
                fields=["role", "loop_state", "feedback_due_at"], name="candidate_role_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class InterviewQuerySet(models.QuerySet):
    def for_interviewer(self, user) -> InterviewQuerySet:
        return self.filter(interviewer=user)

    def for_candidate(self, candidate: Candidate) -> InterviewQuerySet:
        return self.filter(candidate=candidate)

    def overdue(self, *, now: datetime | None = None) -> InterviewQuerySet:
        """Interviews of undecided, not erased candidates held more than OVERDUE_AFTER ago
        whose scorecard is not submitted: the ones the recruiter chases."""
        cutoff = (now or timezone.now()) - scale.OVERDUE_AFTER
        return self.filter(
            candidate__erased_at__isnull=True,
            # Undecided with an unsubmitted interview held before the cutoff, read from the
            # candidate's stored state (an index on the role, the state and the time finds
            # the few such candidates among thousands, where the rule from the rows read every
            # interview of the role and every decision).
            candidate__loop_state=LoopState.OPEN,
            candidate__feedback_due_at__lt=cutoff,
            scheduled_at__lt=cutoff,
        ).exclude(scorecard__status=Scorecard.Status.SUBMITTED)

    def oldest_overdue(self, role: Role, *, limit: int, now: datetime | None = None) -> list:
        """The `limit` longest-overdue interviews of `role` (`overdue`, by time held): the same
        rows as `overdue()` ordered and cut, read from fewer candidates. A candidate's
        `feedback_due_at` is the time of their earliest unsubmitted interview, so if `limit`
        candidates are due by T, `limit` overdue interviews are older than any interview of a
        candidate due after T: only the candidates due by T can hold the oldest."""
        now = now or timezone.now()
        cutoff = now - scale.OVERDUE_AFTER
        due = Candidate.objects.filter(
            role=role,
            erased_at__isnull=True,
            loop_state=LoopState.OPEN,
            feedback_due_at__lt=cutoff,
        ).order_by("feedback_due_at")
        bound = Coalesce(Subquery(due.values("feedback_due_at")[limit - 1 : limit]), Value(cutoff))
        return list(
            self.filter(candidate__role=role)
            .overdue(now=now)
            .filter(candidate__feedback_due_at__lte=bound)
            .order_by("scheduled_at", "id")[:limit]
        )


class Interview(models.Model):
    """One interview of a candidate's loop: an exercise of the kit, an interviewer, a time."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="interviews")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews"
    )
    # Kept beside the exercise so the loop still reads right if the exercise is edited away.
    title = models.CharField(max_length=200)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interviews"
    )
    scheduled_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The calendar invitation's SEQUENCE: raised on every change the interviewer's calendar
    # must follow (time, interviewer, cancellation), so calendars replace the older copy.
    invitation_sequence = models.PositiveIntegerField(default=0)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["candidate", "position", "scheduled_at", "id"]
        indexes = [
            # "My interviews": an interviewer's interviews by date.
            models.Index(fields=["interviewer", "scheduled_at"], name="interview_interviewer_when"),
        ]

    def __str__(self) -> str:
        return f"{self.title} with {self.candidate.name}"

    @property
    def invitation_uid(self) -> str:
        """The calendar event's UID: the same for every update and the cancellation."""
        return f"interview-{self.pk}@interviewkit"

    def is_overdue(self, now: datetime) -> bool:
        """Held more than OVERDUE_AFTER before `now`; whether its scorecard is in is the
        caller's to check (`InterviewQuerySet.overdue` is the same rule in the database)."""
        return self.scheduled_at is not None and self.scheduled_at < now - scale.OVERDUE_AFTER

    @property
    def ends_at(self):
        if self.scheduled_at is None:
            return None
        minutes = self.exercise.minutes if self.exercise_id else 60
        return self.scheduled_at + timedelta(minutes=minutes)


class ReminderSent(models.Model):
    """One automatic reminder step sent for an interview. The unique pair is what makes the
    periodic job safe to run twice: a step already recorded is never sent again."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="reminders")
    # 0: an hour after the interview's end; 1, 2, …: each following day.
    step = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "step"], name="reminder_step_once"),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.step} for interview {self.interview_id}"


class ScorecardQuerySet(models.QuerySet):
    def submitted(self) -> ScorecardQuerySet:
        return self.filter(status=Scorecard.Status.SUBMITTED)

    def drafts(self) -> ScorecardQuerySet:
        return self.filter(status=Scorecard.Status.DRAFT)

    def for_candidate(self, candidate: Candidate) -> ScorecardQuerySet:
        return self.filter(interview__candidate=candidate)

    def by(self, user) -> ScorecardQuerySet:
        return self.filter(interview__interviewer=user)


Recommendation = models.TextChoices(
    "Recommendation",
    scale.choice_members(scale.Recommendation, scale.RECOMMENDATION_NAMES),
    module=__name__,
)


class Scorecard(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="scorecard")
    # The kit version the ratings were given against; it never changes under a scorecard.
    kit = models.ForeignKey(KitVersion, on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    recommendation = models.CharField(max_length=12, choices=Recommendation.choices, blank=True)
    takeaways = models.TextField(blank=True)
    # Optimistic concurrency: every save bumps it; a save carrying an older value is refused.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Brought in from a spreadsheet or another tool (import_scorecards), not filled in the app.
    imported = models.BooleanField(default=False)
    # The imported file's `scorecard_id`: the key that makes importing a file again add nothing.
    source_scorecard_id = models.CharField(max_length=64, blank=True)
    # When the author first opened another scorecard or the packet of this candidate (only
    # possible after submitting); an amendment after it may be anchored on the others' views.
    others_first_read_at = models.DateTimeField(null=True, blank=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        ordering = ["interview__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(submitted_at__isnull=False) & ~Q(recommendation="")),
                name="scorecard_submitted_is_complete",
            ),
            models.UniqueConstraint(
                fields=["source_scorecard_id"],
                condition=~Q(source_scorecard_id=""),
                name="scorecard_source_id_unique",
            ),
        ]
        indexes = [
            # Aggregation and calibration: a kit version's submitted scorecards.
            models.Index(fields=["kit", "status"], name="scorecard_kit_status"),
        ]

    def __str__(self) -> str:
        return f"Scorecard for {self.interview}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Rating(models.Model):
    Level = models.IntegerChoices(
        "Level",
        scale.choice_members(
            scale.Level, {level: f"{level} · {name}" for level, name in scale.LEVEL_NAMES.items()}
        ),
        module=__name__,
        qualname="Rating.Level",
    )

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="ratings")
    # None means "not assessed": it drops out of the weighted score.
    value = models.PositiveSmallIntegerField(null=True, blank=True, choices=Level.choices)
    evidence = models.TextField(blank=True)
    # In a draft: evidence typed before any rating was chosen ("not rated yet", which a reload
    # must not turn into "not assessed"). Never set once submitted.
    pending = models.BooleanField(default=False)

    class Meta:
        ordering = ["dimension__position", "dimension_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "dimension"], name="rating_one_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=1) & Q(value__lte=4)),
                name="rating_value_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(pending=False) | Q(value__isnull=True),
                name="rating_pending_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name}: {self.value or 'not assessed'}"


class ObservedSignal(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="observed")
    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="observations")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["signal__kind", "signal__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "signal"], name="signal_observed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.signal} ({self.scorecard_id})"


class ScorecardRevision(models.Model):
    """A submitted scorecard as it stood before an amendment, with the reason for the change."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whether the author had read any other scorecard of the candidate before amending.
    author_had_read_others = models.BooleanField(default=False)

    class Meta:
        ordering = ["scorecard", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.scorecard}"


class DecisionQuerySet(models.QuerySet):
    def latest_first(self) -> DecisionQuerySet:
        """Newest first: the first one is the candidate's status, the rest its history."""
        return self.order_by("-decided_at", "-id")


class Decision(models.Model):
    """A hiring decision; the newest one is the candidate's status, older ones are its history."""

    class Outcome(models.TextChoices):
        HIRE = "hire", "Hire"
        NO_HIRE = "no-hire", "No hire"
        HOLD = "hold", "Hold"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The database's clock, not the app server's: the history's order is the order in which
    # decisions were recorded, whichever server took them (decision_record locks the candidate).
    decided_at = models.DateTimeField(db_default=Now(), editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["candidate", "-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.candidate.name}"


class ExportJob(models.Model):
    """A batch export of packets or summaries for a role, run by a background task worker."""

    class Kind(models.TextChoices):
        PACKETS = "packets", "PDF packets"
        SUMMARIES = "summaries", "One-page summaries"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="export_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PACKETS)
    candidate_ids = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # [{"candidate_id": …, "candidate": "name", "error": "…"}] for packets that failed.
    failures = models.JSONField(default=list, blank=True)
    # The candidate ids already counted into `done`: a chunk run again (its worker died) counts
    # each candidate once.
    counted = models.JSONField(default=list, blank=True)
    # Started from the command line: no requester, the packets are complete.
    by_operator = models.BooleanField(default=False)
    archive = models.FileField(upload_to="exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.role} ({self.done}/{self.total})"


class PacketPdf(models.Model):
    """A rendered PDF of a candidate's packet or summary, kept while what it shows is unchanged.

    `content_key` is the SHA-256 of the document's HTML (its "made at" time left out) and of the
    print stylesheet, so any change that shows in the PDF (a scorecard, a decision, a refit's
    figures, a name, the reader's time zone or rights) asks for another one: a stored PDF is
    never served for a packet that has changed. The file lives in the default storage under
    `packet-pdfs/` and is served only through the PDF views and exports, after their access
    checks (see `scorecards.services.packet_pdfs`)."""

    class Kind(models.TextChoices):
        PACKET = "packet", "Packet"
        SUMMARY = "summary", "One-page summary"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="pdfs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_key = models.CharField(max_length=64)
    file = models.FileField(upload_to="packet-pdfs/")
    made_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind", "content_key"], name="packet_pdf_one_per_content"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} PDF of {self.candidate_id} ({self.content_key[:8]})"


class RoleFit(models.Model):
    """The role's statistical model (scorecards.role_model), fitted by the background worker
    after a scorecard of the role is submitted or amended, so that a packet reads a few rows
    instead of re-estimating every interviewer's leniency."""

    role = models.OneToOneField(Role, on_delete=models.CASCADE, related_name="fit")
    fitted_at = models.DateTimeField()
    scorecards = models.PositiveIntegerField(default=0)
    ratings = models.PositiveIntegerField(default=0)
    # role_model.Components.as_json(), or null when no candidate has two ratings of a dimension.
    components = models.JSONField(null=True, blank=True)
    # The same, of the ratings as the calibrated view reads them (the calibrated range's noise);
    # null for a fit made before they were stored.
    calibrated_components = models.JSONField(null=True, blank=True)
    # Between-interviewer variance of leniency (the shrinkage prior) and the residual variance.
    leniency_variance = models.FloatField(default=0.0)
    residual_variance = models.FloatField(default=0.0)
    # role_model.Agreement.as_json(), overall and {dimension: ...}.
    agreement = models.JSONField(default=dict, blank=True)
    agreement_by_dimension = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Model of {self.role} fitted at {self.fitted_at:%Y-%m-%d %H:%M %Z}"


class InterviewerFit(models.Model):
    """One interviewer's leniency in a role's fit (role_model.InterviewerLeniency), and the
    counts of their scorecards in the role at the time of the fit."""

    fit = models.ForeignKey(RoleFit, on_delete=models.CASCADE, related_name="interviewers")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    ratings = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    raw = models.FloatField(null=True, blank=True)
    se = models.FloatField(null=True, blank=True)
    estimate = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    posterior_variance = models.FloatField(null=True, blank=True)
    # calibration.stats.InterviewerSummary.as_stored(): their scorecards, ratings per level,
    # recommendations and time to submit in the role, counted with the fit so that the role's
    # calibration page reads these rows instead of every rating; null in a fit made before.
    summary = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fit", "interviewer"], name="interviewer_fit_unique"),
        ]

    def __str__(self) -> str:
        return f"Leniency of user {self.interviewer_id} in {self.fit}"


class WorkerLease(models.Model):
    """A task worker's heartbeat. A task still RUNNING under a worker whose lease ran out (the
    process was killed, its machine died) is put back in the queue by the other workers
    (`scorecards.task_worker`)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} (beat {self.beat_at:%H:%M:%S %Z})"


# Models of the app's subpackages, imported here so that Django registers them with the app.
from scorecards.api.models import ApiToken  # noqa: E402, F401
from scorecards.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
