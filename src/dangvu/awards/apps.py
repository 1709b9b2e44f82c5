from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangvu.awards"
    label = "awards"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Award

        register(Award)
