"""The first run on an empty database: the root committee of the tree and its first
administrator, in one transaction (`dangvu setup`, and the first-run page for a superuser who has
no unit yet)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.organizations import eras
from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.services import org_found

from .models import Role, RoleAssignment
from .services import temporary_password, user_create


@dataclass(frozen=True)
class Setup:
    root: Organization
    admin: object  # the administrator bound to the root
    password: str | None  # generated for a new administrator, shown once; None when the actor was bound


def existing_root() -> Organization | None:
    return Organization.objects.filter(parent__isnull=True).order_by("pk").first()


def default_level(founded_on: dt.date) -> str:
    """The highest level in force on the founding day: a province or city (and, before 1/7/2025,
    what may stand at the root then) — see organizations.eras."""
    return eras.highest_level(founded_on)


@transaction.atomic
def setup_root(
    *, actor, code: str, name: str, founded_on: dt.date, level: str | None = None, kind: str = Kind.OTHER,
    short_name: str = "", decision: str = "", admin_username: str | None = None, admin_full_name: str = "",
) -> Setup:  # fmt: skip
    """Found the root committee and bind its first administrator: a new user `admin_username` with
    a generated password to be changed at the first login, or else the actor (a superuser with no
    unit, on the first-run page). Refused once the database has a tree."""
    root = existing_root()
    if root is not None:
        fail(
            "__all__",
            f"Cơ sở dữ liệu đã có cây tổ chức, gốc là {root.code} — {root.name}: chỉ chạy thiết lập ban đầu trên "
            "cơ sở dữ liệu trống. Thêm đơn vị trên trang Tổ chức hoặc nhập từ Excel; thêm tài khoản trên trang "
            "Người dùng.",
        )
    if not isinstance(founded_on, dt.date):
        fail("founded_on", "Ngày thành lập không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 01/01/2008.")
    level = level or default_level(founded_on)
    if level not in Level.values:
        names = ", ".join(f"{v} ({Level(v).label})" for v in eras.root_levels(founded_on))
        fail("level", f"Cấp “{level}” không có; vào ngày {format_date(founded_on)} gốc cây là một trong: {names}.")
    if not admin_username and (actor is None or not getattr(actor, "is_authenticated", False)):
        fail("admin", "Hãy cho tên đăng nhập của quản trị đầu tiên (--admin).")
    if not admin_username and not actor.is_superuser:
        # Binding oneself as the administrator of the whole tree is for a superuser only.
        fail("__all__", "Chỉ tài khoản quản trị tối cao (superuser) mới thiết lập được cây tổ chức.")
    org = org_found(
        actor=actor, code=code, name=name, kind=kind, level=level, parent=None, founded_on=founded_on,
        decision=decision, short_name=short_name,
    )  # fmt: skip
    if admin_username:
        password = temporary_password()
        admin = user_create(
            actor=actor, username=admin_username, password=password, role=Role.ADMIN, org=org,
            full_name=admin_full_name or f"Quản trị {org.short_name or org.name}", check_password=False,
            must_change=True,
        )  # fmt: skip
        return Setup(org, admin, password)
    if hasattr(actor, "assignment"):
        fail("__all__", f"Tài khoản {actor.username} đã được gắn với một đơn vị.")
    with acting_as(actor):
        RoleAssignment.objects.create(user=actor, role=Role.ADMIN, org=org)
    return Setup(org, actor, None)
