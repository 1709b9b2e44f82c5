from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo tổng kết"

    def ready(self):
        from dangvu.core import closing
        from dangvu.core.audit import register

        from .models import YearClose, YearReport
        from .selectors import closed_units, closing_unit

        register(YearReport)
        # The snapshot is large and never edited; the audit keeps who closed and reopened.
        register(YearClose, exclude_fields=["snapshot"])
        # A closed year locks the records dated in it (core.closing.require_open, called by the services).
        closing.register(closing_unit, closed_units)

        from dangvu.core import jobs as shared

        from .jobs import fail_all_running, jobs_listed

        # Large reports are drawn by the worker: its start fails the ones cut off, and the user's
        # list of jobs shows them beside the imports.
        shared.at_worker_start(fail_all_running)
        shared.lister(jobs_listed)
