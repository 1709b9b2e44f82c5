"""Targets (chỉ tiêu, kế hoạch): a figure an organization is to reach in a year, for one
indicator of the catalogue, with who assigned it — its superior ("TP giao") or the unit itself
(its own plan, "kế hoạch")."""

from django.conf import settings
from django.db import models

from dangvu.organizations.models import Organization


class Target(models.Model):
    org = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    indicator_key = models.CharField("chỉ số", max_length=80)
    year = models.PositiveSmallIntegerField("năm")
    value = models.DecimalField("chỉ tiêu", max_digits=16, decimal_places=2)
    assigned_by = models.ForeignKey(Organization, verbose_name="cấp giao", on_delete=models.PROTECT, related_name="+")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("ghi chú", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["year", "indicator_key"]
        constraints = [
            models.UniqueConstraint(fields=["org", "indicator_key", "year"], name="one_target_per_org_key_year")
        ]
        indexes = [models.Index(fields=["indicator_key", "year"])]

    def __str__(self):
        return f"{self.indicator_key} {self.year}: {self.value}"

    @property
    def is_own_plan(self) -> bool:
        return self.assigned_by_id == self.org_id
