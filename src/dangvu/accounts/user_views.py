"""The users page (/nguoi-dung/): an administrator creates, edits, deactivates and resets the
password of the users of their subtree; and every user's own password change page. A generated
password is shown once, on the answer to the POST that made it (never in a message, which would
keep it in the session)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.web.forms import add_service_errors
from dangvu.web.pages import form_saved

from . import selectors, services
from .forms import UserForm, user_initial
from .models import Capability
from .scope import Scope


def _manager_scope(request) -> Scope:
    scope = Scope.of(request.user)
    if not scope.can(Capability.MANAGE_USERS):
        raise PermissionDenied("Chỉ quản trị hệ thống quản lý được tài khoản.")
    return scope


def _units(scope: Scope):
    return scope.orgs().filter(dissolved_on__isnull=True)


@login_required
def user_list(request):
    scope = _manager_scope(request)
    users = selectors.managed_users(scope)
    return render(request, "accounts/users.html", {"users": users, "root": scope.root})


def _form_page(request, form, title, submit, user=None):
    return render(request, "accounts/user_form.html", {"form": form, "title": title, "submit": submit, "who": user})


def _password_shown(request, user, password, what):
    return render(request, "accounts/user_password.html", {"who": user, "password": password, "what": what})


@login_required
def user_add(request):
    scope = _manager_scope(request)
    form = UserForm(request.POST or None, units=_units(scope))
    # Not web.pages.form_saved: the answer is a page showing the new password once, not a redirect
    # (a redirect would have to carry the password through the session).
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.user_add(
                actor=request.user, username=data["username"], role=data["role"], org=data["org"],
                full_name=data["full_name"], email=data["email"],
            )  # fmt: skip
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            return _password_shown(request, user, password, "Đã tạo tài khoản")
    return _form_page(request, form, f"Thêm tài khoản trong {scope.root.name}", "Tạo tài khoản")


@login_required
def user_edit(request, pk):
    scope = _manager_scope(request)
    user = selectors.get_managed_user(scope, pk)
    form = UserForm(request.POST or None, units=_units(scope), editing=True, initial=user_initial(user))

    def save(data):
        services.user_update(
            actor=request.user, user=user, role=data["role"], org=data["org"], full_name=data["full_name"],
            email=data["email"],
        )  # fmt: skip
        return f"Đã lưu tài khoản {user.username}.", "user-list"

    return form_saved(request, form, save) or _form_page(request, form, f"Sửa tài khoản {user.username}", "Lưu", user)


@login_required
@require_POST
def user_active(request, pk):
    scope = _manager_scope(request)
    user = selectors.get_managed_user(scope, pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=user, active=active)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        state = "mở khóa" if active else "khóa (không đăng nhập, không dùng token API được nữa)"
        messages.success(request, f"Đã {state} tài khoản {user.username}.")
    return redirect("user-list")


@login_required
def user_reset(request, pk):
    scope = _manager_scope(request)
    user = selectors.get_managed_user(scope, pk)
    if request.method == "POST":
        try:
            password = services.user_password_reset(actor=request.user, user=user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("user-list")
        return _password_shown(request, user, password, "Đã đặt lại mật khẩu")
    return render(request, "accounts/user_reset.html", {"who": user})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_change(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay logged in with the new password
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("home")
    forced = services.must_change_password(request.user)
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})
