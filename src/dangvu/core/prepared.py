"""Server-side prepared statements for the queries every page runs with the same shape.

PostgreSQL spends most of such a query's time planning it: on the city data set the member page's
eight queries took 1,2 ms to plan and 0,2 ms to run (EXPLAIN ANALYZE). A statement prepared once
on a connection is planned for its values five times, then, when its plan does not depend on
them, kept as a generic plan and only executed (bench/RESULTS.md: the member page's PostgreSQL CPU
4,7 -> 2,0 ms a request).

Only the reads (SELECT) run inside `prepared()` are prepared, on PostgreSQL (core.postgresql, the database
backend settings name): reads of rows by their key — a session, the user, a record opened by id
and what hangs off it — whose best plan is the same for every key. Not the reads of a subtree
(a unit's path prefix, LIKE $1): planned once without its value, PostgreSQL may keep a plan
that reads every unit, fine for a province and ruinous for a cell, and psycopg's automatic
preparation would do that to every statement run five times on a connection. Other queries
keep psycopg's client-side binding, exactly as Django runs them by default. A rollback (a
savepoint's too) makes psycopg drop the connection's prepared statements: they are prepared again
as they are next run.

A connection pooler in transaction mode (PgBouncer) needs `max_prepared_statements` (PgBouncer
1.21 and later) for these statements to follow the server connection (README)."""

import contextlib
from contextvars import ContextVar

preparing: ContextVar[bool] = ContextVar("dangvu_prepared", default=False)


@contextlib.contextmanager
def prepared():
    """The queries run inside are prepared on PostgreSQL (see the module); nothing changes on
    SQLite. Usable as a decorator."""
    token = preparing.set(True)
    try:
        yield
    finally:
        preparing.reset(token)
