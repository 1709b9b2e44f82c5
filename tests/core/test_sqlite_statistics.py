"""SQLite keeps its query planner's statistics current by itself (core/sqlite3/base.py): a
connection that read a table through an index analyzes it as it closes, so the next connection
picks the selective index. Without that, the member page's audit history read every member's
entries through the content-type index (~50 ms on the demo, growing with the registry)."""

import pytest
from django.db import connection

from dangvu.core.sqlite3 import base as sqlite_base
from dangvu.core.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner statistics")

# The audit log's shape: a kind shared by thousands of rows, an object id shared by a few.
QUERY = "SELECT id FROM entry WHERE (kind = %s AND object_id IN (%s)) OR (kind = %s AND object_id IN (%s))"


def _open(path) -> DatabaseWrapper:
    return DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="statistics")


def _plan(db) -> str:
    with db.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + QUERY, [1, 7, 2, 7])
        return " ".join(str(row[-1]) for row in cursor.fetchall())


def _fill(db):
    with db.cursor() as cursor:
        cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, kind INTEGER, object_id INTEGER)")
        cursor.execute("CREATE INDEX entry_object ON entry (object_id)")
        cursor.execute("CREATE INDEX entry_kind ON entry (kind)")
        cursor.executemany(
            "INSERT INTO entry (kind, object_id) VALUES (%s, %s)", [(i % 3, i // 3) for i in range(6000)]
        )


@pytest.fixture
def unblocked(django_db_blocker, monkeypatch):
    monkeypatch.setattr(sqlite_base, "_next_optimize", 0.0)  # whatever this process closed before
    with django_db_blocker.unblock():
        yield


def _stats(db) -> int:
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'entry'")
        return cursor.fetchone()[0]


def test_a_closing_connection_leaves_statistics_for_the_next(tmp_path, unblocked):
    db = _open(tmp_path / "stats.sqlite3")
    _fill(db)
    assert "entry_kind" in _plan(db)  # no statistics: the first index listed, the unselective one
    with db.cursor() as cursor:
        cursor.execute(QUERY, [1, 7, 2, 7])
        assert len(cursor.fetchall()) == 2
    db.close()

    db = _open(tmp_path / "stats.sqlite3")
    try:
        assert _stats(db) == 2
        assert "entry_object" in _plan(db) and "entry_kind" not in _plan(db)
    finally:
        db.close()


def test_a_connection_closed_inside_a_transaction_commits_nothing(tmp_path, unblocked):
    db = _open(tmp_path / "stats.sqlite3")
    _fill(db)
    db.set_autocommit(False)
    with db.cursor() as cursor:
        cursor.execute(QUERY, [1, 7, 2, 7])
        cursor.execute("INSERT INTO entry (kind, object_id) VALUES (9, 9)")
    db.close()

    db = _open(tmp_path / "stats.sqlite3")
    try:
        assert _stats(db) == 0
        with db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM entry WHERE kind = 9")
            assert cursor.fetchone() == (0,)
    finally:
        db.close()


def test_a_process_optimizes_at_most_once_a_minute(tmp_path, unblocked):
    """Empty tables never get statistics, so every close would analyze them again: the second
    close within the minute leaves them alone."""
    for name in ("first", "second"):
        db = _open(tmp_path / f"{name}.sqlite3")
        _fill(db)
        with db.cursor() as cursor:
            cursor.execute(QUERY, [1, 7, 2, 7])
        db.close()
    first, second = _open(tmp_path / "first.sqlite3"), _open(tmp_path / "second.sqlite3")
    try:
        assert _stats(first) == 2 and _stats(second) == 0
    finally:
        first.close(), second.close()
