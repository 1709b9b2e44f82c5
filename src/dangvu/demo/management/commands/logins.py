"""`dangvu logins`: the demo's logins, with role, unit and password."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.demo.logins import demo_users, logins_path, read_logins, reset_passwords, scenarios, system_user


class Command(BaseCommand):
    help = "In các tài khoản dùng thử của dữ liệu mẫu (vai trò, đơn vị, mật khẩu)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Đặt mật khẩu mới cho mọi tài khoản dùng thử.")
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="địa chỉ trang web (make run: HOST)")

    def handle(self, *args, reset: bool, url: str, **options):
        users = {a.user.username for a in demo_users()}
        lines = None if reset else read_logins()
        if lines is not None:
            lines = [x for x in lines if x.username in users]
        if not lines:
            if not users:
                raise CommandError("Chưa có tài khoản dùng thử; hãy chạy: dangvu demo")
            lines = reset_passwords(actor=system_user())
            self.stdout.write(f"Đã đặt mật khẩu mới và ghi vào {logins_path()}.")
        self.print_table(lines)
        self.stdout.write(f"\nMở {url} và đăng nhập bằng một trong các tài khoản trên.")
        for scenario in scenarios(url):
            self.stdout.write(f"  {scenario.label}: đăng nhập {scenario.username}, xem {scenario.url}")

    def print_table(self, lines):
        rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")] + [
            (x.username, x.password, x.role, x.unit) for x in lines
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[3]]))
            if n == 0:
                self.stdout.write("  ".join(["-" * w for w in widths] + ["-" * len(row[3])]))
