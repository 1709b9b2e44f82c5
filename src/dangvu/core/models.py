"""The log of downloads of personal data: who took which list or document, when, with which
filters and how many rows. Written through core.downloads.download_log by every download view,
never changed afterwards (read-only in the admin). The table keeps the name it had when the log
lived in the imports app (imports_exportlog), so moving it down lost no entry."""

from django.conf import settings
from django.db import models


class ExportLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    kind = models.CharField("danh sách", max_length=40)
    filters = models.JSONField("bộ lọc", default=dict, blank=True)
    row_count = models.PositiveIntegerField("số dòng")
    with_citizen_id = models.BooleanField("có số CCCD", default=False)

    class Meta:
        db_table = "imports_exportlog"
        verbose_name = "lần tải danh sách"
        verbose_name_plural = "nhật ký tải danh sách (Excel)"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} — {self.kind} — {self.row_count} dòng"
