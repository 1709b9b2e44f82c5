"""`dangvu backup [-o FILE]`: a consistent copy of the database while the server runs."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.backup import BackupError, backup
from dangvu.core.numbers import format_int


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump -Fc)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="Tệp sao lưu; mặc định DATA_DIR/backups/dangvu-<thời điểm>")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        try:
            path = backup(output, alias=database)
        except BackupError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"Đã sao lưu vào {path} ({format_int(path.stat().st_size)} byte).")
