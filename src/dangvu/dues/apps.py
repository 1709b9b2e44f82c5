from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    label = "dues"
