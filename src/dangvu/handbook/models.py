"""A member's own login (role `member`, "Đảng viên"): one account bound to one member record, opened
with a one-time activation code the clerk of the cell hands out on a printed slip."""

from django.conf import settings
from django.db import models

from dangvu.members.models import Member


class MemberAccount(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_account")
    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="account", verbose_name="đảng viên")
    activated_at = models.DateTimeField("kích hoạt lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tài khoản đảng viên"
        verbose_name_plural = "tài khoản đảng viên"

    def __str__(self):
        return f"Tài khoản của {self.member}"


class ActivationCode(models.Model):
    """A code is stored only as its keyed digest (handbook.codes.digest): whoever reads the table
    cannot activate anyone. One code works once, until `expires_at`; issuing a new slip for the
    same member voids the codes not yet used."""

    account = models.ForeignKey(MemberAccount, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    voided_at = models.DateTimeField("hủy lúc", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField("cấp lúc", auto_now_add=True)

    class Meta:
        verbose_name = "mã kích hoạt"
        verbose_name_plural = "mã kích hoạt"

    def __str__(self):
        return f"Mã kích hoạt của {self.account.member}"
