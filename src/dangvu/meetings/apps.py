from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Sinh hoạt chi bộ"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Attendance, Meeting, Vote

        auditlog.register(Meeting)
        auditlog.register(Attendance)
        auditlog.register(Vote)
