"""The tasks app in Django's admin, like every other app's: the admin is open only to an
administrator of the whole tree (SECURITY.md), so it is not scoped further. What the rules derive
— an evaluation's points, proposal, reasons and basis — is shown, not typed."""

from django.contrib import admin

from .models import Criterion, Evaluation, Framework, Task, TaskResult


class TaskResultInline(admin.StackedInline):
    model = TaskResult
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "org", "member", "year", "quarter", "target", "measure", "deadline", "weight"]
    list_filter = ["year", "quarter"]
    search_fields = ["title", "org__name", "org__code", "member__full_name"]
    raw_id_fields = ["org", "member", "assigned_by"]
    inlines = [TaskResultInline]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["committee", "year", "subject"]
    list_filter = ["year", "subject"]
    raw_id_fields = ["committee", "created_by"]
    inlines = [CriterionInline]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "org", "member", "quarter", "points", "proposed_class", "decided_class"]
    list_filter = ["cycle__year", "quarter", "decided_class"]
    search_fields = ["org__name", "org__code", "member__full_name"]
    raw_id_fields = ["cycle", "org", "member", "decided_by"]
    readonly_fields = ["points", "proposed_class", "reasons", "basis", "decided_at", "updated_at"]
