"""Forms of training classes and attendances: plain fields; the services check. The class form's
clean() runs the service's field checks (services.class_checks) so every error shows at once."""

from django import forms

from dangvu.members.fields import MemberRefField
from dangvu.organizations.models import Level
from dangvu.web.forms import UnitChoiceField, VnDateField, check_all

from . import services
from .models import ClassKind


class TrainingClassForm(forms.Form):
    title = forms.CharField(label="Tên lớp", required=False)
    organizer = UnitChoiceField(label="Đơn vị tổ chức", queryset=None, required=False)
    kind = forms.ChoiceField(label="Loại lớp", choices=ClassKind.choices)
    start_date = VnDateField(label="Ngày khai giảng (ngày/tháng/năm)", required=False)
    end_date = VnDateField(label="Ngày bế giảng (để trống nếu học một ngày)", required=False)
    place = forms.CharField(label="Địa điểm", required=False)
    unnamed_count = forms.IntegerField(
        label="Số lượt tham dự không ghi tên", required=False, min_value=0,
        help_text="Khi không nhập danh sách từng người; người có tên trong danh sách được đếm riêng.",
    )  # fmt: skip
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scope, training_class=None, **kw):
        super().__init__(*args, **kw)
        self.training_class = training_class  # the class being corrected, if any
        self.fields["organizer"].queryset = scope.orgs().exclude(level=Level.CELL).order_by("path")

    def clean(self):
        data = super().clean()
        check_all(self, *services.class_checks(data, self.training_class))
        return data


class AttendanceForm(forms.Form):
    attended_on = VnDateField(label="Ngày tham dự (để trống nếu là ngày khai giảng)", required=False)

    def __init__(self, *args, scope, **kw):
        super().__init__(*args, **kw)
        self.fields["member"] = MemberRefField(scope.members(), label="Số thẻ đảng viên hoặc số CCCD")
        self.order_fields(["member"])
