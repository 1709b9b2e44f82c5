from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dangvu.indicators"
    label = "indicators"
    verbose_name = "Chỉ số"

    def ready(self):
        from dangvu.core.catalogue import autodiscover

        autodiscover()
