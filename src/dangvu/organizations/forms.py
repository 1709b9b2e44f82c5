"""Forms of the organization pages; each one feeds a service in organizations.services."""

from django import forms

from dangvu.web.forms import UnitCodeField, VnDateField

from . import eras
from .models import Kind, Level


class TreeDateForm(forms.Form):
    ngay = VnDateField(label="Cây tổ chức tại ngày", required=False, help_text="")


class FoundForm(forms.Form):
    code = forms.CharField(label="Mã tổ chức", max_length=40, help_text="Mã mới, chưa dùng, ví dụ HM-DC-05.")
    name = forms.CharField(label="Tên tổ chức", max_length=255)
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    level = forms.ChoiceField(label="Cấp")
    kind = forms.ChoiceField(label="Loại hình", choices=Kind.choices)
    founded_on = VnDateField(label="Ngày thành lập")
    decision = forms.CharField(label="Số quyết định thành lập", max_length=80, required=False)

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        # Every level the parent may hold on some date; the service checks the founding day's rule.
        allowed = eras.allowed_children_any_era(parent.level)
        self.fields["level"].choices = [(v, Level(v).label) for v in eras.LEVEL_ORDER if v in allowed]
        self.fields["kind"].initial = parent.kind


class MoveForm(forms.Form):
    new_parent = UnitCodeField(label="Chuyển về trực thuộc")
    on = VnDateField(label="Ngày có hiệu lực")
    decision = forms.CharField(label="Số quyết định", max_length=80, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = units


class MergeForm(forms.Form):
    target = UnitCodeField(label="Sáp nhập vào")
    on = VnDateField(label="Ngày có hiệu lực")
    decision = forms.CharField(label="Số quyết định", max_length=80)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = units


class DissolveForm(forms.Form):
    on = VnDateField(label="Ngày giải thể")
    decision = forms.CharField(label="Số quyết định", max_length=80)
