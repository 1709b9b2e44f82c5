"""`dangvu report --org HM --year 2016 --format docx -o bao-cao.docx`: the year-end report of a
unit in one format (docx, pdf, html, xlsx, json, brief). A closed year is rebuilt from its
snapshot."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.numbers import format_int
from dangvu.organizations.models import Organization
from dangvu.reports.context import report_context
from dangvu.reports.render import FORMATS, file_name, render


class Command(BaseCommand):
    help = "Báo cáo tổng kết năm của một đơn vị: docx, pdf, html, xlsx, json hoặc bản tin (brief)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã đơn vị, ví dụ HM")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo, ví dụ 2016")
        parser.add_argument("--format", dest="fmt", default="docx", choices=FORMATS, help="định dạng (mặc định docx)")
        parser.add_argument("-o", "--output", help="tệp ghi ra; “-” để in ra màn hình; bỏ trống: tên mặc định")

    def handle(self, *args, org, year, fmt, output, **options):
        unit = Organization.objects.filter(code=org.strip().upper()).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{org}”; hãy kiểm tra lại mã (ví dụ HM).", returncode=1)
        if not 1930 <= year <= 9999:
            raise CommandError(f"Năm {year} không hợp lệ; hãy nhập năm bốn chữ số, ví dụ 2016.", returncode=1)
        started = time.perf_counter()
        ctx = report_context(unit, year)
        result = render(ctx, fmt)
        if output == "-":
            sys.stdout.buffer.write(result.content)
            return
        path = Path(output or file_name(ctx, result.extension))
        path.write_bytes(result.content)
        elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        source = "số liệu đã chốt" if ctx["source"] == "snapshot" else "số liệu hiện tại"
        self.stderr.write(f"Đã ghi {path} ({format_int(len(result.content))} byte, {source}, {elapsed} giây).")
