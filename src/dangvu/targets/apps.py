from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "dangvu.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Target

        register(Target)
