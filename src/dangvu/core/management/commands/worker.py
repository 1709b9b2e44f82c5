"""`dangvu worker`: the background jobs' worker (django-tasks-db's db_worker), after marking as
failed every job a previous worker left running (each app registers how, core.jobs.at_worker_start):
an import's transaction died with it, nothing of it was written; a report's file was never kept;
and their pages must not wait forever. Run one worker (`make run` starts it)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dangvu.core.jobs import worker_start


class Command(BaseCommand):
    help = "Chạy các việc nền (nhập tệp lớn, tạo báo cáo lớn); đánh dấu thất bại các việc bị ngắt lần trước."

    def handle(self, *args, **options):
        cut = worker_start()
        if cut:
            self.stderr.write(f"{cut} việc chạy nền bị ngắt lần trước được đánh dấu không thành công.")
        call_command("db_worker")
