"""Accounts: a user with one role bound to one unit, and their password's state.

An administrator (Capability.MANAGE_USERS) creates, edits, deactivates and resets the password of
users bound to units of their own subtree, and may bind them only to such units: the services
check this themselves, so a forged form cannot reach above or beside the actor's unit. Called with
`actor=None` they are the system (a command run on the server) and are not scoped; `user_create` is
the server's path (commands, the demo, `dangvu setup`) and the page's is `user_add`.

Passwords are hashed by Django (PBKDF2) and checked by AUTH_PASSWORD_VALIDATORS when a person
chooses one. A password someone else set — the first one, or a reset — is generated, shown once,
and must be changed at the next login (Credential.must_change, accounts.middleware). Every change
is audited (django-auditlog on User, RoleAssignment and Credential); the password never is.
"""

import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.core.errors import fail
from dangvu.core.text import clean

from .models import Capability, Credential, PasswordKind, Role, RoleAssignment
from .scope import Scope

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed without doubt


def temporary_password() -> str:
    """Four groups of four letters and digits, e.g. "k7mq-x2rt-9hvb-pn4e" (about 78 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def _whole_tree(role: str, org) -> bool:
    # Django's admin (/quan-tri/) is not scoped: only an administrator of the whole tree may open
    # it; an administrator bound to a unit works in that unit's subtree like everyone else.
    return role == Role.ADMIN and org is not None and org.parent_id is None


def _manager(actor) -> Scope | None:
    """The actor's scope, refused unless they may manage users; None for the system."""
    if actor is None:
        return None
    scope = Scope.of(actor)
    if not scope.can(Capability.MANAGE_USERS):
        raise PermissionDenied("Chỉ quản trị hệ thống quản lý được tài khoản.")
    return scope


def _check_unit(scope: Scope | None, org, field: str = "org"):
    if org is None:
        fail(field, "Hãy chọn đơn vị làm việc của tài khoản.")
    if scope is not None and not scope.covers(org):
        fail(field, f"Đơn vị {org.code} ở ngoài phạm vi bạn quản lý; hãy chọn một đơn vị thuộc {scope.root.name}.")


def _check_target(scope: Scope | None, user):
    """A user the actor may change: bound to a unit of their subtree (a superuser with no unit is
    managed on the server only). Outside it the same refusal as a user that does not exist."""
    if scope is None:
        return
    assignment = getattr(user, "assignment", None)
    if assignment is None or not scope.covers(assignment.org):
        raise PermissionDenied("Không tìm thấy tài khoản trong phạm vi của bạn.")


def _check_not_self(actor, user, what: str):
    if actor is not None and actor.pk == user.pk:
        fail("__all__", f"Bạn không thể tự {what} tài khoản của chính mình; hãy nhờ một quản trị khác.")


def _locked(user):
    """The user's row, locked until the end of the transaction, with the unit it is bound to. Only
    the user's row (of=self): PostgreSQL cannot lock the nullable side of the outer join."""
    return get_user_model().objects.select_for_update(of=("self",)).select_related("assignment__org").get(pk=user.pk)


def _set_credential(user, *, kind: str, by, must_change: bool):
    Credential.objects.update_or_create(
        user=user, defaults={"kind": kind, "set_at": timezone.now(), "set_by": by, "must_change": must_change}
    )


def _check_username(username: str) -> str:
    User = get_user_model()
    username = clean(username)
    if not username:
        fail("username", "Hãy nhập tên đăng nhập, ví dụ vanphong-dinhcong.")
    try:
        User.username_validator(username)
    except ValidationError:
        fail("username", f"Tên đăng nhập “{username}” chỉ gồm chữ, số và các dấu . @ + - _ (không dấu cách).")
    if User.objects.filter(username__iexact=username).exists():
        fail("username", f"Tên đăng nhập {username} đã có; hãy chọn tên khác.")
    return username


@transaction.atomic
def user_create(
    *, actor, username: str, password: str | None, role: str, org, full_name: str = "", email: str = "",
    check_password=True, must_change: bool = False,
):  # fmt: skip
    """Create a login bound to `role` at `org`. The server's path (commands, the demo, `dangvu
    setup`): not scoped; the users page goes through `user_add`, which is. `must_change`: the
    password is a temporary one, to be replaced at the first login. `password=None`: no usable
    password (a member's account until activated), with no hash computed."""
    User = get_user_model()
    if role not in Role.values:
        fail("role", "Vai trò không hợp lệ; hãy chọn trong danh sách.")
    _check_unit(None, org)
    username = _check_username(username)
    user = User(username=username, first_name=clean(full_name)[:150], email=clean(email))
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as e:
            raise ValidationError({"password": e.messages}) from None
    whole_tree = _whole_tree(role, org)
    with acting_as(actor):
        user.is_staff = user.is_superuser = whole_tree
        user.set_password(password)
        user.save()
        RoleAssignment.objects.create(user=user, role=role, org=org)
        _set_credential(user, kind=PasswordKind.CREATED, by=actor, must_change=must_change)
    return user


def user_add(*, actor, username: str, role: str, org, full_name: str = "", email: str = "") -> tuple:
    """A new user, bound to a unit of the actor's subtree, with a generated temporary password to
    be changed at the first login: (user, password). The password is shown once to the
    administrator and stored only hashed."""
    _check_unit(_manager(actor), org)
    if role == Role.MEMBER:
        fail("role", "Tài khoản đảng viên được cấp theo chi bộ, bằng phiếu mã kích hoạt (Sổ tay đảng viên).")
    password = temporary_password()
    user = user_create(
        actor=actor, username=username, password=password, role=role, org=org, full_name=full_name,
        email=email, check_password=False, must_change=True,
    )  # fmt: skip
    return user, password


@transaction.atomic
def user_update(*, actor, user, role: str, org, full_name: str = "", email: str = ""):
    """Change a user's name, e-mail, role and unit (both within the actor's subtree)."""
    scope = _manager(actor)
    user = _locked(user)
    _check_target(scope, user)
    if role not in Role.values:
        fail("role", "Vai trò không hợp lệ; hãy chọn trong danh sách.")
    _check_unit(scope, org)
    assignment = user.assignment
    if actor is not None and actor.pk == user.pk and (role != assignment.role or org.pk != assignment.org_id):
        fail("role", "Bạn không thể tự đổi vai trò hay đơn vị của mình; hãy nhờ một quản trị khác.")
    whole_tree = _whole_tree(role, org)
    with acting_as(actor):
        user.first_name, user.email = clean(full_name)[:150], clean(email)
        user.is_staff = user.is_superuser = whole_tree
        user.save()
        if (assignment.role, assignment.org_id) != (role, org.pk):
            assignment.role, assignment.org = role, org
            assignment.save()
    return user


@transaction.atomic
def user_set_active(*, actor, user, active: bool):
    """Deactivate (no login, no API token) or reactivate a user; nothing of theirs is deleted."""
    scope = _manager(actor)
    user = _locked(user)
    _check_target(scope, user)
    if not active:
        _check_not_self(actor, user, "khóa")
    if user.is_active != active:
        with acting_as(actor):
            user.is_active = active
            user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_password_reset(*, actor, user) -> str:
    """Give `user` a new generated password, to be changed at their next login; returns it (shown
    once). Ends a lockout after failed logins. The audit says who reset it and when."""
    scope = _manager(actor)
    user = _locked(user)
    _check_target(scope, user)
    _check_not_self(actor, user, "đặt lại mật khẩu")
    password = temporary_password()
    with acting_as(actor):
        user.set_password(password)
        user.save(update_fields=["password"])
        _set_credential(user, kind=PasswordKind.RESET, by=actor, must_change=True)
    # A user locked out by failed logins (django-axes) asks for a reset: the new password opens it.
    axes_reset(username=user.username)
    return password


@transaction.atomic
def user_password_change(*, user, password: str):
    """The user's own new password (already checked by the change form against the old one and
    AUTH_PASSWORD_VALIDATORS); ends any obligation to change it."""
    validate_password(password, user)
    with acting_as(user):
        user.set_password(password)
        user.save(update_fields=["password"])
        _set_credential(user, kind=PasswordKind.CHANGED, by=user, must_change=False)
    return user


def must_change_password(user) -> bool:
    return Credential.objects.filter(user_id=user.pk, must_change=True).exists()
