"""`dangvu template KIND -o FILE [--org CODE]`: the import template of KIND (every kind `dangvu
import` takes), the same workbook the import page's "Tải tệp mẫu" gives."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.imports import workbooks
from dangvu.imports.importers import IMPORTERS
from dangvu.organizations.models import Organization


class Command(BaseCommand):
    help = "Ghi tệp mẫu nhập dữ liệu từ Excel. Loại: " + ", ".join(IMPORTERS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(IMPORTERS), help="Loại dữ liệu")
        parser.add_argument("-o", "--output", required=True, help="Tệp .xlsx sẽ ghi")
        parser.add_argument("--org", help="Mã đơn vị nhận dữ liệu (ghi vào trang hướng dẫn)")

    def handle(self, *args, kind, output, org, **options):
        unit = None
        if org:
            unit = Organization.objects.filter(code=org.strip().upper()).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {org}.")
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"Không có thư mục {path.parent}.")
        path.write_bytes(workbooks.template(IMPORTERS[kind], unit))
        self.stdout.write(f"Đã ghi tệp mẫu “{IMPORTERS[kind].label}” vào {path}.")
