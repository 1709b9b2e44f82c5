"""`dangvu worker`: the background jobs' worker (django-tasks-db's db_worker), after marking as
failed every job a previous worker left running — its transaction died with it, nothing of it was
written, and its page must not wait forever. Run one worker (`make run` starts it)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dangvu.imports.jobs import fail_all_running


class Command(BaseCommand):
    help = "Chạy các việc nền (nhập tệp lớn); đánh dấu thất bại các việc bị ngắt lần trước."

    def handle(self, *args, **options):
        cut = fail_all_running()
        if cut:
            self.stderr.write(f"{cut} việc nhập bị ngắt lần trước được đánh dấu không thành công.")
        call_command("db_worker")
