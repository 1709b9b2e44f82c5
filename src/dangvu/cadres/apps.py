from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "dangvu.cadres"
    label = "cadres"
    verbose_name = "Công tác cán bộ"

    def ready(self):
        from dangvu.core.audit import register

        from .models import CadreAction

        register(CadreAction)
