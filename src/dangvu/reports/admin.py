from django.contrib import admin

from .models import YearClose, YearReport


@admin.register(YearReport)
class YearReportAdmin(admin.ModelAdmin):
    list_display = ("org", "year", "number", "symbol", "issued_on", "updated_at")
    list_filter = ("year",)
    search_fields = ("org__name", "org__code")
    raw_id_fields = ("org",)


@admin.register(YearClose)
class YearCloseAdmin(admin.ModelAdmin):
    list_display = ("org", "year", "version", "closed_at", "closed_by", "reopened_at", "reopened_by")
    list_filter = ("year",)
    raw_id_fields = ("org",)
    exclude = ("snapshot",)
    readonly_fields = ("org", "year", "version", "closed_by", "reopened_at", "reopened_by", "reopen_reason")
