from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DuesBasis, DuesShare, Payment

        auditlog.register(DuesBasis)
        auditlog.register(Payment)
        auditlog.register(DuesShare)
