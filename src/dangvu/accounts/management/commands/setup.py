"""`dangvu setup`: the first run on an empty database — the root committee of the tree and its
first administrator, whose generated password is printed once (stdout; everything else goes to
stderr, so a script may capture the password alone).

    dangvu setup --code HN --name "Đảng bộ Thành phố Hà Nội" --founded-on 01/01/2008 --admin quantri
    dangvu setup        # asks for each value

The level defaults to the highest in force on the founding date (organizations.eras): a province
or city; before 1/7/2025 a district may be the root too (`--level district`), from then a commune or
ward committee (`--level commune`) or a bloc committee (`--level bloc`)."""

import calendar
import datetime as dt
import re
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.setup import default_level, existing_root, setup_root
from dangvu.organizations import eras
from dangvu.organizations.models import Kind, Level

_DAY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def parse_day(text: str) -> dt.date:
    """dd/mm/yyyy, refusing in Vietnamese a date that does not exist (31/02, 29/02 of a common year)."""
    found = _DAY.match(text or "")
    if not found:
        raise ValueError(f"Ngày “{text}” không đúng dạng ngày/tháng/năm, ví dụ 01/01/2008.")
    day, month, year = (int(g) for g in found.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"Ngày {text}: tháng {month} không có; tháng từ 1 đến 12.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"Ngày {text} không có: tháng {month:02d}/{year} có {last} ngày.")
    return dt.date(year, month, day)


class Command(BaseCommand):
    help = "Thiết lập ban đầu: đảng bộ gốc của cây tổ chức và tài khoản quản trị đầu tiên (in mật khẩu một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--code", help="mã đảng bộ gốc, ví dụ HN")
        parser.add_argument("--name", help="tên, ví dụ “Đảng bộ Thành phố Hà Nội”")
        parser.add_argument("--short-name", default=None, help="tên ngắn (không bắt buộc)")
        parser.add_argument("--founded-on", help="ngày thành lập, dd/mm/yyyy")
        parser.add_argument(
            "--level", choices=Level.values, help="cấp; mặc định: cấp cao nhất có hiệu lực vào ngày thành lập"
        )
        parser.add_argument("--kind", choices=Kind.values, default=Kind.OTHER, help="loại hình (mặc định other)")
        parser.add_argument("--decision", default=None, help="số quyết định thành lập (không bắt buộc)")
        parser.add_argument("--admin", help="tên đăng nhập của quản trị đầu tiên")
        parser.add_argument("--admin-name", default="", help="họ tên của quản trị (không bắt buộc)")
        parser.add_argument("--no-input", action="store_true", help="không hỏi; thiếu thông tin thì dừng")

    def handle(self, *args, **o):
        root = existing_root()
        if root is not None:
            raise CommandError(
                f"Cơ sở dữ liệu đã có cây tổ chức (gốc {root.code} — {root.name}); `dangvu setup` chỉ dùng cho cơ sở "
                "dữ liệu trống. Thêm đơn vị trên trang Tổ chức hoặc bằng `dangvu import`, tài khoản trên trang "
                "Người dùng.",
                returncode=1,
            )
        needed = ("code", "name", "founded_on", "admin")
        ask = not o["no_input"] and any(not o[k] for k in needed)
        if ask and not sys.stdin.isatty():
            ask = False
        if ask:
            self._ask(o)
        missing = [f"--{k.replace('_', '-')}" for k in needed if not o[k]]
        if missing:
            raise CommandError(f"Thiếu {', '.join(missing)}; xem `dangvu setup --help`.", returncode=2)
        try:
            founded_on = o["founded_on"] if isinstance(o["founded_on"], dt.date) else parse_day(o["founded_on"])
        except ValueError as e:
            raise CommandError(str(e), returncode=2) from None
        try:
            done = setup_root(
                actor=None, code=o["code"], name=o["name"], founded_on=founded_on, level=o["level"],
                kind=o["kind"], short_name=o["short_name"] or "", decision=o["decision"] or "",
                admin_username=o["admin"], admin_full_name=o["admin_name"],
            )  # fmt: skip
        except ValidationError as e:
            messages = [m for ms in e.message_dict.values() for m in ms] if hasattr(e, "error_dict") else e.messages
            raise CommandError(" ".join(messages), returncode=1) from None
        root = done.root
        self.stderr.write(
            f"Đã thành lập {root.name} ({root.code}, {Level(root.level).label.lower()}, "
            f"ngày {root.founded_on:%d/%m/%Y}).\n"
            f"Quản trị: {done.admin.username}. Mật khẩu tạm dưới đây chỉ hiện một lần; "
            "đổi ngay ở lần đăng nhập đầu tiên. Tiếp theo: thêm tài khoản trên trang Người dùng, "
            "nhập dữ liệu bằng `dangvu template KIND -o FILE` và `dangvu import`."
        )
        if not o["level"]:
            self._level_hint(root)
        self.stdout.write(done.password)

    def _level_hint(self, root):
        """The level was left to its default (the highest in force on the founding date); a name that
        reads as another level is most likely a level forgotten, which only an empty database fixes."""
        named = next((level for words, level in NAMED_LEVELS if words in root.name.lower()), None)
        if named and named != root.level and named in eras.root_levels(root.founded_on):
            self.stderr.write(
                f"Lưu ý: cấp mặc định là {Level(root.level).label.lower()}, nhưng tên “{root.name}” là của "
                f"{Level(named).label.lower()}. Nếu chưa đúng, xóa dữ liệu (`dangvu flush`) rồi chạy lại với "
                f"--level {named}."
            )

    def _ask(self, o):
        def question(label, key, default=None, parse=None):
            while not o[key]:
                hint = f" [{default}]" if default else ""
                answer = input(f"{label}{hint}: ").strip() or (default or "")
                if not answer:
                    continue
                if parse is None:
                    o[key] = answer
                    continue
                try:
                    o[key] = parse(answer)
                except ValueError as e:
                    self.stderr.write(str(e))

        question("Mã đảng bộ gốc (ví dụ HN)", "code")
        question("Tên (ví dụ Đảng bộ Thành phố Hà Nội)", "name")
        if o["short_name"] is None:
            o["short_name"] = input("Tên ngắn (Enter để bỏ qua): ").strip()
        question("Ngày thành lập (dd/mm/yyyy)", "founded_on", parse=parse_day)
        if not o["level"]:
            offered = eras.root_levels(o["founded_on"])
            for value in offered:
                self.stderr.write(f"  {value}: {Level(value).label}")
            question("Cấp", "level", default=default_level(o["founded_on"]), parse=lambda v: _level(v, offered))
        if o["decision"] is None:
            o["decision"] = input("Số quyết định thành lập (Enter để bỏ qua): ").strip()
        question("Tên đăng nhập của quản trị (ví dụ quantri)", "admin")


# Words of a committee's name and the level they name (the first that matches).
NAMED_LEVELS = (
    ("đảng bộ phường", Level.COMMUNE), ("đảng bộ xã", Level.COMMUNE), ("đảng bộ đặc khu", Level.COMMUNE),
    ("đảng bộ quận", Level.DISTRICT), ("đảng bộ huyện", Level.DISTRICT), ("đảng bộ thị xã", Level.DISTRICT),
    ("đảng bộ khối", Level.BLOC),
)  # fmt: skip


def _level(value: str, offered: list[str]) -> str:
    if value not in offered:
        raise ValueError(f"Hãy chọn một trong: {', '.join(offered)}.")
    return value
