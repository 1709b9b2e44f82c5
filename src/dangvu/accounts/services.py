"""Accounts: a user with one role bound to one unit."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.errors import fail

from .models import Role, RoleAssignment


@transaction.atomic
def user_create(*, actor, username: str, password: str, role: str, org, full_name: str = "", check_password=True):
    """Create a login bound to `role` at `org`. Passwords are hashed by Django (PBKDF2)."""
    User = get_user_model()
    if role not in Role.values:
        fail("role", "Vai trò không hợp lệ.")
    if User.objects.filter(username=username).exists():
        fail("username", f"Tên đăng nhập {username} đã có; hãy chọn tên khác.")
    if check_password:
        validate_password(password)
    # Django's admin (/quan-tri/) is not scoped: only an administrator of the whole tree may open
    # it; an administrator bound to a unit works in that unit's subtree like everyone else.
    whole_tree = role == Role.ADMIN and org is not None and org.parent_id is None
    with acting_as(actor):
        user = User(username=username, first_name=full_name, is_staff=whole_tree, is_superuser=whole_tree)
        user.set_password(password)
        user.save()
        RoleAssignment.objects.create(user=user, role=role, org=org)
    return user
