"""The award form: plain fields; the service checks. clean() runs the service's field checks
(services.award_checks) so every error shows on the first submit."""

from django import forms

from dangvu.members.fields import MemberRefField
from dangvu.organizations.models import Level
from dangvu.web.forms import UnitChoiceField, VnDateField, check_all

from . import services
from .models import Program, RecipientKind, Title


class AwardForm(forms.Form):
    recipient_kind = forms.ChoiceField(label="Đối tượng được khen", choices=RecipientKind.choices)
    recipient_org = UnitChoiceField(label="Tổ chức đảng được khen", queryset=None, required=False)
    recipient_name = forms.CharField(label="Hoặc tên tập thể, cá nhân khác", required=False)
    title = forms.ChoiceField(label="Danh hiệu, hình thức", choices=Title.choices)
    title_detail = forms.CharField(label="Chi tiết (ví dụ: Giấy khen của Quận ủy)", required=False)
    program = forms.ChoiceField(label="Căn cứ, phong trào", choices=Program.choices)
    for_year = forms.IntegerField(label="Thành tích năm", required=False, min_value=1930)
    awarded_by = UnitChoiceField(label="Cấp khen thưởng", queryset=None, required=False)
    decision_no = forms.CharField(label="Số quyết định", required=False)
    decision_date = VnDateField(label="Ngày quyết định (ngày/tháng/năm)", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scope, **kw):
        super().__init__(*args, **kw)
        self.fields["recipient_member"] = MemberRefField(
            scope.members(), label="Hoặc đảng viên được khen (số thẻ đảng viên hoặc số CCCD)", required=False
        )
        self.order_fields(["recipient_kind", "recipient_org", "recipient_member"])
        self.fields["recipient_org"].queryset = scope.orgs().order_by("path")
        self.fields["awarded_by"].queryset = scope.orgs().exclude(level=Level.CELL).order_by("path")

    def clean(self):
        data = super().clean()
        check_all(self, *services.award_checks(data))
        return data
