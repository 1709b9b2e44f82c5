"""A user works in one role bound to one unit, and sees and changes only that unit's subtree."""

from django.conf import settings
from django.db import models

from dangvu.organizations.models import Organization


class Role(models.TextChoices):
    ORG_BOARD = "org_board", "Ban Tổ chức"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"
    OFFICE = "office", "Văn phòng, Ban Tuyên giáo"
    GRASSROOTS = "grassroots", "Bí thư, văn phòng đảng ủy cơ sở"
    LEADER = "leader", "Thường trực (chỉ xem)"
    ADMIN = "admin", "Quản trị hệ thống"
    # A member's own login (the handbook app): bound to one member record, not to a unit's records.
    MEMBER = "member", "Đảng viên"


class Capability(models.TextChoices):
    VIEW = "view", "Xem hồ sơ trong phạm vi"
    EDIT_MEMBERS = "edit_members", "Cập nhật đảng viên"
    OVERRIDE_AGE = "override_age", "Chấp thuận ngoại lệ về tuổi kết nạp"
    RESTRUCTURE = "restructure", "Thành lập, giải thể, sáp nhập, chia tách tổ chức"
    EDIT_INSPECTION = "edit_inspection", "Cập nhật kiểm tra, giám sát, kỷ luật"
    EDIT_RECORDS = "edit_records", "Cập nhật cán bộ, bồi dưỡng, bầu cử, khen thưởng, chỉ tiêu"
    EDIT_REPORTS = "edit_reports", "Soạn báo cáo"
    VIEW_CITIZEN_ID = "view_citizen_id", "Xem số CCCD"
    MANAGE_USERS = "manage_users", "Quản lý tài khoản"


_ALL = set(Capability.values)
CAPABILITIES = {
    Role.ADMIN: _ALL,
    Role.ORG_BOARD: {
        Capability.VIEW, Capability.EDIT_MEMBERS, Capability.OVERRIDE_AGE, Capability.RESTRUCTURE,
        Capability.EDIT_RECORDS, Capability.EDIT_REPORTS, Capability.VIEW_CITIZEN_ID,
    },
    Role.INSPECTION: {Capability.VIEW, Capability.EDIT_INSPECTION, Capability.VIEW_CITIZEN_ID},
    Role.OFFICE: {Capability.VIEW, Capability.EDIT_REPORTS, Capability.EDIT_RECORDS},
    Role.GRASSROOTS: {Capability.VIEW, Capability.EDIT_MEMBERS, Capability.VIEW_CITIZEN_ID, Capability.EDIT_REPORTS},
    Role.LEADER: {Capability.VIEW},
    Role.MEMBER: set(),
}  # fmt: skip


class RoleAssignment(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    org = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.org}"


class PasswordKind(models.TextChoices):
    CREATED = "created", "Mật khẩu đầu tiên (tạm)"
    RESET = "reset", "Quản trị đặt lại (tạm)"
    CHANGED = "changed", "Người dùng tự đổi"


class Credential(models.Model):
    """When and by whom a user's password was last set, never the password itself; audited, so the
    log says who reset whose password and when. A password someone else set (the first one, or a
    reset) is temporary: `must_change` holds the user on the change page until they choose their own
    (accounts.middleware)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credential")
    must_change = models.BooleanField("phải đổi mật khẩu khi đăng nhập", default=False)
    kind = models.CharField("cách đặt", max_length=10, choices=PasswordKind.choices)
    set_at = models.DateTimeField("đặt lúc")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người đặt", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = "mật khẩu (thời điểm đặt)"
        verbose_name_plural = "mật khẩu (thời điểm đặt)"

    def __str__(self):
        return f"Mật khẩu của {self.user}"
