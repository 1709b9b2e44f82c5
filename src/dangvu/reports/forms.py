"""Forms of the report pages: the staff-written parts (one text box per section) and the reason
for reopening a closed year."""

from django import forms

from dangvu.web.forms import VnDateField

from .models import SECTIONS, YearReport

HEAD_FIELDS = (
    "number", "symbol", "place", "issued_on", "heading_superior", "heading_body",
    "signer_role", "signer_title", "signer_name", "recipients",
    # the committee's house style for figures, used by every output of the report
    "percent_places", "percent_rounding", "plan_form", "class_rates",
)  # fmt: skip


STYLE_FIELDS = ("percent_places", "percent_rounding", "plan_form", "class_rates")


class YearReportForm(forms.ModelForm):
    issued_on = VnDateField(label="Ngày ban hành", required=False)

    class Meta:
        model = YearReport
        fields = HEAD_FIELDS
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        for name in STYLE_FIELDS:  # left out: the report keeps its style (the seed's by default)
            self.fields[name].required = False
        sections = (self.instance.sections or {}) if self.instance else {}
        for key, title in SECTIONS:
            self.fields[f"section_{key}"] = forms.CharField(
                label=title.format(next_year=year + 1), required=False, initial=sections.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text="Viết các đoạn văn, cách nhau một dòng trống. Số liệu do hệ thống tự điền, không cần gõ.",
            )  # fmt: skip

    def service_arguments(self) -> dict:
        data = {name: self.cleaned_data[name] for name in HEAD_FIELDS}
        for name in STYLE_FIELDS:
            if data[name] in ("", None):
                del data[name]
        data["sections"] = {key: self.cleaned_data[f"section_{key}"] for key, _ in SECTIONS}
        return data


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Lý do mở lại", widget=forms.Textarea(attrs={"rows": 3}))
