from django.contrib import admin

from .models import CadreAction


@admin.register(CadreAction)
class CadreActionAdmin(admin.ModelAdmin):
    list_display = ("full_name", "kind", "position", "decided_by", "decision_no", "decision_date", "effective_date")
    list_filter = ("kind",)
    search_fields = ("full_name", "position", "decision_no")
    date_hierarchy = "effective_date"
    raw_id_fields = ("member", "from_org", "to_org", "decided_by")
    readonly_fields = ("term_end",)
