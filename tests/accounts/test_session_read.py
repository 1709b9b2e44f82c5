"""Every page reads the session without the ORM (accounts.sessions) and the user with their role,
unit and credential in one query (accounts.backends.AccountBackend): the same answers as Django's
own store and backend, and a logout still ends the session for every worker."""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dangvu.accounts.backends import AccountBackend
from dangvu.accounts.scope import Scope
from dangvu.accounts.sessions import SessionStore


def test_a_session_written_by_django_reads_the_same_and_expires_the_same(db):
    written = DjangoStore()
    written["_auth_user_id"] = "7"
    written["lang"] = "vi"
    written.save()
    assert dict(SessionStore(written.session_key).load()) == {"_auth_user_id": "7", "lang": "vi"}

    Session.objects.filter(pk=written.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(written.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("no-such-session-key").load() == {}


def test_logging_out_ends_the_session_wherever_it_is_read(board):
    assert board.get("/").status_code in (200, 302)
    key = board.cookies["sessionid"].value
    assert SessionStore(key).load()["_auth_user_id"]
    board.post("/dang-xuat/")
    assert SessionStore(key).load() == {}
    # Another worker holding the old cookie finds no session: the login page, not the dashboard.
    board.cookies["sessionid"] = key
    assert board.get("/dang-vien/").status_code == 302


def test_the_user_comes_with_role_unit_and_credential_in_one_query(tree, make_user):
    made = make_user("org_board", tree.hm)
    with CaptureQueriesContext(connection) as read:
        user = AccountBackend().get_user(made.pk)
        scope = Scope.of(user)
        credential = user.credential
    assert len(read.captured_queries) == 1
    assert scope.root == tree.hm and scope.role == "org_board"
    assert credential.must_change is made.credential.must_change


def test_a_user_without_a_role_or_an_inactive_one(tree, django_user_model):
    lost = django_user_model.objects.create_user("lost", password="x" * 12)
    assert Scope.of(AccountBackend().get_user(lost.pk)).root is None
    django_user_model.objects.filter(pk=lost.pk).update(is_active=False)
    assert AccountBackend().get_user(lost.pk) is None
    assert AccountBackend().get_user(10**9) is None
