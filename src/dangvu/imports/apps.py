from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dangvu.imports"
    label = "imports"
    verbose_name = "Nhập, xuất Excel"

    def ready(self):
        # Each area declares its importers and export columns in <area>/excel.py.
        from dangvu.core.excel.declare import autodiscover

        autodiscover()

        from dangvu.core.audit import register

        from .models import SavedMapping

        register(SavedMapping)

        from dangvu.core import jobs as shared

        from .jobs import fail_all_running, jobs_listed

        shared.at_worker_start(fail_all_running)
        shared.lister(jobs_listed)
