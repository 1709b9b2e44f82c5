from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "dangvu.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Target

        auditlog.register(Target)
