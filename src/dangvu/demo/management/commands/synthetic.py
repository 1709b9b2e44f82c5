"""`dangvu synthetic --size district|city|country`: load a synthetic registry for benchmarks."""

import os

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.numbers import format_decimal, format_int
from dangvu.core.progress import Bar
from dangvu.demo import synthetic
from dangvu.tallies.services import tally_fill, tally_tidy


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu tổng hợp để đo hiệu năng (nạp hàng loạt): district ≈ 20.000 đảng viên, city ≈ 500.000, "
        "country ≈ 5,6 triệu. Cơ sở dữ liệu phải trống (chưa có tổ chức, đảng viên)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(synthetic.SIZES), required=True)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--database-url",
            help="Cơ sở dữ liệu đích (mặc định: DATABASE_URL). Đặt trước khi Django nạp cấu hình, "
            "nên lệnh sẽ tự chạy lại với DATABASE_URL này.",
        )
        parser.add_argument("--no-samples", action="store_true", help="Không tạo mẫu hồ sơ các mảng khác.")

    def handle(self, *args, size, seed, database_url, no_samples, **options):
        if database_url and database_url != os.environ.get("DATABASE_URL"):
            import subprocess
            import sys

            env = {**os.environ, "DATABASE_URL": database_url}
            argv = [sys.argv[0], "synthetic", "--size", size, "--seed", str(seed)] + (["--no-samples"] * no_samples)
            raise SystemExit(subprocess.call(argv, env=env))
        try:
            bar = Bar("Đảng viên")

            def say(line):
                bar.clear()
                self.stdout.write(line)

            counts = synthetic.build(size, seed=seed, progress=say, samples=not no_samples, tick=bar.update)
        except RuntimeError as e:
            raise CommandError(str(e)) from e
        bar.close()
        # The COPY bypasses the services: the per-unit year-end counts are computed whole after it.
        rows = tally_fill()
        tally_tidy()
        self.stdout.write(f"Bảng đếm cuối năm theo đơn vị: {format_int(rows)} dòng.")
        n = {k: format_int(v) for k, v in counts.items() if k != "seconds"}
        self.stdout.write(
            f"Xong {size}: {n['in_party']} đảng viên trong Đảng (sinh {n['members']}), {n['grassroots']} tổ chức "
            f"cơ sở, {n['units']} chi bộ, {n['events']} sự kiện, {n['periods']} giai đoạn "
            f"trong {format_decimal(counts['seconds'], 1)} giây."
        )
