"""Who is calling: a system with a token (Authorization: Bearer <token>) or a person logged in
to the web (their session; writes then need the CSRF token, as in the web forms).

Both resolve to a user; `Scope.of(user)` then gives the same units and capabilities as that
user has in the web. A request that names a Bearer token which is wrong or revoked is refused
(401) even if a session cookie comes with it: a system must learn its token no longer works.
An address that sends too many wrong tokens is told to wait (429, throttling.refuse_if_blocked)."""

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from .selectors import active_token
from .throttling import count_bad_token, refuse_if_blocked


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        refuse_if_blocked(request)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            count_bad_token(request)
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        found = active_token(token)
        if found is None:
            count_bad_token(request)
            raise AuthenticationError()
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The web login. Unlike ninja's own, an anonymous request is told 401 (not a CSRF 403), and
    the CSRF check applies only to a logged-in user's writes."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return user


def actor(request: HttpRequest):
    """The user the request acts as: the token's user, or the logged-in person."""
    return request.auth
