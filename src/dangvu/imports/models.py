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


class ImportJob(models.Model):
    """An import committed in the background (imports.jobs): who asked for it, its file, where it
    stands and what came of it. Its progress is not here but in a file beside the upload, because
    the import's own transaction holds the database while it runs (see jobs.py)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Đang chờ"), (RUNNING, "Đang nhập"), (DONE, "Đã xong"), (FAILED, "Không thành công")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("loại dữ liệu", max_length=40)
    filename = models.CharField("tệp", max_length=255)
    token = models.CharField(max_length=64)
    only_valid = models.BooleanField(default=False)
    # A preview's dry run of a large file: nothing is stored, the rows' verdicts are kept beside
    # the upload (storage.save_checked) and the preview page shows them.
    dry_run = models.BooleanField("chỉ kiểm tra", default=False)
    expected = models.JSONField(null=True, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=QUEUED)
    total = models.PositiveIntegerField("số dòng", default=0)
    stored = models.PositiveIntegerField("đã nhập", default=0)
    messages = models.JSONField("thông báo", default=list)
    created_at = models.DateTimeField("lúc gửi", auto_now_add=True)
    started_at = models.DateTimeField("lúc bắt đầu", null=True)
    finished_at = models.DateTimeField("lúc xong", null=True)

    class Meta:
        verbose_name = "lần nhập chạy nền"
        verbose_name_plural = "các lần nhập chạy nền"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} — {self.filename} ({self.get_status_display()})"
