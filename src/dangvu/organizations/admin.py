from django.contrib import admin

from .models import Organization, OrgPeriod


class OrgPeriodInline(admin.TabularInline):
    model = OrgPeriod
    fk_name = "org"
    extra = 0
    readonly_fields = ["parent", "path", "valid_from", "valid_to"]
    can_delete = False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Read-mostly: restructuring goes through the services (dated, with history), not here."""

    list_display = ["code", "name", "level", "kind", "parent", "founded_on", "dissolved_on"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name", "name_key"]
    readonly_fields = ["parent", "path", "depth", "founded_on", "dissolved_on", "merged_into"]
    inlines = [OrgPeriodInline]
