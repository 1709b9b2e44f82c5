from django.contrib import admin

from .models import Attendance, TrainingClass


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ("member",)
    extra = 0


@admin.register(TrainingClass)
class TrainingClassAdmin(admin.ModelAdmin):
    list_display = ("title", "organizer", "kind", "start_date", "end_date", "unnamed_count")
    list_filter = ("kind",)
    search_fields = ("title", "place")
    date_hierarchy = "start_date"
    raw_id_fields = ("organizer",)
    inlines = [AttendanceInline]
