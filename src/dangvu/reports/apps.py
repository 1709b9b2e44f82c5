from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import YearClose, YearReport

        auditlog.register(YearReport)
        # The snapshot is large and never edited; the audit keeps who closed and reopened.
        auditlog.register(YearClose, exclude_fields=["snapshot"])
