from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "dangvu.cadres"
    label = "cadres"
