from django import forms


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
