"""The tree's version: a token the database changes with every statement that writes units (see
models.TreeVersion), read in one small query, and what is kept per process under it.

The triggers are the database's own, so whatever writes units — a service's save, a path UPDATE
of a move, a tree import's bulk insert, a COPY, a hand-written statement — changes the token. On
SQLite a migration that rebuilds the units' table drops its triggers, so they are made again after
every migrate (apps.OrganizationsConfig), and the row too after a flush."""

import threading
import uuid
from collections import OrderedDict

from django.db import connections, router

from dangvu.core import compiled
from dangvu.core.prepared import prepared

from .models import Organization, TreeVersion

TRIGGER = "organization_tree_changed"
# PostgreSQL: before each statement, so a transaction writing units takes the version's row lock
# before any unit's (one order for all writers: two cannot wait for each other through it).
_POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION dangvu_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TreeVersion._meta.db_table} SET token = gen_random_uuid()::text;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON {Organization._meta.db_table} FOR EACH STATEMENT EXECUTE FUNCTION dangvu_tree_changed()""",
]
# SQLite has row triggers only; one writer at a time.
_SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TRIGGER}_{action.lower()} AFTER {action} ON {Organization._meta.db_table}
    BEGIN UPDATE {TreeVersion._meta.db_table} SET token = lower(hex(randomblob(16))); END"""
    for action in ("INSERT", "UPDATE", "DELETE")
]


def ensure_triggers(connection) -> None:
    """The version's row and the triggers that change it, made where missing (idempotent); nothing
    while the tables are not there (a migration back to before them)."""
    tables = set(connection.introspection.table_names())
    if not {TreeVersion._meta.db_table, Organization._meta.db_table} <= tables:
        return
    if not TreeVersion.objects.using(connection.alias).exists():
        TreeVersion.objects.using(connection.alias).create(token=uuid.uuid4().hex)
    statements = {"postgresql": _POSTGRESQL, "sqlite": _SQLITE}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"organizations.versions: {connection.vendor} is not supported")
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def drop_triggers(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {Organization._meta.db_table}")
            cursor.execute("DROP FUNCTION IF EXISTS dangvu_tree_changed()")
        else:
            for action in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_{action}")


def tree_token() -> tuple[str, str | None]:
    """(database alias, the tree's version there as this transaction sees it) for the reads of
    units (the router's choice: the replica's version with the replica's rows). None: no row, as
    after a flush until the next migrate — nothing is then kept. Compiled and prepared once a
    connection: every member list asks."""
    alias = router.db_for_read(TreeVersion)
    with prepared():
        found = compiled.rows(TreeVersion, ("organizations.tree-token",), _token)
    return alias, (found[0] if found else None)


def _token():
    return TreeVersion.objects.order_by("id").values_list("token", flat=True)[:1]


class Kept:
    """Values kept per process under (database, tree version, key), the last `size` of them."""

    def __init__(self, size: int = 128):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()  # a threaded server's requests share it

    def get(self, key: tuple, compute):
        """The value kept under `key` for the tree as it is now, or `compute()`'s, then kept."""
        alias, token = tree_token()
        if token is None:
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
