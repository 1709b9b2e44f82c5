"""Form pieces every page shares: dates typed as dd/mm/yyyy, a unit chosen by its code (with a
searchable list of the units in scope), and service errors shown next to the field they name."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from dangvu.core.text import clean
from dangvu.organizations.selectors import in_tree_order

DATE_HINT = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2016."
# Day, month and year as the formats below read them: a text of that shape that is still refused
# names a day the calendar does not have (31/02/2001), which the import calls so too.
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


class VnDateField(forms.DateField):
    widget = forms.TextInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            m = _DMY.match(value) if isinstance(value, str) else None
            if m:
                hint = DATE_HINT[0].lower() + DATE_HINT[1:]
                raise ValidationError(f"{clean(value)} không phải ngày có thật; {hint}", code="invalid") from None
            raise

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"])
        kwargs.setdefault("error_messages", {"invalid": DATE_HINT})
        kwargs.setdefault("help_text", "ngày/tháng/năm")
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "size": "12"})
        return attrs

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return value


MONTH_HINT = "Nhập tháng theo dạng tháng/năm, ví dụ 03/2016."


class VnMonthField(forms.DateField):
    """A month typed as mm/yyyy ("3/2016", "03-2016"; a full date is accepted too); the value is
    its first day."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%m/%Y", "%m-%Y", "%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"])
        kwargs.setdefault("error_messages", {"invalid": MONTH_HINT})
        kwargs.setdefault("help_text", "tháng/năm")
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"placeholder": "mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "size": "8"})
        return attrs

    def prepare_value(self, value):
        return value.strftime("%m/%Y") if hasattr(value, "strftime") else value

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class AmountField(forms.IntegerField):
    """A sum of money in đồng: a whole number, never negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault(
            "error_messages",
            {
                "min_value": "Số tiền không được âm; hãy nhập số đồng, ví dụ 35000.",
                "invalid": "Hãy nhập số tiền bằng chữ số (đồng), ví dụ 35000.",
            },
        )
        super().__init__(*args, **kwargs)


class UnitCodeField(forms.CharField):
    """A unit typed by its code, or picked from a list (an HTML datalist, so no script is needed)
    whose entries read "CODE — name". Resolves to an Organization among `queryset` only."""

    def __init__(self, *args, queryset=None, datalist_id="units", **kwargs):
        self.queryset = queryset
        self.datalist_id = datalist_id
        kwargs.setdefault("help_text", "Gõ mã hoặc một phần tên rồi chọn trong danh sách.")
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"list": self.datalist_id, "autocomplete": "off", "size": "40"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = clean(value.split("—")[0]).upper()
        org = self.queryset.filter(code=code).first() if self.queryset is not None else None
        if org is None:
            raise ValidationError(
                f"Không tìm thấy tổ chức có mã {code} trong phạm vi của bạn; hãy chọn trong danh sách."
            )
        return org

    def choices(self):
        return in_tree_order(self.queryset) if self.queryset is not None else []


class TreeOrderIterator(forms.models.ModelChoiceIterator):
    """The units of a drop-down as the tree lists them (organizations.selectors.in_tree_order):
    "số 3" before "số 10", each unit under its superior."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in in_tree_order(self.queryset):
            yield self.choice(unit)


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: True as a bare name, False left out, the rest escaped."""
    return "".join(
        f" {conditional_escape(k)}" if v is True else f' {conditional_escape(k)}="{conditional_escape(v)}"'
        for k, v in attrs.items()
        if v is not False
    )


class PlainSelect(forms.Select):
    """A drop-down drawn in Python with the same HTML as Django's select templates, which include
    a template per <option>: ~2 ms of the search page's CPU for the unit and status lists of the
    member filter, drawn on every search."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group, options, _ in widget["optgroups"]:
            if group:
                html.append(f'\n  <optgroup label="{conditional_escape(group)}">')
            html.extend(
                f'\n  <option value="{conditional_escape(o["value"])}"{_attrs_html(o["attrs"])}>'
                f"{conditional_escape(o['label'])}</option>\n"
                for o in options
            )
            if group:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


class UnitSelect(forms.Select):
    """Each unit's option carries its superior's name (data-superior), so the browser's search
    finds "Chi bộ khu dân cư số 1" by "dai kim", the ward it is under."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        superior = getattr(getattr(value, "instance", None), "superior_name", "")
        if superior:
            option["attrs"]["data-superior"] = superior
        return option


class UnitChoiceField(forms.ModelChoiceField):
    """A drop-down of units in the tree's natural order, searchable without diacritics in the
    browser (static/web/unit-search.js finds it by data-unit-search; without the script it is a
    plain select)."""

    iterator = TreeOrderIterator
    widget = UnitSelect

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "data-unit-search": ""}


def unit_label(org) -> str:
    return f"{org.code} — {org.name}"


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict | None = None):
    """Show a service's ValidationError on the form: next to the field it names when the form has
    that field (after `aliases`, e.g. {"on": "date"}), otherwise at the top of the form."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        target = aliases.get(field, field)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


def check_all(form: forms.Form, *checks):
    """Run, inside a form's clean(), the service's own checks that need only fields that parsed
    (each a callable raising its ValidationError), so every error shows on the first submit rather
    than one round at a time. A check's errors land on fields that have none yet — a field that did
    not parse keeps its one message. The service checks everything again when the form is saved."""
    for check in checks:
        try:
            check()
        except ValidationError as e:
            errors = e.message_dict if hasattr(e, "error_dict") else {None: e.messages}
            for field, messages in errors.items():
                target = field if field in form.fields else None
                if target is not None and target in form.errors:
                    continue
                for message in messages:
                    form.add_error(target, message)
