"""The kit domain: roles, versioned interview kits and what a kit holds.

A kit version is immutable once a scorecard has been filled against it (see `KitVersion.is_used`);
the services in `interviewkit.services` make a new version instead of editing a used one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from interviewkit import scale


class Role(models.Model):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The hiring team: who may review packets and edit the kit (managers), and who runs the loop.
    hiring_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_roles"
    )
    recruiters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="recruited_roles"
    )
    # The role's interviewer panel: offered first when a loop is planned. Interviews are what
    # give an interviewer access to a candidate, not this list.
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="interviewing_roles"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def current_kit(self) -> KitVersion | None:
        return self.kits.order_by("-number").first()


class KitVersionQuerySet(models.QuerySet):
    def current(self) -> KitVersionQuerySet:
        """The newest version of each role (one row per role)."""
        newest = models.Subquery(
            KitVersion.objects.filter(role=models.OuterRef("role"))
            .order_by("-number")
            .values("number")[:1]
        )
        return self.filter(number=newest)

    def with_contents(self) -> KitVersionQuerySet:
        """Each kit with its role, dimensions, exercises (and their focus) and signals (and
        their dimension): four queries more, whatever the number of kits."""
        return self.select_related("role").prefetch_related(
            "dimensions",
            models.Prefetch("exercises", queryset=Exercise.objects.prefetch_related("focus")),
            models.Prefetch("signals", queryset=Signal.objects.select_related("dimension")),
        )


class KitVersion(models.Model):
    class WeightBasis(models.TextChoices):
        EXPLICIT = "explicit", "Explicit weight column"
        FREQUENCY = "frequency", "Posting frequency"
        REQUIRED_PREFERRED = "required-preferred", "Required 2 : preferred 1"
        MANUAL = "manual", "Set by hand"

    class Status(models.TextChoices):
        # An import that derived or suggested anything is a draft until a hiring manager has
        # reviewed it; interviews are planned on confirmed kits only.
        DRAFT = "draft", "Draft, to review"
        CONFIRMED = "confirmed", "Confirmed"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="kits")
    number = models.PositiveIntegerField()
    weight_basis = models.CharField(max_length=20, choices=WeightBasis.choices)
    # File names of the documents this version was built from, in import order.
    sources = models.JSONField(default=list, blank=True)
    # Hash of the normalised documents; re-importing the same documents is then a no-op.
    source_hash = models.CharField(max_length=64, blank=True)
    note = models.CharField(max_length=500, blank=True)
    # How the weights were made, in words ("Required 2 : preferred 1, summed over …").
    weight_note = models.TextField(blank=True)
    # Screening criteria (years, education, location, work authorisation): checked before the
    # loop, never rated. A list of {"text", "document", "section"}.
    screening = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = KitVersionQuerySet.as_manager()

    class Meta:
        ordering = ["role__title", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["role", "number"], name="kit_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="kit_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.role.title} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_used(self) -> bool:
        """True once any scorecard (draft or submitted) was filled against this version."""
        return self.scorecards.exists()

    def total_weight(self) -> int:
        return sum(d.weight for d in self.dimensions.all())


class Provenance(models.Model):
    """Where an item came from: a document and section, the importer's suggestion, or the app."""

    class Origin(models.TextChoices):
        READ = "read", "Read from the document"
        GROUPED = "grouped", "Grouped from the document's bullets"
        SUGGESTED = "suggested", "Suggested by the importer"
        WRITTEN = "written", "Written in the app"

    source_document = models.CharField(max_length=255, blank=True)
    source_section = models.CharField(max_length=500, blank=True)
    suggested = models.BooleanField(
        default=False, help_text="Derived by the importer, not stated by any document."
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.WRITTEN)

    class Meta:
        abstract = True

    @property
    def source_label(self) -> str:
        if self.suggested:
            return "Suggested by the importer"
        if self.origin == self.Origin.GROUPED:
            return f"Grouped from {self.source_document} § {self.source_section}"
        if self.source_document:
            section = f" § {self.source_section}" if self.source_section else ""
            return f"{self.source_document}{section}"
        return "Written in the app"


class Dimension(Provenance):
    kit = models.ForeignKey(KitVersion, on_delete=models.CASCADE, related_name="dimensions")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text='What "excellent" looks like.')
    weight = models.PositiveSmallIntegerField(help_text="Percent; a kit's weights sum to 100.")
    anchor_1 = models.TextField("Strong no looks like", blank=True)
    anchor_2 = models.TextField("No looks like", blank=True)
    anchor_3 = models.TextField("Yes looks like", blank=True)
    anchor_4 = models.TextField("Strong yes looks like", blank=True)
    # Probing questions that bear on this dimension ("what to assess").
    questions = models.JSONField(default=list, blank=True)
    # Parts the competency library filled in on a read or grouped dimension ("anchors",
    # "questions"), shown as suggestions.
    suggested_parts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["kit", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kit", "name"], name="dimension_name_unique_in_kit"),
            models.CheckConstraint(
                condition=Q(weight__lte=100), name="dimension_weight_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"

    def anchors(self) -> dict[int, str]:
        return {1: self.anchor_1, 2: self.anchor_2, 3: self.anchor_3, 4: self.anchor_4}


class Exercise(Provenance):
    class Format(models.TextChoices):
        SYSTEM_DESIGN = "system-design", "System design"
        INCIDENT = "incident", "Incident scenario"
        HANDS_ON = "hands-on", "Hands-on review"
        BEHAVIORAL = "behavioral", "Behavioral"
        OTHER = "other", "Other"

    kit = models.ForeignKey(KitVersion, on_delete=models.CASCADE, related_name="exercises")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.OTHER)
    minutes = models.PositiveSmallIntegerField(default=45)
    brief = models.TextField(blank=True)
    questions = models.JSONField(default=list, blank=True)
    focus = models.ManyToManyField(Dimension, blank=True, related_name="exercises")
    # False for a loop step without a scorecard (a screening call, a résumé review).
    scored = models.BooleanField(default=True)

    class Meta:
        ordering = ["kit", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kit", "name"], name="exercise_name_unique_in_kit"),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=600), name="exercise_minutes_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.minutes} min)"


class Signal(Provenance):
    Kind = models.TextChoices(
        "Kind",
        scale.choice_members(scale.SignalKind, scale.SIGNAL_KIND_NAMES),
        module=__name__,
        qualname="Signal.Kind",
    )

    kit = models.ForeignKey(KitVersion, on_delete=models.CASCADE, related_name="signals")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    dimension = models.ForeignKey(
        Dimension, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )

    class Meta:
        ordering = ["kit", "kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class AuditEvent(models.Model):
    """Append-only: who did what, when, on which object. Never updated or deleted by the app."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept beside the foreign key so the log still names who acted after a user is removed.
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # The role the object belongs to, so a hiring manager sees the log of their roles only.
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    detail = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The audit page of a role: its events, newest first.
            models.Index(fields=["role", "-at"], name="audit_role_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'system'} {self.action}"


class UserProfile(models.Model):
    """A person's own settings: the time zone every time is shown in, and whether they get email.

    An empty `time_zone` means "the browser's": the middleware then reads the zone the browser
    reported (see static/js/app.js), so nobody has to set it before the times read right."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(max_length=64, blank=True)
    email_enabled = models.BooleanField(
        default=True, help_text="Invitations, reminders and 'packet complete' notices."
    )

    def __str__(self) -> str:
        return f"Profile of {self.user}"
