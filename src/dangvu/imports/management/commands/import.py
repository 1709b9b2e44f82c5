"""`dangvu import KIND FILE --org CODE [--dry-run] [--only-valid] [--user NAME]`: the same import as
the web pages, for large files and scripts. Prints each row error and a summary; exits with 1 when
nothing was imported because of errors."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.scope import Scope
from dangvu.core.excel.reading import FileProblem, read_rows
from dangvu.core.progress import Bar
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS, ImportContext
from dangvu.organizations.models import Organization


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp Excel (cùng kiểm tra như trên giao diện web). Loại: " + ", ".join(IMPORTERS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(IMPORTERS), help="Loại dữ liệu")
        parser.add_argument("file", help="Tệp .xlsx/.xls/.ods")
        parser.add_argument("--org", required=True, help="Mã đơn vị nhận dữ liệu, ví dụ HM")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu gì")
        parser.add_argument("--only-valid", action="store_true", help="Chỉ nhập các dòng hợp lệ, bỏ qua dòng lỗi")
        parser.add_argument("--user", help="Tên đăng nhập của người nhập (để ghi nhật ký); mặc định: hệ thống")

    def handle(self, *args, kind, file, org, dry_run, only_valid, user, **options):
        importer = IMPORTERS[kind]
        unit = Organization.objects.filter(code=org).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {org}.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có người dùng {user}.")
            scope = Scope.of(actor)
            if not scope.covers(unit):
                raise CommandError(f"{unit.name} ngoài phạm vi của {user}.")
            scope.require(importer.capability)
        else:
            # The system acting from the shell: the unit's subtree, nothing else.
            scope = Scope(unit, "admin", frozenset({importer.capability}))
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except FileProblem as e:
            raise CommandError(e.message) from None
        header = engine.find_header(rows, importer)
        mapping = engine.propose_mapping(rows[header] if rows else [], importer)
        ctx = ImportContext(actor=actor, scope=scope, org=unit, filename=path.name)
        started = time.perf_counter()
        bar = Bar("Kiểm tra" if dry_run else "Nhập")
        result = engine.run(
            importer, rows, mapping, ctx, header_index=header, store=not dry_run, only_valid=only_valid,
            progress=lambda checked, written, total: bar.update(checked, total, f"đã ghi {written}" if written else ""),
        )  # fmt: skip
        bar.close()
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")  # as `dangvu report` writes it
        for message in result.messages():
            self.stdout.write(message)
        total, bad = len(result.rows), len(result.bad)
        verb = "Sẽ nhập được" if dry_run else "Đã nhập"
        self.stdout.write(
            f"{total} dòng dữ liệu, {total - bad} hợp lệ, {bad} có lỗi. {verb} {result.stored} dòng ({seconds} giây)."
        )
        if result.file_errors or (bad and (dry_run or not result.stored)):
            raise SystemExit(1)
