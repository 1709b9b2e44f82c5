from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "dangvu.inspection"
    label = "inspection"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Discipline, Inspection

        auditlog.register(Inspection)
        auditlog.register(Discipline)
