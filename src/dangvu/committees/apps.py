from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "dangvu.committees"
    label = "committees"
