from django.contrib import admin

from .models import Discipline, Inspection


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    """Read-only: records are made through the services, which check the subject and dates."""

    list_display = ["kind", "mode", "subject_org", "subject_member", "conducted_by", "start_date", "violations_found"]
    list_filter = ["kind", "mode", "violations_found"]
    search_fields = ["subject_org__name", "subject_member__name_key", "content"]
    raw_id_fields = ["subject_org", "subject_member", "conducted_by"]
    date_hierarchy = "start_date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    """Read-only: a khai trừ must also record the member's expulsion, which only the service does."""

    list_display = ["form", "subject_org", "subject_member", "decision_no", "decision_date", "decided_by"]
    list_filter = ["form"]
    search_fields = ["decision_no", "subject_org__name", "subject_member__name_key"]
    raw_id_fields = ["subject_org", "subject_member", "decided_by", "inspection"]
    date_hierarchy = "decision_date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
