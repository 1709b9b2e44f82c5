"""Forms of the task and evaluation pages: plain fields in Vietnamese; the services check the rules."""

from django import forms

from dangvu.meetings.forms import DocumentField
from dangvu.web.forms import VnDateField

STAGE_LABELS = {
    "self": "Tự đánh giá",
    "opinion": "Ý kiến của chi bộ, cấp ủy",
    "decision": "Kết luận của cấp có thẩm quyền",
}


class TaskForm(forms.Form):
    title = forms.CharField(label="Nhiệm vụ được giao", max_length=255)
    measure = forms.CharField(label="Đơn vị tính", max_length=50, help_text="ví dụ: hồ sơ, buổi, hộ gia đình")
    target = forms.DecimalField(label="Số lượng yêu cầu", min_value=0, decimal_places=2, localize=True)
    deadline = VnDateField(label="Thời hạn")
    weight = forms.IntegerField(label="Trọng số", min_value=1, max_value=10, initial=1)


class ResultForm(forms.Form):
    done_on = VnDateField(label="Ngày hoàn thành", required=False)
    quantity = forms.DecimalField(label="Số lượng đạt", min_value=0, decimal_places=2, localize=True, required=False)
    product = forms.CharField(label="Sản phẩm (mô tả)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    product_file = DocumentField(label="Tệp sản phẩm", required=False)


class EvaluationForm(forms.Form):
    """One stage of an evaluation: the assessed criteria's points, the class and a note; at the
    decision, the reason for a class against the rules."""

    def __init__(self, *args, stage: str, criteria, book, collective: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.stage_label = STAGE_LABELS[stage]
        for c in criteria:
            if not c.from_tasks:
                self.fields[f"score_{c.code}"] = forms.DecimalField(
                    label=f"{c.label} (tối đa {c.max_points:g} điểm)", min_value=0, max_value=c.max_points,
                    decimal_places=2, localize=True, required=stage != "decision",
                )  # fmt: skip
        choices = [("", "— chọn —"), *book.member_choices()]
        self.fields["cls"] = forms.ChoiceField(label="Mức xếp loại", choices=choices, required=stage != "self")
        if collective and stage != "self":
            self.fields["leadership_members_disciplined"] = forms.IntegerField(
                label="Số thành viên cấp ủy bị kỷ luật trong kỳ", min_value=0, required=False
            )
        if stage == "decision":
            self.fields["override_reason"] = forms.CharField(
                label="Lý do kết luận khác quy tắc (nếu có)", required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        else:
            self.fields["note"] = forms.CharField(
                label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def scores(self) -> dict | None:
        found = {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_") and value is not None
        }
        return found or None


class CriterionRowForm(forms.Form):
    group = forms.ChoiceField(label="Nhóm tiêu chí", required=False)
    code = forms.CharField(label="Mã tiêu chí", max_length=30, required=False)
    label = forms.CharField(label="Tiêu chí", max_length=255, required=False)
    max_points = forms.DecimalField(label="Điểm tối đa", min_value=0, max_value=100, decimal_places=2, localize=True,
                                    required=False)  # fmt: skip

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "—"), *((g.code, f"{g.label} ({g.max_points:g} điểm)") for g in groups)]
        index = (self.prefix or "").rsplit("-", 1)[-1]
        row = f" dòng {int(index) + 1}" if index.isdigit() else ""
        for f in self.fields.values():  # the table has one header row, not a label per cell
            f.widget.attrs["aria-label"] = f"{f.label}{row}"


CriterionRows = forms.formset_factory(CriterionRowForm, extra=0)
