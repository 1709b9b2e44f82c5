from django.contrib import admin

from .models import Election, ElectionArea


class ElectionAreaInline(admin.TabularInline):
    model = ElectionArea
    extra = 0
    fields = ["name", "org", "registered", "voted"]
    readonly_fields = fields
    can_delete = False


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    """Read-only: results are entered through the services, which check the turnout."""

    list_display = ["name", "date", "organizer"]
    date_hierarchy = "date"
    inlines = [ElectionAreaInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
