from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "dangvu.elections"
    label = "elections"
    verbose_name = "Bầu cử"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Election, ElectionArea

        auditlog.register(Election)
        auditlog.register(ElectionArea)
