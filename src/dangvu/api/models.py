"""Tokens for the systems that call the API (the national member database, member handbooks,
city dashboards). A token stands for a user: it has exactly that user's role, unit and scope.

Only a SHA-256 digest of the token is stored; the token itself is shown once, when it is
created. A digest without a salt is enough here because the token is 256 random bits, not a
password a person chose: nobody can guess it, and the digest lets a request find its token in
one indexed query."""

import hashlib

from django.conf import settings
from django.db import models

PREFIX = "dv_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    name = models.CharField("tên hệ thống dùng token", max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, to tell tokens apart in lists without storing them.
    hint = models.CharField("đầu token", max_length=12, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
