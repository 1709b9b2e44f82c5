from django.contrib import admin

from .models import Member, MemberEvent


class MemberEventInline(admin.TabularInline):
    model = MemberEvent
    extra = 0
    fields = ["kind", "date", "decision_no", "org", "to_org", "place"]
    readonly_fields = fields
    can_delete = False


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Read-only: lifecycle changes go through the services so the periods stay consistent."""

    list_display = ["full_name", "birth_date", "status", "org", "party_card_no"]
    list_filter = ["status", "sex"]
    search_fields = ["name_key", "party_card_no", "citizen_id"]
    inlines = [MemberEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
