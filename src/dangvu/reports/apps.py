from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from dangvu.core.audit import register

        from .models import YearClose, YearReport

        register(YearReport)
        # The snapshot is large and never edited; the audit keeps who closed and reopened.
        register(YearClose, exclude_fields=["snapshot"])
