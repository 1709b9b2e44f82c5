from django.contrib import admin

from .models import Congress, ResidenceContact, Seat


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ("name", "held_on", "term_start", "term_end", "delegates")
    search_fields = ("name",)


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ("member", "role", "congress", "valid_from", "valid_to")
    raw_id_fields = ("member", "congress")


@admin.register(ResidenceContact)
class ResidenceContactAdmin(admin.ModelAdmin):
    list_display = ("member", "cell", "since", "until")
    raw_id_fields = ("member", "cell")
