"""Forms of the member pages. They only collect and parse what the clerk types; every rule is
checked by members.services, whose Vietnamese errors the views put next to the field."""

from django import forms
from django.forms.models import fields_for_model

from dangvu.web.forms import UnitCodeField, VnDateField

from .models import Activity, EventKind, Member, Status
from .services import IDENTITY_FIELDS

K = EventKind


def _identity_fields() -> dict:
    fields = fields_for_model(Member, fields=IDENTITY_FIELDS)
    fields["birth_date"] = VnDateField(label="Ngày sinh")
    fields["citizen_id"].help_text = "12 chữ số."
    fields["full_name"].help_text = "Viết có dấu, ví dụ Nguyễn Văn An."
    for name in ("full_name", "birth_date", "sex"):
        fields[name].required = True
    return fields


class IdentityForm(forms.Form):
    """Lý lịch (Mẫu 2-HSĐV). Without the right to see citizen IDs the field is left out."""

    def __init__(self, *args, show_citizen_id=True, with_version=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in _identity_fields().items():
            if name == "citizen_id" and not show_citizen_id:
                continue
            self.fields[name] = f
        if with_version:
            # The record's version when the page was loaded (members.services.version_of): saving
            # over someone else's later change is refused instead of losing it.
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def identity(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in IDENTITY_FIELDS}

    def identity_fields(self):
        return [self[name] for name in self.fields if name in IDENTITY_FIELDS]


class AdmitForm(IdentityForm):
    def __init__(self, *args, can_override_age=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admitted_on"] = VnDateField(label="Ngày kết nạp (ngày ký quyết định)")
        self.fields["decision_no"] = forms.CharField(
            label="Số quyết định kết nạp",
            max_length=80,
            help_text="Ví dụ 125-QĐ/QU.",
            error_messages={"required": "Hãy nhập số quyết định kết nạp, ví dụ 125-QĐ/QU."},
        )
        self.fields["decision_date"] = VnDateField(
            label="Ngày quyết định", required=False, help_text="Để trống nếu trùng ngày kết nạp."
        )
        if can_override_age:
            self.fields["age_override_reason"] = forms.CharField(
                label="Lý do chấp thuận ngoại lệ về tuổi",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Chỉ điền khi người được kết nạp dưới 18 hoặc trên 60 tuổi "
                "và đã được cấp có thẩm quyền đồng ý.",
            )

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
        kinds += [K.REMOVED]
        # Expulsion is a discipline for full members; a probationary member is removed instead.
        kinds += [K.EXPELLED] if st == Status.FULL else []
        return [*kinds, K.DIED]
    if st in (Status.REMOVED, Status.EXPELLED):
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
    def __init__(self, *args, kind: str, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
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
    )
    unit = forms.ChoiceField(label="Đơn vị", required=False)

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
