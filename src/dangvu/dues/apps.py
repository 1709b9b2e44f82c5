from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    label = "dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from dangvu.core.audit import register

        from .models import DuesBasis, DuesShare, Payment

        register(DuesBasis)
        register(Payment)
        register(DuesShare)
