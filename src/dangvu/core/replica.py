"""Reads from a streaming replica, writes to the primary.

With DATABASE_REPLICA_URL set, settings adds the database alias "replica", this router and this
middleware. Who reads where:

- a GET of a page that only reads figures (settings.REPLICA_PATHS: the dashboard, reports,
  statistics, indicator records, the API) reads from the replica;
- everything else reads from the primary, and so does anything inside a transaction on the primary
  (a service's atomic block must see its own writes), and every request of a browser for
  REPLICA_STICKY_SECONDS after it wrote (a cookie), so a clerk never gets a page without what they
  have just saved because the replica is a moment behind;
- writes always go to the primary. When it cannot be reached, every read goes to the replica for
  REPLICA_DOWN_SECONDS and every write is refused at once with a Vietnamese page (503) saying that
  figures can still be read; then the primary is tried again, so writes resume by themselves.

Failing over (promoting the replica) is the failover manager's job, not the application's (README).
"""

import sys
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

REPLICA = "replica"
STICKY_COOKIE = "dv_primary"
UNAVAILABLE_MESSAGE = (
    "Máy chủ cơ sở dữ liệu chính đang tạm ngừng nên chưa ghi được thay đổi này. Bạn vẫn xem được hồ sơ "
    "và số liệu; hãy thử lại sau ít phút, khi máy chủ chính hoạt động trở lại."
)
UNAVAILABLE_MESSAGE_EN = "The primary database is down, so this change was not saved; reading still works. Retry later."

_route: ContextVar[str | None] = ContextVar("dangvu_db_route", default=None)
# Per process: until when the primary is taken as unreachable (time.monotonic()).
_primary_down_until = 0.0


def choose_read(*, route: str | None, in_write_transaction: bool, primary_down: bool) -> str:
    """The alias a read goes to. Pure, so every case is tested without a replica."""
    if primary_down:
        return REPLICA
    if route == REPLICA and not in_write_transaction:
        return REPLICA
    return DEFAULT_DB_ALIAS


def primary_down() -> bool:
    return time.monotonic() < _primary_down_until


def mark_primary_down() -> None:
    global _primary_down_until
    _primary_down_until = time.monotonic() + settings.REPLICA_DOWN_SECONDS


def mark_primary_up() -> None:
    global _primary_down_until
    _primary_down_until = 0.0


def _primary_reachable() -> bool:
    conn = connections[DEFAULT_DB_ALIAS]
    try:
        conn.close()
        conn.ensure_connection()
        return conn.is_usable()
    except DatabaseError:
        return False


def _primary_connects() -> bool:
    """Opens the primary's connection if it is not open (an open one is kept: CONN_MAX_AGE)."""
    try:
        connections[DEFAULT_DB_ALIAS].ensure_connection()
    except DatabaseError:
        return False
    return True


def _note_failure(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError) and not _primary_reachable():
        mark_primary_down()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return choose_read(
            route=_route.get(),
            in_write_transaction=connections[DEFAULT_DB_ALIAS].in_atomic_block,
            primary_down=primary_down(),
        )

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both: a replica is a copy of the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Sets the route of each request, keeps a writer on the primary for a few seconds, and answers
    writes with a clear page while the primary is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response
        # A database error anywhere in a request (the session, a middleware, a view) marks the
        # primary down when it is not reachable, so the next requests read from the replica.
        got_request_exception.connect(_note_failure, dispatch_uid="dangvu.core.replica")

    def __call__(self, request):
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        if writes and (primary_down() or not _primary_connects()):
            mark_primary_down()
            return self._unavailable(request)
        token = _route.set(REPLICA if not writes and self._reads_replica(request) else None)
        try:
            response = self.get_response(request)
        finally:
            _route.reset(token)
        if writes:
            until = int(time.time()) + settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE, str(until), max_age=settings.REPLICA_STICKY_SECONDS, httponly=True, samesite="Lax"
            )
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) and not _primary_reachable():
            mark_primary_down()
            return self._unavailable(request)
        return None

    @staticmethod
    def _reads_replica(request) -> bool:
        if not request.path.startswith(tuple(settings.REPLICA_PATHS)):
            return False
        try:
            return int(request.COOKIES.get(STICKY_COOKIE, "0")) < time.time()
        except ValueError:
            return True

    @staticmethod
    def _unavailable(request):
        if request.path.startswith("/api/"):  # the API's one error shape (api/errors.py)
            message = {"vi": UNAVAILABLE_MESSAGE, "en": UNAVAILABLE_MESSAGE_EN}
            return JsonResponse({"error": {"code": "unavailable", "message": message, "fields": {}}}, status=503)
        # Without the request: its user is not known yet when the refusal comes before the session.
        return HttpResponse(render_to_string("503.html", {"message": UNAVAILABLE_MESSAGE}), status=503)
