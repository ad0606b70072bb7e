"""The scoring data in the Django admin, for reading only.

Scorecards, ratings, amendments, decisions, candidates and their interviews change only through
the app's pages and services, which enforce the rules (a submitted scorecard changes only by an
amendment with a reason, kept as a revision), and record each change in the audit log. An admin
edit would bypass all three, so the admin shows these records and changes none of them.
"""

from django.contrib import admin

from interviewkit.admin import ReadOnlyAdmin, ReadOnlyInline
from scorecards.models import (
    Candidate,
    Decision,
    Interview,
    ObservedSignal,
    Rating,
    Scorecard,
    ScorecardRevision,
)


class RatingInline(ReadOnlyInline):
    model = Rating


class ObservedSignalInline(ReadOnlyInline):
    model = ObservedSignal


class RevisionInline(ReadOnlyInline):
    model = ScorecardRevision
    fields = ["number", "reason", "created_by", "created_at"]
    readonly_fields = fields


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["interview", "status", "recommendation", "submitted_at"]
    list_filter = ["status"]
    inlines = [RatingInline, ObservedSignalInline, RevisionInline]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["name", "email"]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "title", "interviewer", "scheduled_at"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "outcome", "decided_by", "decided_at"]


@admin.register(ScorecardRevision)
class ScorecardRevisionAdmin(ReadOnlyAdmin):
    list_display = ["scorecard", "number", "created_by", "created_at"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["scorecard", "dimension", "value"]
