"""`dangvu restore FILE`: replace the database's content with a backup made by `dangvu backup`."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ một bản sao lưu của `dangvu backup` (thay toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            restore(file, alias=database)
        except BackupError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"Đã khôi phục cơ sở dữ liệu từ {file}.")
