"""A column mapping a unit chose for a kind of workbook, kept so the next file with the same
header row (the monthly export of another program) goes straight to the preview."""

import hashlib

from django.conf import settings
from django.db import models


def headers_key(headers: list) -> str:
    """The header row as one key: case-, accent- and spacing-insensitive, column order kept."""
    from .engine import _norm

    return hashlib.sha256("\x1f".join(_norm(h) for h in headers).encode()).hexdigest()


class SavedMapping(models.Model):
    org = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị"
    )
    kind = models.CharField("loại dữ liệu", max_length=40)
    headers_key = models.CharField("dòng tiêu đề (mã băm)", max_length=64)
    headers = models.JSONField("dòng tiêu đề", default=list)
    mapping = models.JSONField("ghép cột", default=dict)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người ghép"
    )

    class Meta:
        verbose_name = "cách ghép cột đã lưu"
        verbose_name_plural = "cách ghép cột đã lưu"
        constraints = [
            models.UniqueConstraint(fields=["org", "kind", "headers_key"], name="imports_mapping_once_per_header")
        ]

    def __str__(self):
        return f"{self.kind} — {self.org_id}: {len(self.headers)} cột"
