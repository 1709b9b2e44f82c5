"""The tree's version: tokens the database changes with every statement that writes units (see
models.TreeVersion), read in one small query, and what is kept per process under it.

The triggers are the database's own, so whatever writes units — a service's save, a path UPDATE
of a move, a tree import's bulk insert, a COPY, a hand-written statement — changes the token. On
SQLite a migration that rebuilds the units' table drops its triggers, so they are made again after
every migrate (apps.OrganizationsConfig), and the rows too after a flush."""

import threading
import uuid
from collections import OrderedDict

from django.db import connections, router

from dangvu.core import compiled
from dangvu.core.prepared import prepared

from .models import Organization, TreeVersion

TRIGGER = "organization_tree_changed"
# Rows of tokens: a writing statement changes one that no other transaction holds (SKIP LOCKED), so
# writers of units never wait for each other on the version — a transaction that locked units and
# waits for another's (a move, a year's close) would otherwise hold up every writer of units, or
# deadlock with one. The version is all of them, in order.
ROWS = 16
_TABLE = TreeVersion._meta.db_table
_POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION dangvu_tree_changed() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
    DECLARE
        kept bigint;
    BEGIN
        SELECT id INTO kept FROM {_TABLE} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF kept IS NULL THEN  -- every row held by other writers: wait for the first
            SELECT min(id) INTO kept FROM {_TABLE};
        END IF;
        UPDATE {_TABLE} SET token = gen_random_uuid()::text WHERE id = kept;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON {Organization._meta.db_table} FOR EACH STATEMENT EXECUTE FUNCTION dangvu_tree_changed()""",
]
# SQLite has row triggers only, one a kind of write, and one writer at a time: the first row.
_SQLITE_ACTIONS = ("INSERT", "UPDATE", "DELETE")
_SQLITE = [
    f"""CREATE TRIGGER {TRIGGER}_{action.lower()} AFTER {action} ON {Organization._meta.db_table}
    BEGIN UPDATE {_TABLE} SET token = lower(hex(randomblob(16))) WHERE id = (SELECT min(id) FROM {_TABLE}); END"""
    for action in _SQLITE_ACTIONS
]


def ensure_triggers(connection) -> None:
    """The version's rows and the triggers that change them, made where missing (idempotent), and
    every token new: units written while the triggers were missing (SQLite drops them when a
    migration rebuilds the table) must not be read under an old version. Nothing while the tables
    are not there (a migration back to before them)."""
    tables = set(connection.introspection.table_names())
    if not {_TABLE, Organization._meta.db_table} <= tables:
        return
    statements = {"postgresql": _POSTGRESQL, "sqlite": _SQLITE}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"organizations.versions: {connection.vendor} is not supported")
    versions = TreeVersion.objects.using(connection.alias)
    missing = ROWS - versions.count()
    versions.bulk_create([TreeVersion(token="") for _ in range(max(0, missing))])
    versions.update(token=uuid.uuid4().hex)  # all the same, but a version never seen before
    if connection.vendor == "sqlite":  # no CREATE OR REPLACE: made anew, with today's body
        drop_triggers(connection)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def drop_triggers(connection) -> None:
    """The triggers removed (the tests: what a rebuilt SQLite table leaves); the version then stands still."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {Organization._meta.db_table}")
            cursor.execute("DROP FUNCTION IF EXISTS dangvu_tree_changed()")
        else:
            for action in _SQLITE_ACTIONS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_{action.lower()}")


def tree_token() -> tuple[str, tuple | None]:
    """(database alias, the tree's version there as this transaction sees it) for the reads of
    units (the router's choice: the replica's version with the replica's rows). None: no row, as
    after a flush until the next migrate — nothing is then kept. Compiled and prepared once a
    connection: every member list asks."""
    alias = router.db_for_read(TreeVersion)
    with prepared():
        found = compiled.rows(TreeVersion, ("organizations.tree-token",), _token)
    return alias, (tuple(found) if found else None)


def _token():
    return TreeVersion.objects.order_by("id").values_list("token", flat=True)


class Kept:
    """Values kept per process under (database, tree version, key), the last `size` of them."""

    def __init__(self, size: int = 128):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()  # a threaded server's requests share it

    def get(self, key: tuple, compute):
        """The value kept under `key` for the tree as it is now, or `compute()`'s, then kept."""
        alias, token = tree_token()
        if token is None or router.db_for_read(Organization) != alias:  # the primary went down meanwhile
            return compute()
        full = (alias, connections[alias].settings_dict["NAME"], token, *key)
        with self.lock:
            if full in self.values:
                self.values.move_to_end(full)
                return self.values[full]
        value = compute()  # outside the lock: it reads the database
        with self.lock:
            self.values[full] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value
