"""`dangvu demo`: build the Hoàng Mai 2016 demo data set, once; `--scenario hanoi-2025` continues it
to the new phường Hoàng Mai of 2025–2026 (demo.hanoi), once."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.core.progress import Bar
from dangvu.demo.context import seconds
from dangvu.demo.logins import system_user
from dangvu.demo.runner import build_demo
from dangvu.organizations.models import Organization

ALREADY_THERE = "Dữ liệu mẫu Hoàng Mai 2016 đã có; không thay đổi gì."


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu Hoàng Mai 2016: cây tổ chức, đảng viên và biến động từ 2006, tài khoản dùng thử. "
        "Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0,
            help="Tỷ lệ số đảng viên (1 = khoảng 16.000; 0,05 = khoảng 1.000). Các con số của bài báo giữ nguyên.",
        )  # fmt: skip
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ tạo khi cơ sở dữ liệu chưa có tổ chức đảng nào."
        )
        parser.add_argument(
            "--scenario", choices=("hoang-mai-2016", "hanoi-2025"), default="hoang-mai-2016",
            help="hanoi-2025: tiếp nối dữ liệu mẫu 2016 đến phường Hoàng Mai mới (2025–2026); chạy sau `dangvu demo`.",
        )  # fmt: skip
        parser.add_argument(
            "--if-demo", action="store_true",
            help="(với --scenario hanoi-2025) chỉ tạo khi có dữ liệu mẫu Hoàng Mai 2016; nếu không, bỏ qua.",
        )  # fmt: skip

    def handle(self, *args, scale: float, if_empty: bool, scenario: str, if_demo: bool, **options):
        if scenario == "hanoi-2025":
            return self.hanoi(scale, if_demo)
        if if_empty and Organization.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có tổ chức đảng; không tạo dữ liệu mẫu.")
            return
        if Organization.objects.filter(code="HM").exists():
            self.stdout.write(ALREADY_THERE)
            return
        if not 0 < scale <= 5:
            raise CommandError("--scale phải lớn hơn 0 và không quá 5, ví dụ 0.05 hoặc 1.")
        started = time.perf_counter()
        self.stdout.write(f"Đang tạo dữ liệu mẫu Hoàng Mai 2016 (tỷ lệ {scale:g})…")
        try:
            bar = Bar("Các bước")

            def log(line):
                bar.clear()
                self.stdout.write(line)

            build_demo(actor=system_user(), scale=scale, log=log, progress=bar.update)
            bar.close()
        except ValidationError as e:
            raise CommandError(f"Không tạo được dữ liệu mẫu, không có gì được lưu: {'; '.join(e.messages)}") from e
        self.stdout.write(f"Xong trong {seconds(time.perf_counter() - started)}. Xem tài khoản dùng thử: dangvu logins")

    def hanoi(self, scale: float, if_demo: bool):
        from dangvu.demo.hanoi import ALREADY_THERE as DONE
        from dangvu.demo.hanoi import build_hanoi_2025, present

        if present():
            self.stdout.write(DONE)
            return
        # make run: a database that is not the 2016 demo (someone's own data) is left alone.
        if if_demo and not Organization.objects.filter(code="HM", dissolved_on__isnull=True).exists():
            self.stdout.write("Cơ sở dữ liệu không có dữ liệu mẫu Hoàng Mai 2016; không tạo dữ liệu mẫu Hà Nội 2025.")
            return
        if not 0 < scale <= 5:
            raise CommandError("--scale phải lớn hơn 0 và không quá 5, ví dụ 0.05 hoặc 1.")
        started = time.perf_counter()
        self.stdout.write(f"Đang tạo dữ liệu mẫu Hà Nội 2025–2026 (tỷ lệ {scale:g})…")
        try:
            build_hanoi_2025(actor=system_user(), scale=scale, log=self.stdout.write)
        except ValidationError as e:
            raise CommandError(f"Không tạo được dữ liệu mẫu, không có gì được lưu: {'; '.join(e.messages)}") from e
        self.stdout.write(f"Xong trong {seconds(time.perf_counter() - started)}. Xem tài khoản dùng thử: dangvu logins")
