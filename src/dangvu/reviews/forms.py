"""Forms of the review pages. They only shape the input; the services validate and refuse."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.web.forms import VnDateField

from .models import Stage

ENTRY_STAGES = [(Stage.SELF, Stage.SELF.label), (Stage.PROPOSAL, Stage.PROPOSAL.label)]


def decision_day_default(year: int, today: dt.date | None = None) -> dt.date:
    """The day a decision on the review of `year` is offered with: today while that review is being
    decided (its year, and the first quarter after it, when most committees decide); for an older
    year typed in later, 31/12 of that year, which the clerk corrects to the decision's own day."""
    today = today or timezone.localdate()
    if dt.date(year, 1, 1) <= today <= dt.date(year + 1, 3, 31):
        return today
    return min(dt.date(year, 12, 31), today)


def decision_day_field(year: int) -> VnDateField:
    """The decision's day (ngày quyết định), kept apart from when it is typed in; the services refuse
    a day before 01/01 of the year reviewed or after today."""
    return VnDateField(
        label="Ngày quyết định", required=False, initial=decision_day_default(year),
        help_text=f"ngày/tháng/năm, từ 01/01/{year} đến hôm nay; để trống là hôm nay",
    )  # fmt: skip


class OpenCycleForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Lý do mở lại", widget=forms.Textarea(attrs={"rows": 2}))


class OrgResultForm(forms.Form):
    """An organization's class at one stage; `decide` adds the override reason field."""

    cls = forms.ChoiceField(label="Xếp loại")
    points = forms.DecimalField(label="Điểm (thang 100)", required=False, min_value=0, max_value=100)
    exemplary = forms.BooleanField(label="Tiêu biểu", required=False)
    disunity = forms.BooleanField(label="Cấp ủy mất đoàn kết nội bộ", required=False)
    members_disciplined_corruption = forms.IntegerField(
        label="Số đảng viên bị kỷ luật về tham nhũng, suy thoái", required=False, min_value=0
    )
    targets_met_percent = forms.DecimalField(
        label="Tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành (%)", required=False, min_value=0, max_value=100
    )
    leadership_disciplined = forms.BooleanField(label="Cấp ủy bị kỷ luật trong năm", required=False)

    def __init__(self, *args, book, stages, decide=False, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cls"].choices = [("", "— chọn —"), *book.org_choices()]
        self.fields["stage"] = forms.ChoiceField(label="Bước", choices=stages, initial=stages[-1][0])
        self.order_fields(["stage"])
        if not book.has_exemplary:
            del self.fields["exemplary"]
        if decide and year is not None:
            self.fields["decided_on"] = decision_day_field(year)
        if decide:
            self.fields["override_reason"] = forms.CharField(
                label="Lý do quyết định khác quy tắc (chỉ ghi khi cấp ủy quyết định khác quy tắc)",
                required=False, widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip


class MemberResultsForm(forms.Form):
    """One row per member: class, reason if not rated, and (for the deciding committee) the
    reason of a decision against a rule. Field names carry the member id."""

    def __init__(self, *args, book, rows, can_override=False, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"] = forms.ChoiceField(
            label="Bước", choices=[*ENTRY_STAGES, (Stage.DECISION, Stage.DECISION.label)], initial=Stage.DECISION
        )
        if year is not None:  # read at the decision stage only
            self.fields["decided_on"] = decision_day_field(year)
        self.rows = []
        choices = [("", "— không xếp loại / chưa nhập —"), *book.member_choices()]
        for member, result, activity in rows:
            pk = member.pk
            initial = (result.decided_class or result.proposed_class or result.self_class) if result else ""
            self.fields[f"cls_{pk}"] = forms.ChoiceField(
                label=f"Xếp loại {member.full_name}", choices=choices, required=False, initial=initial
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=f"Lý do không xếp loại {member.full_name}", required=False, max_length=255,
                initial=result.not_rated_reason if result else "",
            )  # fmt: skip
            names = [f"cls_{pk}", f"reason_{pk}"]
            if can_override:
                self.fields[f"override_{pk}"] = forms.CharField(
                    label=f"Lý do quyết định khác quy tắc {member.full_name}", required=False
                )
                names.append(f"override_{pk}")
            self.rows.append((member, result, activity, names))
        if can_override:
            self.fields["quota_override_reason"] = forms.CharField(
                label="Lý do vượt tỷ lệ (nếu cấp ủy quyết định vượt)", required=False
            )

    def bound_rows(self):
        return [(m, r, a, [self[n] for n in names]) for m, r, a, names in self.rows]

    def service_rows(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "member": m.pk,
                "cls": data.get(f"cls_{m.pk}", ""),
                "not_rated_reason": data.get(f"reason_{m.pk}", ""),
                "override_reason": data.get(f"override_{m.pk}", ""),
            }  # fmt: skip
            for m, _, _, _ in self.rows
        ]

    def add_service_errors(self, error: ValidationError):
        for key, messages in error.message_dict.items():
            target = None
            if key.startswith("member_"):
                target = f"cls_{key.removeprefix('member_')}"
                if target not in self.fields:
                    target = None
            elif key in self.fields:
                target = key
            for message in messages:
                self.add_error(target, message)


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")
    stage = forms.ChoiceField(
        label="Bước", choices=[*ENTRY_STAGES, (Stage.DECISION, Stage.DECISION.label)], initial=Stage.DECISION
    )
