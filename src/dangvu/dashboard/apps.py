from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dangvu.dashboard"
    label = "dashboard"
