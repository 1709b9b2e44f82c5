from django import forms

from dangvu.web.forms import VnDateField


class ActivationForm(forms.Form):
    code = forms.CharField(label="Mã kích hoạt (trên phiếu)", max_length=40)
    password1 = forms.CharField(
        label="Mật khẩu mới", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu mới", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Hai lần nhập mật khẩu không giống nhau; hãy nhập lại.")
        return data


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label="Mục cần sửa")
    proposed_value = forms.CharField(label="Sửa thành", max_length=255, help_text="Ngày ghi dạng 05/03/1975.")
    note = forms.CharField(label="Lý do, căn cứ (nếu có)", max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        from .corrections import field_choices

        super().__init__(*args, **kwargs)
        self.fields["field"].choices = field_choices()


class DecisionForm(forms.Form):
    answer = forms.CharField(label="Trả lời (bắt buộc khi không chấp nhận)", max_length=500, required=False)


class DocumentForm(forms.Form):
    """Publishing a document: its identity, its file, and who receives it (the whole subtree of the
    committee or chosen cells). The service checks the file and the scope."""

    kind = forms.ChoiceField(label="Loại văn bản")
    number = forms.CharField(label="Số, ký hiệu", max_length=60, help_text="Ví dụ 12-NQ/ĐU.")
    issued_on = VnDateField(label="Ngày ban hành")
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=160)
    title = forms.CharField(label="Trích yếu", max_length=300)
    summary = forms.CharField(label="Tóm tắt (nếu có)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label="Tệp văn bản (PDF, Word, ảnh chụp; tối đa 20 MB)")
    to = forms.ChoiceField(
        label="Gửi tới", widget=forms.RadioSelect, initial="all",
        choices=[("all", "Toàn đảng bộ (mọi chi bộ trong phạm vi)"), ("cells", "Các chi bộ được chọn dưới đây")],
    )  # fmt: skip
    cells = forms.MultipleChoiceField(label="Chi bộ nhận", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, cells=(), **kwargs):
        from .models import DocumentKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DocumentKind.choices
        self.fields["cells"].choices = [(c.code, f"{c.code} — {c.name}") for c in cells]

    def clean(self):
        data = super().clean()
        if data.get("to") == "cells" and not data.get("cells"):
            self.add_error("cells", "Hãy đánh dấu ít nhất một chi bộ nhận văn bản, hoặc chọn gửi toàn đảng bộ.")
        return data
