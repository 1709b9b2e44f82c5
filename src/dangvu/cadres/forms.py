"""The cadre action form: plain fields; the service does the checking. clean() runs the service's
field checks (services.cadre_checks) so every error shows on the first submit."""

from django import forms

from dangvu.members.fields import MemberRefField
from dangvu.organizations.models import Level
from dangvu.web.forms import UnitChoiceField, VnDateField, check_all

from . import services
from .models import ActionKind


def deciding_orgs(scope):
    """Committees that decide: every unit in scope except the cells under a grassroots committee."""
    return scope.orgs().exclude(level=Level.CELL).order_by("path")


class CadreActionForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên (nếu không có trong danh sách đảng viên)", required=False)
    kind = forms.ChoiceField(label="Hình thức", choices=ActionKind.choices)
    position = forms.CharField(label="Chức vụ", required=False)
    from_org = UnitChoiceField(label="Từ đơn vị", queryset=None, required=False)
    from_unit = forms.CharField(label="Từ đơn vị (ngoài hệ thống tổ chức đảng)", required=False)
    to_org = UnitChoiceField(label="Đến đơn vị", queryset=None, required=False)
    to_unit = forms.CharField(label="Đến đơn vị (ngoài hệ thống tổ chức đảng)", required=False)
    decided_by = UnitChoiceField(label="Cấp ủy quyết định", queryset=None, required=False)
    decision_no = forms.CharField(label="Số quyết định", required=False)
    decision_date = VnDateField(label="Ngày quyết định (ngày/tháng/năm)", required=False)
    effective_date = VnDateField(label="Ngày hiệu lực (để trống nếu là ngày quyết định)", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scope, action=None, **kw):
        super().__init__(*args, **kw)
        self.action = action  # the record being corrected, if any
        self.fields["member"] = MemberRefField(
            scope.members(), label="Số thẻ đảng viên hoặc số CCCD (nếu là đảng viên trong danh sách)", required=False
        )
        self.order_fields(["member"])
        orgs = scope.orgs().order_by("path")
        self.fields["from_org"].queryset = orgs
        self.fields["to_org"].queryset = orgs
        self.fields["decided_by"].queryset = deciding_orgs(scope)

    def clean(self):
        data = super().clean()
        check_all(self, *services.cadre_checks(data, self.action))
        return data
