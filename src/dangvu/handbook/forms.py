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
