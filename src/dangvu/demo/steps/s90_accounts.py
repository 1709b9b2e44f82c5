"""Demo logins, one per role, through accounts.services.user_create. Passwords are drawn at
build time with `secrets` and written to the logins file (demo.logins), never into the code."""

from django.contrib.auth import get_user_model

from dangvu.accounts.models import Role
from dangvu.accounts.services import user_create
from dangvu.handbook.services import access_problem, member_account_open
from dangvu.members.models import Member
from dangvu.organizations.models import MEMBER_LEVELS

from ..context import DemoContext
from ..logins import DEMO_LOGINS, Line, logins_path, new_password, write_logins


def build(ctx: DemoContext) -> None:
    User = get_user_model()
    for login in DEMO_LOGINS:
        if User.objects.filter(username=login.username).exists():
            ctx.say(f"Tài khoản {login.username} đã có; giữ nguyên.")
            continue
        org = ctx.orgs[login.org_code]
        password = new_password()
        if login.role == Role.MEMBER:
            account = member_account_open(actor=ctx.actor, member=_a_member_of(org), username=login.username,
                                          password=password)  # fmt: skip
            ctx.logins.append(Line(login.username, password, Role(login.role).label, account.member.org.name))
            continue
        user_create(
            actor=ctx.actor, username=login.username, password=password, role=login.role, org=org,
            full_name=login.full_name,
        )  # fmt: skip
        ctx.logins.append(Line(login.username, password, Role(login.role).label, org.name))
    if ctx.logins:
        path = write_logins(ctx.logins, logins_path(ctx.logins_file))
        ctx.say(f"Tài khoản dùng thử: {len(ctx.logins)}, mật khẩu ghi trong {path} (xem bằng `dangvu logins`).")


def _a_member_of(org):
    """The first member (in the roster's order) of the first cell under `org` who may have an account."""
    members = Member.objects.filter(org__path__startswith=org.path, org__level__in=MEMBER_LEVELS)
    for member in members.select_related("org").order_by("org__path", "sort_key")[:200]:
        if access_problem(member) is None:
            return member
    raise ValueError(f"{org.name} không có đảng viên nào để mở tài khoản dùng thử.")
