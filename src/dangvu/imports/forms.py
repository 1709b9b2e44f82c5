from django import forms

from dangvu.web.forms import UnitCodeField

from .importers import IMPORTERS


def kinds_for(scope) -> list[tuple[str, str]]:
    return [(key, imp.label) for key, imp in IMPORTERS.items() if scope.can(imp.capability)]


class StartForm(forms.Form):
    kind = forms.ChoiceField(label="Loại dữ liệu")
    unit = UnitCodeField(label="Đơn vị nhận dữ liệu")
    file = forms.FileField(
        label="Tệp Excel (.xlsx, .xls, .ods)", required=False,
        help_text="Tối đa 20 MB hoặc 200.000 dòng. Dòng đầu là tiêu đề cột như trong tệp mẫu.",
    )  # fmt: skip

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds_for(scope)
        self.fields["unit"].queryset = scope.orgs().filter(dissolved_on__isnull=True)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xlsm,.xls,.ods"


class MappingForm(forms.Form):
    """One select per column of the import: which column of the file holds it."""

    def __init__(self, *args, importer, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— không có trong tệp —")] + [
            (str(i), f"Cột {_letter(i)}: {h}") for i, h in enumerate(headers) if str(h).strip()
        ]
        for col in importer.columns:
            current = mapping.get(col.field)
            self.fields[col.field] = forms.ChoiceField(
                label=col.header, choices=choices, required=col.required,
                initial="" if current is None else str(current), help_text=col.hint,
                error_messages={"required": f"Cột {col.header} là bắt buộc; hãy chọn cột tương ứng trong tệp."},
            )  # fmt: skip

    def mapping(self) -> dict:
        return {name: int(v) if v not in ("", None) else None for name, v in self.cleaned_data.items()}


def _letter(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out
