from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Sinh hoạt chi bộ"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Attendance, Meeting, Vote

        register(Meeting)
        register(Attendance)
        register(Vote)
