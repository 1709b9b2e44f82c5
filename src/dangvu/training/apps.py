from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Bồi dưỡng"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Attendance, TrainingClass

        register(TrainingClass)
        register(Attendance)
