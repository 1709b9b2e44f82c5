from django.contrib import admin

from .models import CycleReopening, MemberResult, OrgResult, Override, ReviewCycle


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "committee", "rulebook", "status"]
    list_filter = ["year", "status", "rulebook"]
    readonly_fields = ["rulebook", "opened_by", "closed_by", "closed_at"]


@admin.register(OrgResult)
class OrgResultAdmin(admin.ModelAdmin):
    list_display = ["org", "cycle", "self_class", "proposed_class", "decided_class", "exemplary"]
    list_filter = ["cycle__year", "decided_class", "exemplary"]
    search_fields = ["org__name", "org__code"]
    raw_id_fields = ["org", "cycle"]


@admin.register(MemberResult)
class MemberResultAdmin(admin.ModelAdmin):
    list_display = ["member", "org", "cycle", "decided_class", "not_rated_reason"]
    list_filter = ["cycle__year", "decided_class"]
    raw_id_fields = ["member", "org", "cycle"]


@admin.register(Override)
class OverrideAdmin(admin.ModelAdmin):
    list_display = ["cycle", "org", "member", "decided_class", "reason", "decided_by", "created_at"]
    raw_id_fields = ["member", "org", "cycle"]


admin.site.register(CycleReopening)
