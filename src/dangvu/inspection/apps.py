from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "dangvu.inspection"
    label = "inspection"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Discipline, Inspection

        register(Inspection)
        register(Discipline)
