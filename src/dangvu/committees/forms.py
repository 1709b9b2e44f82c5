"""Forms of the committee and residence-contact pages: plain fields, the service says what is wrong.
The congress form runs the service's checks in clean() (services.congress_checks through
web.forms.check_all) so every error shows on the first submit."""

from django import forms

from dangvu.members.fields import MemberRefField
from dangvu.web.forms import UnitChoiceField, UnitCodeField, VnDateField, check_all

from . import services
from .models import Assessment, Departure, Entry, Role

MEMBER_HELP = "Số thẻ đảng viên hoặc số CCCD."


class CongressForm(forms.Form):
    number = forms.IntegerField(label="Lần thứ", required=False, min_value=1, max_value=99)
    held_on = VnDateField(label="Ngày khai mạc đại hội")
    term_start = forms.IntegerField(label="Nhiệm kỳ từ năm", min_value=1930, max_value=2100)
    term_end = forms.IntegerField(label="Nhiệm kỳ đến năm", min_value=1930, max_value=2100)
    delegates = forms.IntegerField(label="Số đại biểu (đảng viên) dự đại hội", min_value=1)
    name = forms.CharField(label="Tên đại hội (để trống: tự đặt theo tên tổ chức và nhiệm kỳ)", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org

    def clean(self):
        """The service's checks of the fields typed (services.congress_checks), all at once."""
        data = super().clean()
        if self.org is not None:
            typed = {k: data.get(k) for k in ("held_on", "term_start", "term_end", "delegates", "number")}
            check_all(self, *services.congress_checks(org=self.org, **typed))
        return data


class SeatForm(forms.Form):
    member = MemberRefField(None, label="Đảng viên", help_text=MEMBER_HELP)
    role = forms.ChoiceField(label="Chức danh", choices=Role.choices)
    entry = forms.ChoiceField(label="Hình thức", choices=[c for c in Entry.choices if c[0] != Entry.ROLE_CHANGE])
    on = VnDateField(label="Từ ngày")
    decision_no = forms.CharField(label="Số quyết định (bầu, chỉ định bổ sung)", required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].members = members


class SeatEndForm(forms.Form):
    reason = forms.ChoiceField(
        label="Lý do thôi",
        choices=[c for c in Departure.choices if c[0] not in (Departure.ROLE_CHANGE, Departure.TERM_ENDED)],
    )
    on = VnDateField(label="Thôi từ ngày")
    decision_no = forms.CharField(label="Số quyết định", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class IntroduceForm(forms.Form):
    """The member's own organization introduces one of its members to the residence's committee."""

    member = MemberRefField(None, label="Đảng viên của đơn vị", help_text=MEMBER_HELP)
    ward = UnitCodeField(
        label="Đảng ủy xã, phường nơi cư trú", required=False, datalist_id="wards",
        help_text="Gõ tên xã, phường rồi chọn trong danh sách.",
    )  # fmt: skip
    ward_name = forms.CharField(
        label="hoặc tên đảng ủy xã, phường (nếu không có trong danh sách)", required=False, max_length=255
    )
    introduced_on = VnDateField(label="Ngày giới thiệu")
    letter_no = forms.CharField(label="Số giấy giới thiệu", required=False, max_length=80)
    address = forms.CharField(label="Địa chỉ nơi cư trú", required=False, max_length=255)

    def __init__(self, *args, members, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].members = members
        self.fields["ward"].queryset = wards


class ConfirmForm(forms.Form):
    cell = UnitChoiceField(label="Chi bộ nơi cư trú", queryset=None)
    since = VnDateField(label="Ngày đảng viên đến báo cáo")

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    date = VnDateField(label="Ngày")
    content = forms.CharField(label="Nội dung liên hệ", widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=1930, max_value=2100)
    assessment = forms.ChoiceField(label="Nhận xét chung", choices=Assessment.choices)
    text = forms.CharField(label="Ý kiến nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    commented_on = VnDateField(label="Ngày nhận xét")


class ContactEndForm(forms.Form):
    on = VnDateField(label="Kết thúc từ ngày")
    reason = forms.CharField(label="Lý do")
