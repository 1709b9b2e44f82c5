"""Writes of API tokens: create (the token is returned once and never stored) and revoke."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.core.errors import fail
from dangvu.core.text import clean

from .models import PREFIX, ApiToken, digest


@transaction.atomic
def api_token_create(*, actor, username: str, name: str) -> tuple[ApiToken, str]:
    """A new token for the user `username`, named for the system that will use it. Returns the
    record and the token; only the token's digest is stored, so it cannot be shown again.

    Refuses a missing name, an unknown or inactive user, and a user with no role (a token of a
    user who sees nothing would be useless)."""
    name = clean(name)
    if not name:
        fail("name", "Hãy đặt tên cho token theo hệ thống sẽ dùng nó, ví dụ “CSDL đảng viên quốc gia”.")
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        fail("user", f"Không có tài khoản đang hoạt động tên “{username}”; hãy kiểm tra tên đăng nhập.")
    if not hasattr(user, "assignment") and not user.is_superuser:
        fail("user", f"Tài khoản “{username}” chưa được phân vai trò và đơn vị; hãy phân quyền trước.")
    if getattr(getattr(user, "assignment", None), "role", None) == "member":
        # A member's account reads only the member's own pages; the API serves systems and clerks.
        fail("user", f"Tài khoản “{username}” là tài khoản đảng viên; token API chỉ cấp cho hệ thống và cán bộ.")
    token = PREFIX + secrets.token_urlsafe(32)
    with acting_as(actor):
        record = ApiToken.objects.create(name=name, user=user, secret_hash=digest(token), hint=token[:10])
    return record, token


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token for good: requests with it are answered 401 from now on."""
    if token.revoked:
        fail("token", f"Token “{token.name}” đã bị thu hồi từ trước.")
    with acting_as(actor):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
