"""Forms of the admission pipeline: plain fields; the services do the checking and their refusals
are shown next to the field they name. Each step's form, given the file, runs the service's own
checks of that step in clean() (candidates.checks through web.forms.check_all), so every error
shows on the first submit; the service checks everything again on save."""

from django import forms

from dangvu.members.fields import MemberRefField
from dangvu.members.forms import ADMITTED_ON, DECISION_DATE, check_admission_fields
from dangvu.members.identity import clean_identity, past_date
from dangvu.members.models import Sex
from dangvu.web.forms import UnitChoiceField, VnDateField, check_all

from . import checks
from .models import Stage, StepKind, UnionBody

MEMBER_HELP = "Số thẻ đảng viên hoặc số CCCD của đảng viên chính thức."


class CandidateForm(forms.Form):
    """Opening a file: the cell, the day the cell listed the person, and their identity."""

    org = UnitChoiceField(label="Chi bộ", queryset=None)
    opened_on = VnDateField(label="Ngày chi bộ đưa vào danh sách quần chúng ưu tú")
    in_charge = forms.CharField(label="Đảng viên được phân công giúp đỡ", required=False)
    full_name = forms.CharField(label="Họ và tên khai sinh")
    usual_name = forms.CharField(label="Họ tên thường dùng", required=False)
    birth_date = VnDateField(label="Ngày sinh")
    sex = forms.ChoiceField(label="Giới tính", choices=Sex.choices)
    citizen_id = forms.CharField(label="Số CCCD", required=False, max_length=12)
    ethnicity = forms.CharField(label="Dân tộc", initial="Kinh")
    religion = forms.CharField(label="Tôn giáo", initial="Không")
    education = forms.CharField(label="Giáo dục phổ thông (ví dụ 12/12)", required=False)
    qualification = forms.CharField(label="Chuyên môn, nghiệp vụ", required=False)
    occupation = forms.CharField(label="Nghề nghiệp", required=False)
    hometown = forms.CharField(label="Quê quán", required=False)
    address = forms.CharField(label="Nơi ở hiện nay", required=False)
    phone = forms.CharField(label="Điện thoại", required=False)

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = cells

    def clean(self):
        data = super().clean()
        identity = {k: v for k, v in data.items() if k not in ("org", "opened_on", "in_charge")}
        opened_on = data.get("opened_on")
        check_all(
            self,
            lambda: clean_identity(identity),
            lambda: opened_on and past_date("opened_on", opened_on, "Ngày đưa vào danh sách"),
        )
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return {"org": data.pop("org"), "opened_on": data.pop("opened_on"), "in_charge": data.pop("in_charge"),
                "identity": data}  # fmt: skip


STEP_FORMS = {
    StepKind.COURSE: ("Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng", "Ngày cấp giấy chứng nhận",
                      "Số giấy chứng nhận", "Nơi cấp (trung tâm bồi dưỡng chính trị)"),
    StepKind.APPLICATION: ("Đơn xin vào Đảng", "Ngày làm đơn", "Số, ký hiệu (nếu có)", "Người nhận đơn"),
    StepKind.BACKGROUND: ("Thẩm tra lý lịch", "Ngày có kết luận thẩm tra", "Số văn bản kết luận",
                          "Người thẩm tra"),
}  # fmt: skip


class StepForm(forms.Form):
    date = VnDateField(label="Ngày")
    reference = forms.CharField(label="Số văn bản", required=False)
    in_charge = forms.CharField(label="Người phụ trách", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kind, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.candidate = kind, candidate
        _, date_label, reference_label, in_charge_label = STEP_FORMS[kind]
        self.fields["date"].label = date_label
        self.fields["reference"].label = reference_label
        self.fields["in_charge"].label = in_charge_label
        if kind == StepKind.COURSE:
            self.fields["reference"].required = True

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            typed = {"date": data.get("date"), "reference": data.get("reference")}
            check_all(self, *checks.step_checks(self.candidate, kind=self.kind, **typed))
        return data


class IntroducerForm(forms.Form):
    member = MemberRefField(None, label="Đảng viên giới thiệu", help_text=MEMBER_HELP)
    position = forms.CharField(label="Chức vụ của người giới thiệu", required=False)
    worked_together_since = VnDateField(label="Cùng công tác, học tập hoặc sinh hoạt với người vào Đảng từ ngày")
    introduced_on = VnDateField(label="Ngày giới thiệu")

    def __init__(self, *args, members, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].members = members
        self.candidate = candidate

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            typed = {k: data.get(k) for k in ("member", "worked_together_since", "introduced_on")}
            check_all(self, *checks.introducer_checks(self.candidate, **typed))
        return data


class UnionIntroductionForm(forms.Form):
    body = forms.ChoiceField(label="Tổ chức giới thiệu", choices=UnionBody.choices)
    name = forms.CharField(label="Tên tổ chức", help_text="Ví dụ: Đoàn TNCS Hồ Chí Minh phường Tân Mai.")
    resolution_no = forms.CharField(label="Số nghị quyết giới thiệu")
    resolution_date = VnDateField(label="Ngày nghị quyết")

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            typed = {k: data.get(k) for k in ("body", "name", "resolution_no", "resolution_date")}
            check_all(self, *checks.union_checks(self.candidate, **typed))
        return data


class VoteForm(forms.Form):
    date = VnDateField(label="Ngày chi bộ họp xét, biểu quyết")
    votes_for = forms.IntegerField(label="Số đảng viên chính thức tán thành", min_value=0)
    votes_against = forms.IntegerField(label="Số không tán thành", min_value=0, initial=0)
    reference = forms.CharField(label="Số nghị quyết của chi bộ", required=False)
    in_charge = forms.CharField(label="Người chủ trì", required=False)
    voting_org = UnitChoiceField(
        label="Đảng ủy cơ sở biểu quyết thay (chỉ khi chi bộ có dưới 3 đảng viên chính thức)",
        queryset=None,
        required=False,
    )

    def __init__(self, *args, committees, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voting_org"].queryset = committees
        self.candidate = candidate

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            typed = {k: data.get(k) for k in ("date", "votes_for", "votes_against", "voting_org")}
            check_all(self, *checks.vote_checks(self.candidate, **typed))
        return data


class AdmitForm(forms.Form):
    admitted_on = VnDateField(**ADMITTED_ON)
    decision_no = forms.CharField(label="Số quyết định kết nạp", help_text="Ví dụ 125-QĐ/QU.")
    decision_date = VnDateField(required=False, **DECISION_DATE)
    in_charge = forms.CharField(label="Cấp ủy, người ký quyết định", required=False)

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            check_admission_fields(self, {**data, "birth_date": self.candidate.birth_date})
        return data


class CloseForm(forms.Form):
    closed_on = VnDateField(label="Ngày dừng xem xét")
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean(self):
        data = super().clean()
        if self.candidate is not None:
            typed = {"closed_on": data.get("closed_on"), "reason": data.get("reason")}
            check_all(self, *checks.close_checks(self.candidate, **typed))
        return data


OPEN_STAGES = [c for c in Stage.choices if c[0] not in (Stage.ADMITTED, Stage.CLOSED)]


class FilterForm(forms.Form):
    """The list's filters (GET): everything optional, wrong values are ignored."""

    don_vi = UnitChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="Tất cả")
    buoc = forms.ChoiceField(label="Bước đã đạt", required=False, choices=[("", "Tất cả")] + OPEN_STAGES)
    dung_qua = forms.IntegerField(label="Dừng lâu hơn (ngày)", required=False, min_value=1, max_value=3650)
    q = forms.CharField(label="Họ tên", required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = orgs
