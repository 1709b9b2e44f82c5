from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "dangvu.elections"
    label = "elections"
