from django.contrib import admin

from .models import Candidate, Introducer, Step, UnionIntroduction


class StepInline(admin.TabularInline):
    model = Step
    extra = 0


class IntroducerInline(admin.TabularInline):
    model = Introducer
    raw_id_fields = ("member",)
    extra = 0


class UnionIntroductionInline(admin.StackedInline):
    model = UnionIntroduction
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("full_name", "birth_date", "org", "status", "stage", "stage_on")
    list_filter = ("status", "stage")
    search_fields = ("full_name", "citizen_id")
    raw_id_fields = ("org", "member")
    readonly_fields = ("stage", "stage_on", "member")
    inlines = [StepInline, IntroducerInline, UnionIntroductionInline]
