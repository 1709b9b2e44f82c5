"""`dangvu members-accounts --org CELLCODE -o FILE`: accounts and one-time activation codes for the
members of a cell who have not activated theirs, written to an Excel list (the slips' content)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.organizations.models import Organization

from ...services import member_accounts_issue
from ...views import slips_xlsx


class Command(BaseCommand):
    help = "Cấp tài khoản và mã kích hoạt Sổ tay đảng viên cho một chi bộ, ghi ra tệp Excel."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã chi bộ")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx ghi danh sách mã")

    def handle(self, *args, org, output, **options):
        cell = Organization.objects.filter(code=org).first()
        if cell is None:
            raise CommandError(f"Không có tổ chức mã “{org}”; xem mã trên trang Cây tổ chức.", returncode=1)
        # The server's own path: the whole tree is in scope, as for `dangvu setup` and imports.
        root = next(o for o in Organization.objects.filter(parent__isnull=True) if cell.path.startswith(o.path))
        scope = Scope(root, Role.ADMIN, frozenset({"edit_members"}))
        try:
            slips = member_accounts_issue(actor=None, scope=scope, org=cell)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages), returncode=1) from None
        Path(output).write_bytes(slips_xlsx(cell, slips))
        download_log(user=None, kind="member_activation_slips", filters={"org": cell.code, "command": True},
                     rows=len(slips))  # fmt: skip
        self.stderr.write(f"Đã cấp {len(slips)} mã kích hoạt cho {cell.name}, ghi trong {output}.")
