from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Bồi dưỡng"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Attendance, TrainingClass

        auditlog.register(TrainingClass)
        auditlog.register(Attendance)
