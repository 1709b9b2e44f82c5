"""A member's account opens the member's own pages (/so-tay/) and nothing else, and only while the
member's record allows it: checked at every request, so an exemption, a removal, a death or a
transfer out closes the account at once, without anyone remembering to deactivate it.

A member's pages read the member's own records, their cell and its superiors, by key: their
statements are prepared (core.prepared), planned once a connection for millions of members."""

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.core.prepared import prepared

from .notices import unread_count
from .services import access_problem, account_of

# What a member's session may open besides the handbook: logging out, the password change page,
# the language switch and static files.
OPEN_PREFIXES = ("/so-tay/", "/dang-xuat/", "/doi-mat-khau/", "/i18n/", "/static/")


class MemberPagesOnly:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or Scope.of(user).role != Role.MEMBER:
            return self.get_response(request)
        with prepared():
            return self._member_request(request, user)

    def _member_request(self, request, user):
        account = account_of(user)
        problem = access_problem(account.member if account else None)
        if problem:
            logout(request)
            return render(request, "handbook/closed.html", {"problem": problem}, status=403)
        if request.path == "/":
            return redirect("handbook-home")
        if request.path.startswith(OPEN_PREFIXES):
            request.member_account = account
            # the unread count in the header, counted only on a page that shows it
            request.notices_unread = SimpleLazyObject(lambda: unread_count(account.member))
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = {
                "vi": "Tài khoản đảng viên không dùng API; hãy dùng Sổ tay đảng viên trên web.",
                "en": "A member's account has no access to the API.",
            }
            return JsonResponse({"error": {"code": "forbidden", "message": message, "fields": {}}}, status=403)
        raise PermissionDenied("Trang này dành cho văn phòng cấp ủy; đảng viên dùng Sổ tay đảng viên.")
