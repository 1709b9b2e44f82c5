"""Members' own accounts: issued in bulk by the clerk of a cell, opened by the member with a
one-time code and a password of their choosing, and closed by the member's record itself — a
member who is exempt from activity, removed, expelled, dead or transferred away has no access,
checked at every request (handbook.middleware), not only when the code is used.

Codes are random (secrets), shown once on the slip and stored as an HMAC keyed with SECRET_KEY, so
they are found by digest without keeping them. A slip is the channel when no mail or SMS server
exists; a deployment that has one names a callable in settings.DANGVU_ACTIVATION_SENDER, called
with each slip after the codes are stored."""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from dangvu.accounts.models import Capability, Role
from dangvu.accounts.services import user_create, user_password_change
from dangvu.core import compiled
from dangvu.core.audit import acting_as
from dangvu.core.compiled import Slot
from dangvu.core.errors import fail
from dangvu.members.models import Activity, Member
from dangvu.organizations.models import MEMBER_LEVELS

from .models import ActivationCode, MemberAccount

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off paper without doubt
CODE_GROUPS = 3  # XXXX-XXXX-XXXX: about 59 bits


@dataclass(frozen=True)
class Slip:
    member: Member
    username: str
    code: str
    expires_at: dt.datetime


def digest(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))


def username_for(member: Member) -> str:
    return f"dv{member.pk:06d}"


def access_problem(member: Member | None) -> str | None:
    """Why `member` may not use their account today, in Vietnamese, or None."""
    if member is None:
        return "Tài khoản không gắn với hồ sơ đảng viên nào."
    if not member.in_party:
        return f"Hồ sơ của đồng chí ghi “{member.get_status_display()}”, nên tài khoản không còn dùng được."
    if member.activity == Activity.EXEMPT:
        return "Đồng chí đang được miễn sinh hoạt đảng, nên tài khoản tạm không dùng được."
    return None


def send_nothing(slip: Slip) -> None:
    """The default sender: the printed slip (or its Excel list) is the channel."""


def _check_issuer(scope, org):
    scope.require(Capability.EDIT_MEMBERS)
    if not scope.covers(org):
        fail("org", "Chi bộ không thuộc phạm vi của bạn.")
    if org.level not in MEMBER_LEVELS:
        fail("org", f"{org.name} không phải chi bộ; tài khoản đảng viên cấp theo từng chi bộ.")


@transaction.atomic
def member_accounts_issue(*, actor, scope, org, members=None) -> list[Slip]:
    """A login and a new activation code for each member of the cell `org` who may have one and has
    not activated their account yet (or for `members`, a subset). Codes issued before and not used
    are voided. Returns the slips, the only place the codes are ever shown."""
    _check_issuer(scope, org)
    chosen = Member.objects.filter(org=org).select_related("org").order_by("sort_key")
    if members is not None:
        chosen = chosen.filter(pk__in=[m.pk for m in members])
    now = timezone.now()
    expires = now + dt.timedelta(days=settings.DANGVU_ACTIVATION_DAYS)
    sender = import_string(settings.DANGVU_ACTIVATION_SENDER)
    slips = []
    with acting_as(actor):
        for member in chosen:
            if access_problem(member):
                continue
            account = MemberAccount.objects.filter(member=member).select_related("user").first()
            if account is None:
                # No password (unusable, and no hash computed: PBKDF2 took ~0,4 s a member): nobody logs
                # in before choosing a password with the code.
                user = user_create(
                    actor=actor, username=username_for(member), password=None, role=Role.MEMBER,
                    org=org, full_name=member.full_name, check_password=False,
                )  # fmt: skip
                account = MemberAccount.objects.create(user=user, member=member)
            elif account.activated_at is not None:
                continue
            account.codes.filter(used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
            code = new_code()
            ActivationCode.objects.create(account=account, code_hash=digest(code), expires_at=expires, issued_by=actor)
            slips.append(Slip(member, account.user.username, code, expires))
    for slip in slips:
        sender(slip)
    return slips


@transaction.atomic
def member_account_activate(*, code: str, password: str):
    """Open the account the code was issued for, with the member's own password. Refuses an unknown,
    used, voided or expired code, a member who may no longer have access, and a password the
    validators refuse (the code then stays usable)."""
    found = (
        ActivationCode.objects.select_for_update(of=("self",))
        .select_related("account__user", "account__member")
        .filter(code_hash=digest(code or ""))
        .first()
    )
    if found is None or found.voided_at is not None:
        fail("code", "Mã kích hoạt không đúng; hãy gõ lại đúng như trên phiếu (chữ in hoa, số, dấu gạch).")
    if found.used_at is not None:
        fail("code", "Mã này đã được dùng; nếu không phải đồng chí dùng, hãy báo ngay văn phòng cấp ủy.")
    if found.expires_at < timezone.now():
        fail("code", "Mã đã hết hạn; hãy xin văn phòng cấp ủy in phiếu mới.")
    account = found.account
    problem = access_problem(account.member)
    if problem:
        fail("code", problem)
    user = account.user
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ValidationError({"password": e.messages}) from None
    now = timezone.now()
    with acting_as(user):
        user_password_change(user=user, password=password)
        found.used_at = now
        found.save(update_fields=["used_at"])
        account.activated_at = now
        account.save(update_fields=["activated_at"])
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def member_account_open(*, actor, member: Member, username: str, password: str) -> MemberAccount:
    """The server's path (the demo, a command): an account already activated with `password`."""
    member = Member.objects.select_related("org").get(pk=member.pk)  # as recorded now, not as the caller holds it
    problem = access_problem(member)
    if problem:
        fail("member", problem)
    with acting_as(actor):
        user = user_create(
            actor=actor, username=username, password=password, role=Role.MEMBER, org=member.org,
            full_name=member.full_name,
        )  # fmt: skip
        return MemberAccount.objects.create(user=user, member=member, activated_at=timezone.now())


def account_of(user) -> MemberAccount | None:
    if not getattr(user, "is_authenticated", False):
        return None
    found = compiled.rows(MemberAccount, ("handbook.account",), _account_query, user=user.pk)
    return found[0] if found else None


def _account_query():
    # compiled once (core.compiled): every request of a member's session reads it
    user = Slot("user", MemberAccount._meta.get_field("user").target_field)
    return MemberAccount.objects.select_related("member__org").filter(user_id=user).order_by("pk")[:1]


def accounts_of_cell(*, scope, org):
    """The cell's members with their account's state, for the clerk's page."""
    _check_issuer(scope, org)
    accounts = {a.member_id: a for a in MemberAccount.objects.filter(member__org=org).prefetch_related("codes")}
    return [(m, accounts.get(m.pk), access_problem(m)) for m in Member.objects.filter(org=org).order_by("sort_key")]
