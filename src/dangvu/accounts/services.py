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
    with acting_as(actor):
        user = User(
            username=username, first_name=full_name, is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN
        )
        user.set_password(password)
        user.save()
        RoleAssignment.objects.create(user=user, role=role, org=org)
    return user
