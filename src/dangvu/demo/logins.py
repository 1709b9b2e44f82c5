"""The demo's logins: one per role, with passwords drawn at build time (never committed) and
written to settings.DATA_DIR / "demo-logins.txt", which lives under the gitignored var/."""

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from dangvu.accounts.models import Role, RoleAssignment
from dangvu.core.audit import acting_as

SYSTEM_USERNAME = "he-thong"
FILE_NAME = "demo-logins.txt"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed without doubt


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    org_code: str
    full_name: str


DEMO_LOGINS = [
    DemoLogin("quantri", Role.ADMIN, "HN", "Quản trị hệ thống"),
    DemoLogin("bantochuc", Role.ORG_BOARD, "HM", "Chuyên viên Ban Tổ chức Quận ủy"),
    DemoLogin("kiemtra", Role.INSPECTION, "HM", "Chuyên viên Ủy ban Kiểm tra Quận ủy"),
    DemoLogin("vanphong", Role.OFFICE, "HM", "Chuyên viên Văn phòng Quận ủy"),
    DemoLogin("thuongtruc", Role.LEADER, "HM", "Thường trực Quận ủy"),
    DemoLogin("dinhcong", Role.GRASSROOTS, "HM-DC", "Văn phòng Đảng ủy phường Định Công"),
    DemoLogin("daikim", Role.GRASSROOTS, "HM-DK", "Văn phòng Đảng ủy phường Đại Kim"),
    # A member's own login (Sổ tay đảng viên): bound to a member of a cell of Định Công, not to a unit.
    DemoLogin("dangvien", Role.MEMBER, "HM-DC", ""),
]

# The Hà Nội 2025–2026 scenario's logins (demo.hanoi), for the new phường Hoàng Mai.
HANOI_LOGINS = [
    DemoLogin("phuonghoangmai", Role.ORG_BOARD, "PHM", "Văn phòng Đảng ủy phường Hoàng Mai"),
]


@dataclass(frozen=True)
class Line:
    """One line of the logins file."""

    username: str
    password: str
    role: str  # Vietnamese label
    unit: str


def new_password() -> str:
    """Four groups of four letters and digits, e.g. "k7mq-x2rt-9hvb-pn4e" (about 78 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def logins_path(path: Path | None = None) -> Path:
    return Path(path) if path else Path(settings.DATA_DIR) / FILE_NAME


def write_logins(lines: list[Line], path: Path | None = None) -> Path:
    path = logins_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = [
        "# Tài khoản dùng thử của dữ liệu mẫu Hoàng Mai 2016 — chỉ dùng trên máy thử nghiệm.",
        f"# Tạo lúc {dt.datetime.now():%d/%m/%Y %H:%M}. Cột: tên đăng nhập, mật khẩu, vai trò, đơn vị.",
    ]
    body = ["\t".join((x.username, x.password, x.role, x.unit)) for x in lines]
    path.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def read_logins(path: Path | None = None) -> list[Line] | None:
    """The lines of the logins file, or None when there is no file."""
    path = logins_path(path)
    if not path.exists():
        return None
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            lines.append(Line(*raw.split("\t")[:4]))
    return lines


def demo_users():
    """The demo's users that exist, in the order of DEMO_LOGINS."""
    names = [x.username for x in DEMO_LOGINS + HANOI_LOGINS]
    found = {
        a.user.username: a
        for a in RoleAssignment.objects.select_related("user", "org").filter(user__username__in=names)
    }
    return [found[n] for n in names if n in found]


@transaction.atomic
def reset_passwords(*, actor, path: Path | None = None) -> list[Line]:
    """Give every existing demo user a new random password and write the file again.

    Setting a password belongs in accounts.services; until it has such a service this stays
    confined to the demo's own users."""
    lines = []
    with acting_as(actor):
        for assignment in demo_users():
            password = new_password()
            assignment.user.set_password(password)
            assignment.user.save(update_fields=["password"])
            lines.append(Line(assignment.user.username, password, assignment.get_role_display(), assignment.org.name))
    if lines:
        write_logins(lines, path)
    return lines


@dataclass(frozen=True)
class Scenario:
    """A demo data set to look at: which login sees it and the dashboard page to open."""

    label: str
    username: str
    url: str


def scenarios(base: str = "") -> list[Scenario]:
    """The demo scenarios present in the database, for `dangvu logins` and the login page: Hoàng
    Mai 2016 (the district before 2025) and, once built, the new phường Hoàng Mai of 2025–2026."""
    from dangvu.organizations.models import Organization

    codes = set(Organization.objects.filter(code__in=("HM", "PHM")).values_list("code", flat=True))
    users = {a.user.username for a in demo_users()}
    found = []
    if "HM" in codes and "bantochuc" in users:
        found.append(Scenario("Quận Hoàng Mai năm 2016", "bantochuc", f"{base}/tong-quan/?nam=2016"))
    if "PHM" in codes and "phuonghoangmai" in users:
        found.append(Scenario("Phường Hoàng Mai 2025–2026 (sau sắp xếp 01/7/2025)", "phuonghoangmai",
                              f"{base}/tong-quan/?nam=2025"))  # fmt: skip
    return found


def system_user():
    """The user the audit names for the demo's writes: no password, no role, cannot log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "Hệ thống (dữ liệu mẫu)", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
