"""The first-run page: a superuser on an empty database founds the root committee and becomes its
administrator (the same as `dangvu setup`, accounts.setup)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from dangvu.web.pages import form_saved

from .forms import FirstRunForm
from .setup import existing_root, setup_root


@login_required
def first_run(request):
    if not request.user.is_superuser:
        raise PermissionDenied("Trang thiết lập ban đầu chỉ dành cho tài khoản quản trị tối cao (superuser).")
    root = existing_root()
    if root is not None:
        messages.info(request, f"Cây tổ chức đã có (gốc {root.code} — {root.name}); không cần thiết lập lại.")
        return redirect("home")
    form = FirstRunForm(request.POST or None)

    def save(data):
        done = setup_root(
            actor=request.user, code=data["code"], name=data["name"], short_name=data["short_name"],
            founded_on=data["founded_on"], level=data["level"] or None, kind=data["kind"],
            decision=data["decision"],
        )  # fmt: skip
        return (
            f"Đã thành lập {done.root.name}; bạn là quản trị hệ thống của đơn vị này. Tiếp theo: thêm tài khoản "
            "cho các đơn vị, rồi nhập dữ liệu từ Excel.",
            "user-list",
        )

    return form_saved(request, form, save, {"parent": "level"}) or render(
        request, "accounts/first_run.html", {"form": form}
    )
