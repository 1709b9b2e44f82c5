from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "dangvu.elections"
    label = "elections"
    verbose_name = "Bầu cử"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Election, ElectionArea

        register(Election)
        register(ElectionArea)
