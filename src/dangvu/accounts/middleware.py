"""A user whose password someone else set (their first one, or a reset by an administrator) works
only after choosing their own: every page sends them to the password change page until then.
The API answers such a browser session with a refusal in its own error shape; a system's token is
a separate credential and is not held back."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .scope import read_account

# What stays open meanwhile: the change page itself, logging out, the language switch, static files.
_OPEN = ("password-change", "logout")
_OPEN_PREFIXES = ("/i18n/", "/static/")


def _must_change(user) -> bool:
    """services.must_change_password from the credential read with the user's role (read_account):
    the scope the page asks next costs no second query."""
    read_account(user)
    credential = getattr(user, "credential", None)
    return credential is not None and credential.must_change


class PasswordChangeRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open(request) and _must_change(user):
            if request.path.startswith("/api/"):
                if "HTTP_AUTHORIZATION" in request.META:
                    return self.get_response(request)  # a token, checked by the API itself
                message = {
                    "vi": "Hãy đổi mật khẩu tạm trên trang Đổi mật khẩu trước khi dùng API bằng phiên đăng nhập.",
                    "en": "Change your temporary password on the web before using the API with this session.",
                }
                return JsonResponse({"error": {"code": "forbidden", "message": message, "fields": {}}}, status=403)
            return redirect(f"{reverse('password-change')}?bat-buoc=1")
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        if request.path.startswith(_OPEN_PREFIXES):
            return True
        return request.path in {reverse(name) for name in _OPEN}
