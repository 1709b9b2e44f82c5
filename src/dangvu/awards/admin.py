from django.contrib import admin

from .models import Award


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("__str__", "recipient_kind", "program", "awarded_by", "decision_no", "decision_date")
    list_filter = ("recipient_kind", "title", "program")
    search_fields = ("recipient_name", "recipient_org__name", "recipient_member__full_name", "decision_no")
    date_hierarchy = "decision_date"
    raw_id_fields = ("recipient_org", "recipient_member", "awarded_by")
