from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "dangvu.candidates"
    label = "candidates"
