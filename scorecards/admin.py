from django.contrib import admin

from scorecards.models import Candidate, Decision, Interview, Rating, Scorecard, ScorecardRevision


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["interview", "status", "recommendation", "submitted_at"]
    list_filter = ["status"]
    inlines = [RatingInline]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["name", "email"]


admin.site.register(Interview)
admin.site.register(Decision)
admin.site.register(ScorecardRevision)
