"""What the API returns, and the shapes it accepts. Output serializers read only; input
serializers check types and shapes, and the app's own forms and services check the rules."""

from __future__ import annotations

from rest_framework import serializers

from interviewkit.models import AuditEvent, Dimension, Exercise, KitVersion, Role, Signal
from interviewkit.scale import LEVELS
from scorecards.models import (
    Candidate,
    CandidateStatus,
    Decision,
    Interview,
    Rating,
    Recommendation,
    Scorecard,
)
from scorecards.services.scorecards import NOTE_MAX


class DimensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dimension
        fields = ["id", "position", "name", "description", "weight", "questions"]


class ExerciseSerializer(serializers.ModelSerializer):
    focus = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Exercise
        fields = ["id", "position", "name", "format", "minutes", "brief", "questions", "focus"]


class SignalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signal
        fields = ["id", "kind", "text", "dimension"]


class KitSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = KitVersion
        fields = ["id", "number", "weight_basis", "sources", "note", "created_at"]


class KitSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    dimensions = DimensionSerializer(many=True, read_only=True)
    exercises = ExerciseSerializer(many=True, read_only=True)
    signals = SignalSerializer(many=True, read_only=True)

    class Meta:
        model = KitVersion
        fields = [
            "id",
            "role",
            "number",
            "weight_basis",
            "sources",
            "note",
            "created_at",
            "dimensions",
            "exercises",
            "signals",
        ]


class RoleSerializer(serializers.ModelSerializer):
    kits = KitSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Role
        fields = ["slug", "title", "created_at", "kits"]


class KitImportSerializer(serializers.Serializer):
    document = serializers.FileField(help_text="A role document (Markdown, text, JSON, …).")


class CandidateSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = ["id", "role", "name", "email", "created_at", "erased_at", "status"]

    def get_status(self, candidate) -> str | None:
        """No loop yet, in loop, awaiting feedback, ready for review or decided (lists filtered
        by role)."""
        return getattr(candidate, "status", None)


class PlannedInterviewSerializer(serializers.Serializer):
    exercise = serializers.IntegerField()
    interviewer = serializers.IntegerField()
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True)


class CandidateCreateSerializer(serializers.Serializer):
    role = serializers.SlugField()
    name = serializers.CharField(max_length=200, allow_blank=True)
    email = serializers.CharField(max_length=254, allow_blank=True)
    loop = PlannedInterviewSerializer(many=True, required=False)


class CandidateUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    email = serializers.EmailField(max_length=254, allow_blank=True, required=False)


class InterviewSerializer(serializers.ModelSerializer):
    interviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    scorecard = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "candidate",
            "exercise",
            "title",
            "interviewer",
            "scheduled_at",
            "position",
            "scorecard",
        ]

    def get_scorecard(self, interview) -> dict | None:
        """The scorecard's id and status, if started (its content is behind its own route)."""
        scorecard = getattr(interview, "scorecard", None)
        if scorecard is None:
            return None
        return {"id": scorecard.pk, "status": scorecard.status}


class InterviewCreateSerializer(serializers.Serializer):
    exercise = serializers.IntegerField()
    interviewer = serializers.IntegerField()
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True)


class InterviewUpdateSerializer(serializers.Serializer):
    interviewer = serializers.IntegerField(required=False)
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True)


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["up", "down"])


class RatingSerializer(serializers.ModelSerializer):
    dimension_name = serializers.CharField(source="dimension.name", read_only=True)
    weight = serializers.IntegerField(source="dimension.weight", read_only=True)

    class Meta:
        model = Rating
        fields = ["dimension", "dimension_name", "weight", "value", "evidence"]


class ScorecardSerializer(serializers.ModelSerializer):
    candidate = serializers.IntegerField(source="interview.candidate_id", read_only=True)
    interviewer = serializers.CharField(source="interview.interviewer.username", read_only=True)
    kit_version = serializers.IntegerField(source="kit.number", read_only=True)
    ratings = RatingSerializer(many=True, read_only=True)
    signals = serializers.SerializerMethodField()

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "interview",
            "candidate",
            "interviewer",
            "kit_version",
            "status",
            "recommendation",
            "takeaways",
            "revision",
            "submitted_at",
            "updated_at",
            "ratings",
            "signals",
        ]

    def get_signals(self, scorecard) -> list[dict]:
        return [
            {"signal": seen.signal_id, "kind": seen.signal.kind, "note": seen.note}
            for seen in scorecard.observed.all()
        ]


class RatingInputSerializer(serializers.Serializer):
    dimension = serializers.IntegerField()
    value = serializers.IntegerField(
        min_value=min(LEVELS),
        max_value=max(LEVELS),
        allow_null=True,
        help_text="1–4, or null for not assessed.",
    )
    evidence = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)


class SignalInputSerializer(serializers.Serializer):
    signal = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)


class ScorecardInputSerializer(serializers.Serializer):
    ratings = RatingInputSerializer(many=True, required=False)
    signals = SignalInputSerializer(many=True, required=False)
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices, allow_blank=True, required=False
    )
    takeaways = serializers.CharField(
        allow_blank=True, required=False, max_length=NOTE_MAX, trim_whitespace=False
    )
    submit = serializers.BooleanField(
        default=True, help_text="true submits (every rule of the form); false saves a draft."
    )
    revision = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The revision this write starts from; a newer stored one gives 409.",
    )


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "candidate", "outcome", "rationale", "decided_by", "decided_at"]


class DecisionInputSerializer(serializers.Serializer):
    outcome = serializers.CharField(allow_blank=True)
    rationale = serializers.CharField(allow_blank=True)
    without_scorecards = serializers.BooleanField(
        default=False,
        help_text="true confirms a decision on a candidate with no submitted scorecard; "
        "without it such a decision is refused (400, on this field).",
    )
    expected_decision = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The id of the decision the client last read as current (null: none). When "
        "given and another decision has been recorded since, nothing is recorded: 409 "
        "`decided_meanwhile`, with the newer decision. Left out, nothing is checked.",
    )


class AuditEventSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "role",
            "detail",
        ]


STATUS_VALUES = CandidateStatus.values
