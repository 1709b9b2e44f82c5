from django.contrib import admin

from .models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("org", "indicator_key", "year", "value", "assigned_by", "set_by")
    list_filter = ("year", "indicator_key")
    search_fields = ("org__code", "org__name", "indicator_key")
    raw_id_fields = ("org", "assigned_by", "set_by")
