from django.contrib import admin

from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence of who took personal data out; nobody edits it."""

    list_display = ["at", "user", "kind", "row_count", "with_citizen_id"]
    list_filter = ["kind", "with_citizen_id"]
    search_fields = ["user__username"]
    date_hierarchy = "at"
    readonly_fields = ["at", "user", "kind", "filters", "row_count", "with_citizen_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
