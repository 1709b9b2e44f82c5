"""Forms of the users page and the first run; each feeds a service in accounts.services or
accounts.setup."""

from django import forms

from dangvu.organizations import eras
from dangvu.organizations.models import Kind, Level
from dangvu.web.forms import UnitCodeField, VnDateField, unit_label

from .models import Role


class UserForm(forms.Form):
    username = forms.CharField(
        label="Tên đăng nhập", max_length=150,
        help_text="Chữ không dấu, số và . @ + - _, ví dụ vanphong-dinhcong. Không đổi được sau khi tạo.",
    )  # fmt: skip
    full_name = forms.CharField(label="Họ và tên, chức vụ", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ChoiceField(label="Vai trò", choices=[c for c in Role.choices if c[0] != Role.MEMBER])
    org = UnitCodeField(label="Đơn vị làm việc", datalist_id="user-units")

    def __init__(self, *args, units, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        if editing:
            del self.fields["username"]


class FirstRunForm(forms.Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40, help_text="Ví dụ HN, HM, PDC; dùng làm mã khi nhập Excel.")
    name = forms.CharField(label="Tên đảng bộ", max_length=255, help_text="Ví dụ Đảng bộ phường Định Công.")
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    founded_on = VnDateField(label="Ngày thành lập")
    level = forms.ChoiceField(
        label="Cấp", required=False,
        help_text="Để trống: cấp cao nhất có hiệu lực vào ngày thành lập (trước 01/7/2025 có cấp quận, huyện).",
    )  # fmt: skip
    kind = forms.ChoiceField(label="Loại hình", choices=Kind.choices, initial=Kind.OTHER)
    decision = forms.CharField(label="Số quyết định thành lập", max_length=80, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roots = set().union(*(e.allowed_children[None] for e in eras.ERAS))
        self.fields["level"].choices = [("", "— theo ngày thành lập —")] + [
            (v, Level(v).label) for v in eras.LEVEL_ORDER if v in roots
        ]


def user_initial(user) -> dict:
    a = user.assignment
    return {"full_name": user.first_name, "email": user.email, "role": a.role, "org": unit_label(a.org)}
