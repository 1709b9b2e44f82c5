from django.contrib import admin

from .models import Attendance, Meeting, Vote


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ("member",)
    extra = 0


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("org", "kind", "date", "place")
    list_filter = ("kind",)
    date_hierarchy = "date"
    raw_id_fields = ("org", "chair", "secretary")
    inlines = [AttendanceInline, VoteInline]
