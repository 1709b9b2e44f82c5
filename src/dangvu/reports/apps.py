from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from dangvu.core import closing
        from dangvu.core.audit import register

        from .models import YearClose, YearReport
        from .selectors import closing_unit

        register(YearReport)
        # The snapshot is large and never edited; the audit keeps who closed and reopened.
        register(YearClose, exclude_fields=["snapshot"])
        # A closed year locks the records dated in it (core.closing.require_open, called by the services).
        closing.register(closing_unit)
