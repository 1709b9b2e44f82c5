"""Forms of the member pages. They collect and parse what the clerk types; every rule is checked
by members.services, whose Vietnamese errors the views put next to the field. The forms' clean()
also runs the services' checks that need only the typed fields (web.forms.check_all), so all the
errors show on the first submit; the services check everything again on save."""

from django import forms
from django.forms.models import fields_for_model

from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.web.forms import PlainSelect, UnitCodeField, VnDateField, VnMonthField, check_all

from . import rules, services
from .identity import IDENTITY_FIELDS, MEMBER_FIELDS, RECORD_FIELDS, clean_identity, past_date
from .models import Activity, EventKind, Member, Status

K = EventKind

_RECORD_HELP = {
    "alias": "Tên gọi khác trong hoạt động, nếu có.",
    "temporary_address": "Để trống nếu trùng nơi ở hiện nay.",
    "academic_title": "Giáo sư, Phó Giáo sư; để trống nếu không có.",
    "academic_degree": "Tiến sĩ, Thạc sĩ …; để trống nếu không có.",
    "foreign_languages": "Thứ tiếng và trình độ, ví dụ Tiếng Anh B1.",
    "it_skills": "Ví dụ: Ứng dụng CNTT cơ bản.",
    "minority_languages": "Ví dụ: Tiếng Tày (nghe, nói thành thạo).",
    "mass_org_positions": "Ví dụ: Chủ tịch Công đoàn cơ sở.",
    "health": "Ví dụ: Tốt; Bình thường.",
}


def _identity_fields(with_record: bool = False) -> dict:
    fields = fields_for_model(Member, fields=MEMBER_FIELDS if with_record else IDENTITY_FIELDS)
    fields["birth_date"] = VnDateField(label="Ngày sinh")
    fields["citizen_id"].help_text = "12 chữ số."
    fields["full_name"].help_text = "Viết có dấu, ví dụ Nguyễn Văn An."
    for name in ("full_name", "birth_date", "sex"):
        fields[name].required = True
    if with_record:
        fields["youth_union_joined_on"] = VnDateField(label="Ngày vào Đoàn TNCS Hồ Chí Minh", required=False)
        for name, text in _RECORD_HELP.items():
            fields[name].help_text = text
    return fields


class IdentityForm(forms.Form):
    """Lý lịch (Mẫu 2-HSĐV). Without the right to see citizen IDs the field is left out.
    `with_record`: also the rest of the record sheet (languages, titles, health …). `member`: the
    record being corrected, whose own citizen ID and card number are not a clash.

    clean() runs clean_identity on the fields that parsed (check_all), so a missing name, a future
    birth date and a malformed citizen ID show together on the first submit."""

    def __init__(self, *args, show_citizen_id=True, with_version=False, with_record=False, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        for name, f in _identity_fields(with_record).items():
            if name == "citizen_id" and not show_citizen_id:
                continue
            self.fields[name] = f
        if with_version:
            # The record's version when the page was loaded (members.services.version_of): saving
            # over someone else's later change is refused instead of losing it.
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        identity = {k: v for k, v in data.items() if k in MEMBER_FIELDS}
        check_all(self, lambda: clean_identity(identity, member=self.member))
        return data

    def identity(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in MEMBER_FIELDS}

    def identity_fields(self):
        return [self[name] for name in self.fields if name in IDENTITY_FIELDS]

    def record_fields(self):
        return [self[name] for name in self.fields if name in RECORD_FIELDS]


# --- work history (quá trình công tác) -----------------------------------------------------------


class WorkPeriodForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    started_on = VnMonthField(label="Từ tháng/năm", required=False)
    ended_on = VnMonthField(label="Đến tháng/năm", required=False, help_text="Để trống nếu đến nay.")
    work = forms.CharField(label="Công việc, chức vụ", max_length=255, required=False)
    place = forms.CharField(label="Nơi công tác", max_length=255, required=False)


class BaseWorkHistoryFormSet(forms.BaseFormSet):
    """The lines typed, in order; blank lines and lines ticked for deletion are left out. Each
    problem is shown on its line and at the top with the line's number as the clerk sees it
    ("Dòng 2 …"); members.services.clean_work_history checks the same again."""

    _KEYS = ("id", "started_on", "ended_on", "work", "place")

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, f in form.fields.items():  # the table's cells have no label of their own
            label = "Xóa dòng" if name == "DELETE" else f"{f.label}, dòng"
            f.widget.attrs["aria-label"] = f"{label} {i + 1}"
        return form

    def _lines(self):
        for n, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", {})
            if any(data.get(k) for k in self._KEYS) and not self._should_delete_form(form):
                yield n, form

    def clean(self):
        if any(self.errors):
            return
        problems = []
        for n, form in self._lines():
            started, ended = form.cleaned_data.get("started_on"), form.cleaned_data.get("ended_on")
            line = f"Dòng {n} của quá trình công tác"
            if started is None:
                form.add_error("started_on", "Hãy nhập tháng bắt đầu.")
                problems.append(f"{line}: hãy nhập tháng bắt đầu (tháng/năm, ví dụ 09/2005).")
            elif ended is not None and ended < started:
                form.add_error("ended_on", "Tháng kết thúc trước tháng bắt đầu.")
                problems.append(
                    f"{line}: tháng bắt đầu {started:%m/%Y} sau tháng kết thúc {ended:%m/%Y}; "
                    "hãy sửa lại (để trống tháng kết thúc nếu đến nay vẫn làm)."
                )
            if not form.cleaned_data.get("work"):
                form.add_error("work", "Hãy ghi công việc, chức vụ.")
                problems.append(f"{line}: hãy ghi công việc, chức vụ (ví dụ Giáo viên, Tổ trưởng chuyên môn).")
        if problems:
            raise forms.ValidationError(problems)

    def rows(self) -> list[dict]:
        return [{k: form.cleaned_data.get(k) for k in self._KEYS} for _n, form in self._lines()]


WorkHistoryFormSet = forms.formset_factory(WorkPeriodForm, formset=BaseWorkHistoryFormSet, extra=2, can_delete=True)


# One wording of the admission's dates for both admission forms (here and the candidate's file).
ADMITTED_ON = {"label": "Ngày kết nạp", "help_text": "Ngày ghi trong quyết định kết nạp; tuổi đảng tính từ ngày này."}
DECISION_DATE = {"label": "Ngày ký quyết định", "help_text": "Để trống nếu trùng ngày kết nạp."}


def check_admission_fields(form: forms.Form, data: dict, identity: dict | None = None):
    """An admission's checks that need only the fields that parsed (see check_all): the identity
    (when given), the admission and decision dates, and the 18–60 age rule unless a reason for
    an exception was typed (member_admit decides whether it may be)."""
    born, admitted = data.get("birth_date"), data.get("admitted_on")

    def age():
        problem = born and admitted and rules.admission_age_problem(born, admitted)
        if problem and not clean(data.get("age_override_reason") or ""):
            fail("birth_date", problem)

    check_all(
        form,
        *([lambda: clean_identity(identity)] if identity is not None else []),
        lambda: admitted and past_date("admitted_on", admitted, "Ngày kết nạp"),
        lambda: data.get("decision_date") and past_date("decision_date", data["decision_date"], "Ngày ký quyết định"),
        age,
    )


class AdmitForm(IdentityForm):
    def __init__(self, *args, can_override_age=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admitted_on"] = VnDateField(**ADMITTED_ON)
        self.fields["decision_no"] = forms.CharField(
            label="Số quyết định kết nạp",
            max_length=80,
            help_text="Ví dụ 125-QĐ/QU.",
            error_messages={"required": "Hãy nhập số quyết định kết nạp, ví dụ 125-QĐ/QU."},
        )
        self.fields["decision_date"] = VnDateField(required=False, **DECISION_DATE)
        if can_override_age:
            self.fields["age_override_reason"] = forms.CharField(
                label="Lý do chấp thuận ngoại lệ về tuổi",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Chỉ điền khi người được kết nạp dưới 18 hoặc trên 60 tuổi "
                "và đã được cấp có thẩm quyền đồng ý.",
            )

    def clean(self):
        data = super().clean()  # the identity (IdentityForm.clean)
        check_admission_fields(self, data)
        return data

    def admission(self) -> dict:
        keys = ("admitted_on", "decision_no", "decision_date", "age_override_reason")
        return {k: self.cleaned_data[k] for k in keys if k in self.cleaned_data}


# --- lifecycle events ----------------------------------------------------------------------------


# Which events fit a member in each status (the services check again, with the dates).
def kinds_for(member: Member) -> list[str]:
    st = member.status
    if st in (Status.PROBATIONARY, Status.FULL):
        kinds = [K.RECOGNIZED] if st == Status.PROBATIONARY else []
        kinds += [K.TRANSFERRED, K.TRANSFERRED_OUT, K.TEMPORARY_TRANSFER]
        kinds += [K.EXEMPTED, K.SUSPENDED] if member.activity == Activity.ACTIVE else [K.RESUMED]
        kinds += [K.PROBATION_FAILED] if st == Status.PROBATIONARY else []
        kinds += [K.REMOVED, K.DISMISSED]
        # Expulsion is a discipline for full members; a probationary member is removed instead.
        kinds += [K.EXPELLED] if st == Status.FULL else []
        return [*kinds, K.DIED]
    if st in (Status.REMOVED, Status.DISMISSED, Status.EXPELLED):
        return [K.READMITTED, K.RESTORED]
    if st == Status.PROBATION_FAILED:
        return [K.READMITTED]
    if st == Status.TRANSFERRED_OUT:
        return [K.TRANSFERRED_IN]
    return []


# The fields each kind asks for besides the date, the decision and the reason.
_EXTRA = {
    K.TRANSFERRED: ("to_org",),
    K.TRANSFERRED_OUT: ("place",),
    K.TEMPORARY_TRANSFER: ("to_org", "place", "until"),
    K.READMITTED: ("org",),
    K.RESTORED: ("org",),
    K.TRANSFERRED_IN: ("org", "place"),
}
HINTS = {
    K.RECOGNIZED: "Ngày chính thức là ngày hết 12 tháng dự bị, kể cả khi chi bộ họp xét muộn hơn.",
    K.TRANSFERRED: "Chuyển sang một chi bộ khác trong phạm vi quản lý của bạn.",
    K.TRANSFERRED_OUT: "Chuyển sinh hoạt đảng chính thức ra ngoài Đảng bộ; đảng viên không còn trong danh sách.",
    K.TEMPORARY_TRANSFER: "Đảng viên vẫn thuộc chi bộ hiện tại; chọn chi bộ nơi sinh hoạt tạm thời hoặc ghi nơi đến.",
}


class EventForm(forms.Form):
    """A lifecycle event of `member`. clean() runs the service's checks of the fields typed
    (services.event_checks, recognition_checks) so all their errors show on the first submit."""

    def __init__(self, *args, kind: str, cells, member: Member, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.member = member
        if kind != K.RECOGNIZED:
            self.fields["date"] = VnDateField(label="Ngày hiệu lực")
        extra = _EXTRA.get(kind, ())
        if "to_org" in extra:
            self.fields["to_org"] = UnitCodeField(
                label="Chi bộ nơi chuyển đến",
                queryset=cells,
                required=kind == K.TRANSFERRED,
                datalist_id="cells",
            )
        if "org" in extra:
            self.fields["org"] = UnitCodeField(label="Sinh hoạt tại chi bộ", queryset=cells, datalist_id="cells")
        if "place" in extra:
            label = "Chuyển đến từ (đảng bộ, chi bộ nơi đi)" if kind == K.TRANSFERRED_IN else "Nơi chuyển đến"
            self.fields["place"] = forms.CharField(label=label, max_length=255, required=False)
        if "until" in extra:
            self.fields["until"] = VnDateField(label="Sinh hoạt tạm thời đến ngày", required=False)
        self.fields["decision_no"] = forms.CharField(label="Số quyết định", max_length=80, required=False)
        self.fields["decision_date"] = VnDateField(label="Ngày quyết định", required=kind == K.RECOGNIZED)
        if kind != K.RECOGNIZED:
            self.fields["reason"] = forms.CharField(
                label="Lý do, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self):
        data = super().clean()
        typed = {k: data.get(k) for k in ("decision_no", "decision_date")}
        if self.kind == K.RECOGNIZED:
            check_all(self, *services.recognition_checks(self.member, **typed))
        else:
            others = {k: data.get(k) for k in ("date", "to_org", "place", "until")}
            check_all(self, *services.event_checks(self.member, self.kind, **typed, **others))
        return data


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm theo tên, số thẻ đảng hoặc số CCCD",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "ví dụ: nguyen van an", "autofocus": True}),
        help_text="Gõ không dấu cũng được.",
    )
    status = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[("", "Tất cả"), ("dang", "Đang sinh hoạt (dự bị và chính thức)"), *Status.choices],
        widget=PlainSelect,
    )
    unit = forms.ChoiceField(label="Đơn vị", required=False, widget=PlainSelect)  # a province's districts

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            ("", "Tất cả đơn vị"),
            *((str(o.pk), "\u2003" * d + o.name) for o, d in units),
        ]


class BadgeDateForm(forms.Form):
    dip = forms.ChoiceField(
        label="Dịp trao",
        choices=[("3/2", "3/2 — Ngày thành lập Đảng"), ("19/5", "19/5 — Ngày sinh Chủ tịch Hồ Chí Minh"),
                 ("2/9", "2/9 — Quốc khánh"), ("7/11", "7/11 — Cách mạng Tháng Mười")],
    )  # fmt: skip
    nam = forms.IntegerField(label="Năm", min_value=1960, max_value=2100, localize=False)
    qua_han = forms.BooleanField(label="Gồm cả người đến hạn từ trước mà chưa nhận", required=False)
