from django.contrib import admin

from .models import DuesBasis, DuesShare, Payment


@admin.register(DuesBasis)
class DuesBasisAdmin(admin.ModelAdmin):
    list_display = ("member", "kind", "base_amount", "fixed_amount", "voluntary_amount", "valid_from")
    list_filter = ("kind",)
    raw_id_fields = ("member",)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("member", "org", "month", "amount", "paid_on", "receipt_no")
    date_hierarchy = "month"
    raw_id_fields = ("member", "org")


@admin.register(DuesShare)
class DuesShareAdmin(admin.ModelAdmin):
    list_display = ("org", "kept_percent", "basis")
    raw_id_fields = ("org",)
