from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "dangvu.cadres"
    label = "cadres"
    verbose_name = "Công tác cán bộ"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CadreAction

        auditlog.register(CadreAction)
