"""Elections (bầu cử): an election on a date, and its results per area (khu vực bỏ phiếu), each
counted in the subtree of the organization of its ward or unit."""

from django.db import models

from dangvu.organizations.models import Organization


class Election(models.Model):
    name = models.CharField("tên cuộc bầu cử", max_length=255)
    date = models.DateField("ngày bầu cử")
    organizer = models.ForeignKey(
        Organization, verbose_name="tổ chức lãnh đạo", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cuộc bầu cử"
        verbose_name_plural = "bầu cử"
        ordering = ["-date", "name"]

    def __str__(self):
        return f"{self.name} ({self.date:%d/%m/%Y})"


class ElectionArea(models.Model):
    election = models.ForeignKey(Election, verbose_name="cuộc bầu cử", on_delete=models.CASCADE, related_name="areas")
    name = models.CharField("khu vực", max_length=160)
    org = models.ForeignKey(
        Organization, verbose_name="tổ chức đảng của địa bàn", on_delete=models.PROTECT, related_name="+"
    )
    registered = models.PositiveIntegerField("số cử tri trong danh sách")
    voted = models.PositiveIntegerField("số cử tri đã đi bầu")

    class Meta:
        verbose_name = "kết quả khu vực bỏ phiếu"
        verbose_name_plural = "kết quả khu vực bỏ phiếu"
        ordering = ["election", "name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="election_area_once"),
            models.CheckConstraint(condition=models.Q(voted__lte=models.F("registered")), name="turnout_at_most_all"),
        ]
        indexes = [models.Index(fields=["org", "election"])]

    def __str__(self):
        return self.name

    @property
    def turnout(self) -> float | None:
        return round(self.voted * 100 / self.registered, 2) if self.registered else None
