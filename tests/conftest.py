"""Shared fixtures: a small hand-built tree and a member factory, all built through the services."""

import datetime as dt
import itertools

import pytest
from django.conf import settings
from django.core.cache import cache

from dangvu.accounts.models import Role
from dangvu.accounts.services import user_create
from dangvu.members.services import member_admit, member_register
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

pytest_plugins = ["tests.demo_fixtures"]


def pytest_collection_modifyitems(items):
    """With a replica configured (DATABASE_REPLICA_URL, the PostgreSQL run of .ci/run), pages that read
    figures outside a transaction read the "replica" alias (core/replica.py): every test that uses the
    database may query it, as Django asks a test to declare."""
    if "replica" not in settings.DATABASES:
        return
    db_fixtures = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not db_fixtures & set(getattr(item, "fixturenames", ())):
            continue
        kwargs = {**(marker.kwargs if marker else {}), "databases": "__all__"}
        if "live_server" in getattr(item, "fixturenames", ()):
            kwargs["transaction"] = True
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)


# Member.root must follow the member's unit through every write (members 0012): a stale root would
# hide the member from its province's search. Checked after every test that used the database, so
# each of the suite's ways of writing members (services, imports, the demo, reorganizations) is.
_ROOT_OFF = """
    SELECT m.id, m.org_id, m.root_id, o.path FROM members_member m
    LEFT JOIN organizations_organization o ON o.id = m.org_id
    WHERE (m.org_id IS NULL AND m.root_id IS NOT NULL)
       OR (m.org_id IS NOT NULL AND (m.root_id IS NULL OR o.path NOT LIKE '/' || m.root_id || '/%%'))
"""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    if item.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(item.fixturenames):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(_ROOT_OFF)
            off = cursor.fetchmany(5)
        assert not off, f"members whose root is not their unit's (id, unit, root, unit's path): {off}"
    return result


D = dt.date
FOUNDED = D(2004, 1, 1)


def closed_year_refused(call, field: str, year: int = 2016) -> str:
    """Run `call`, which must be refused on `field` because `year` is closed (core.closing), with the
    message that names the year and says how to reopen it; the message, for more checks."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as e:
        call()
    message = " ".join(e.value.message_dict[field])
    assert f"Số liệu năm {year}" in message and "đã chốt" in message and "mở lại" in message, message
    return message


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for production logins, not for building fixtures.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate counts live in the cache and are keyed by a token's or user's id; SQLite reuses ids
    # after a rolled-back test, so one test's requests would count against the next one's token.
    cache.clear()
    yield


@pytest.fixture
def actor(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x" * 12)


class Tree:
    """HN (province) → HM (district) → ward A (đảng bộ cơ sở: cells A1, A2), ward B (cell B1),
    agency C (chi bộ cơ sở)."""

    def __init__(self, actor):
        def found(code, name, kind, level, parent, on=FOUNDED):
            return org_found(actor=actor, code=code, name=name, kind=kind, level=level, parent=parent, founded_on=on)

        self.hn = found("HN", "Đảng bộ Thành phố Hà Nội", Kind.OTHER, Level.PROVINCE, None)
        self.hm = found("HM", "Đảng bộ quận Hoàng Mai", Kind.OTHER, Level.DISTRICT, self.hn)
        self.a = found("A", "Đảng bộ phường Định Công", Kind.WARD, Level.GRASSROOTS_COMMITTEE, self.hm)
        self.a1 = found("A1", "Chi bộ tổ dân phố số 1", Kind.WARD, Level.CELL, self.a)
        self.a2 = found("A2", "Chi bộ tổ dân phố số 2", Kind.WARD, Level.CELL, self.a)
        self.b = found("B", "Đảng bộ phường Đại Kim", Kind.WARD, Level.GRASSROOTS_COMMITTEE, self.hm)
        self.b1 = found("B1", "Chi bộ khu dân cư số 1", Kind.WARD, Level.CELL, self.b)
        self.c = found("C", "Chi bộ Trường THCS Tân Mai", Kind.SCHOOL, Level.GRASSROOTS_CELL, self.hm)


@pytest.fixture
def tree(db, actor):
    return Tree(actor)


_ids = itertools.count(1)


def identity(**overrides):
    n = next(_ids)
    data = {
        "full_name": f"Nguyễn Văn Thử {n}",
        "birth_date": D(1980, 5, 17),
        "sex": "M",
        "citizen_id": f"{1000000 + n:012d}",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admit(actor):
    """admit(org, on, **identity) -> a probationary member admitted on `on`."""

    def _admit(org, on=D(2015, 3, 2), **kw):
        return member_admit(actor=actor, org=org, admitted_on=on, decision_no=f"{on.day}-QĐ/QU", **identity(**kw))

    return _admit


@pytest.fixture
def register(actor):
    """register(org, joined_on, admitted_on, recognized_on) -> an existing full member."""

    def _register(org, joined_on=FOUNDED, admitted_on=D(1990, 2, 3), recognized_on=D(1991, 2, 3), **kw):
        return member_register(
            actor=actor, org=org, joined_on=joined_on, admitted_on=admitted_on, recognized_on=recognized_on,
            **identity(**kw),
        )  # fmt: skip

    return _register


@pytest.fixture
def make_user(tree):
    def _make(role, org, username=None):
        if role == Role.MEMBER:
            return _member_user(org, username or f"dv-{org.code}".lower())
        return user_create(
            actor=None, username=username or f"{role}-{org.code}".lower(), password="mat-khau-thu-nghiem-1",
            role=role, org=org, check_password=False,
        )  # fmt: skip

    return _make


def _member_user(org, username):
    """A member's activated account (role `member`), bound to a new full member of `org`'s first cell."""
    from django.utils import timezone

    from dangvu.handbook.models import MemberAccount
    from dangvu.organizations.models import MEMBER_LEVELS, Organization

    cells = Organization.objects.filter(path__startswith=org.path, level__in=MEMBER_LEVELS).order_by("path")
    cell = cells.first()
    member = member_register(
        actor=None, org=cell, joined_on=FOUNDED, admitted_on=D(1990, 2, 3), recognized_on=D(1991, 2, 3),
        **identity(full_name=f"Đảng Viên {username}"),
    )  # fmt: skip
    user = user_create(
        actor=None, username=username, password="mat-khau-thu-nghiem-1", role=Role.MEMBER, org=cell,
        full_name=member.full_name, check_password=False,
    )  # fmt: skip
    MemberAccount.objects.create(user=user, member=member, activated_at=timezone.now())
    return user


@pytest.fixture
def board(client, tree, make_user):
    """The test client logged in as the district's organization board."""
    client.force_login(make_user("org_board", tree.hm))
    return client


__all__ = ["D", "Role", "identity"]
