"""`dangvu tallies [--until 2027] [--stop] [--if-missing]`: (re)compute every unit's members at each
year-end, admissions and flows in each year from the member periods and events (tallies.UnitYear),
and keep them from then on with every write. Run after loading data outside the services (`dangvu
synthetic` runs it itself), after a migration that drops the rows (tallies 0002), and when the
calendar passes the horizon: a year after it is counted live until then."""

import time

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.numbers import format_int
from dangvu.tallies.services import horizon, tally_fill, tally_stop, tally_tidy


class Command(BaseCommand):
    help = (
        "Tính lại số đảng viên cuối năm, số kết nạp, tăng, giảm trong năm của từng đơn vị (đọc nhanh các chỉ số năm)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--until", type=int, help="năm cuối cùng được lưu (mặc định: năm sau)")
        parser.add_argument("--stop", action="store_true", help="xóa bảng đếm, các chỉ số đếm trực tiếp")
        parser.add_argument("--if-missing", action="store_true", help="chỉ tính khi chưa có bảng đếm")

    def handle(self, *args, until=None, stop=False, if_missing=False, **options):
        if stop:
            tally_stop()
            self.stdout.write("Đã xóa bảng đếm; các chỉ số năm được đếm trực tiếp từ hồ sơ.")
            return
        if until is not None and not 1930 <= until <= 9999:
            raise CommandError(f"Năm {until} không hợp lệ; hãy nhập năm bốn chữ số, ví dụ 2027.", returncode=1)
        kept = horizon() if if_missing else None
        if kept is not None:
            self.stdout.write(f"Bảng đếm đã có, đến năm {kept}; không tính lại.")
            return
        started = time.perf_counter()
        rows = tally_fill(last_year=until)
        tally_tidy()
        self.stdout.write(
            f"Đã tính {format_int(rows)} dòng (đơn vị × năm) trong {time.perf_counter() - started:.0f} giây."
        )
