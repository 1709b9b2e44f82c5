"""Reads on a streaming replica, writes on the primary (core/replica.py).

The routing rule is tested everywhere; the rest needs the real replica that .ci/run starts for the
PostgreSQL run (scripts/ensure-postgres-replica, DATABASE_REPLICA_URL): streaming, read-only, which
pages read where, a writer kept on the primary, and the primary going away and coming back."""

import os
import time

import dj_database_url
import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core import replica
from dangvu.core.replica import REPLICA, choose_read
from dangvu.targets.models import Target


@pytest.mark.parametrize(
    "route, in_write_transaction, primary_down, expected",
    [
        (REPLICA, False, False, REPLICA),  # a figures page reads the replica
        (REPLICA, True, False, DEFAULT_DB_ALIAS),  # a service's transaction sees its own writes
        (None, False, False, DEFAULT_DB_ALIAS),  # every other page reads the primary
        (None, True, True, REPLICA),  # the primary is down: everything still reads
        (REPLICA, True, True, REPLICA),
    ],
)
def test_where_a_read_goes(route, in_write_transaction, primary_down, expected):
    assert choose_read(route=route, in_write_transaction=in_write_transaction, primary_down=primary_down) == expected


needs_replica = pytest.mark.skipif(
    not os.environ.get("DATABASE_REPLICA_URL"), reason="needs a streaming replica (DATABASE_REPLICA_URL)"
)


@pytest.fixture
def real_replica(transactional_db):
    """The "replica" alias (a mirror of the test database) pointed at the real replica's copy of it."""
    url = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    conn = connections[REPLICA]
    saved = conn.settings_dict
    conn.close()
    test_db = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    conn.settings_dict = {**saved, "HOST": url["HOST"], "PORT": url["PORT"], "NAME": test_db}
    yield conn
    conn.close()
    conn.settings_dict = saved
    replica.mark_primary_up()


def wait_for_replica(sql, params, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        with connections[REPLICA].cursor() as c:
            c.execute(sql, params)
            if c.fetchone():
                return
        assert time.monotonic() < deadline, "the replica did not receive the write"
        time.sleep(0.05)


def queries_on_each(fn):
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as copy,
    ):
        response = fn()
    return response, len(primary), len(copy)


@needs_replica
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_replica_streams_the_primary_and_refuses_writes(real_replica, tree):
    wait_for_replica("SELECT 1 FROM organizations_organization WHERE code = %s", ["B1"])
    with pytest.raises(DatabaseError, match="read-only"), real_replica.cursor() as c:
        c.execute("UPDATE organizations_organization SET name = 'x' WHERE code = 'B1'")


@needs_replica
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_figure_pages_read_the_replica_and_a_writer_stays_on_the_primary(real_replica, tree, make_user):
    client = Client()
    client.force_login(make_user("org_board", tree.hm))
    wait_for_replica("SELECT 1 FROM django_session WHERE session_key = %s", [client.session.session_key])
    dashboard = reverse("dashboard", args=[tree.hm.pk, 2016])

    response, on_primary, on_replica = queries_on_each(lambda: client.get(dashboard))
    assert response.status_code == 200 and on_replica > 0 and on_primary == 0

    response, on_primary, on_replica = queries_on_each(lambda: client.get(reverse("member-list")))
    assert response.status_code == 200 and on_primary > 0 and on_replica == 0  # not a figures page

    targets = reverse("targets", args=[tree.hm.pk, 2016])
    data = {"indicator_key": "members.admitted", "value": "180", "assigned_by": tree.hm.pk, "note": ""}
    assert client.post(targets, data).status_code == 302
    # Right after their own write the writer reads the primary, however far behind the replica is.
    response, on_primary, on_replica = queries_on_each(lambda: client.get(dashboard))
    assert response.status_code == 200 and on_primary > 0 and on_replica == 0


@needs_replica
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_without_the_primary_pages_still_read_and_writes_are_refused_until_it_returns(
    real_replica, tree, make_user, settings
):
    client = Client()
    client.force_login(make_user("org_board", tree.hm))
    wait_for_replica("SELECT 1 FROM django_session WHERE session_key = %s", [client.session.session_key])
    targets = reverse("targets", args=[tree.hm.pk, 2016])
    data = {"indicator_key": "members.admitted", "value": "180", "assigned_by": tree.hm.pk, "note": ""}

    primary = connections[DEFAULT_DB_ALIAS]
    saved = primary.settings_dict
    primary.close()
    primary.settings_dict = {**saved, "PORT": "1"}  # nothing listens there: the primary is "down"
    try:
        response = client.post(targets, data)
        assert response.status_code == 503
        assert "Máy chủ cơ sở dữ liệu chính đang tạm ngừng" in response.content.decode()
        # Reading goes on, figures and records alike.
        assert client.get(reverse("dashboard", args=[tree.hm.pk, 2016])).status_code == 200
        assert client.get(reverse("member-list")).status_code == 200
        api = client.post("/api/v1/members", {}, content_type="application/json")
        assert api.status_code == 503 and api.json()["error"]["code"] == "unavailable"
    finally:
        primary.close()
        primary.settings_dict = saved
    settings.REPLICA_DOWN_SECONDS = 0
    replica.mark_primary_down()  # the window is over at once: the next write tries the primary again
    assert client.post(targets, data).status_code == 302
    assert Target.objects.filter(org=tree.hm, year=2016, indicator_key="members.admitted").exists()
