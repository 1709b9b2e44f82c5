"""Django's SQLite backend, with one difference: a connection refreshes the query planner's
statistics before it closes (`PRAGMA optimize`, as SQLite advises for short-lived connections).

Without statistics SQLite takes every index for equally selective. The member page's audit history
(`content_type = ? AND object_id IN (…)`) then read all the members' entries through the
content-type index, ~50 ms on the demo and growing with the registry, where the object-id index
finds the member's few entries in microseconds (bench/RESULTS.md). `PRAGMA optimize` analyzes only
the tables this connection read through an index that lack statistics or grew 25-fold since, with
a bounded sample (`analysis_limit`), and runs at most once a minute a process: nothing most of the
time, a few milliseconds when it does.

A web request's connection closes at the request's end (CONN_MAX_AGE is 0 on SQLite) and
`dangvu` closes its command's connections (cli.py), so a new database, an import and the demo get
their statistics without anyone running ANALYZE."""

import time

from django.db.backends.sqlite3 import base

# Rows sampled per index: bounded work, and statistics good enough to tell a kind from an id.
ANALYSIS_LIMIT = 1000
# At most once in this many seconds a process: SQLite keeps no statistics for an empty table, so
# while one is read through an index (a new committee's database) `optimize` would analyze it
# again at every close, taking the write lock for a request that only read.
OPTIMIZE_EVERY = 60.0
_next_optimize = 0.0  # the process's first close optimizes: a command's (cli.py), a server's first request's


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        global _next_optimize
        raw = self.connection
        now = time.monotonic()
        if raw is not None and not raw.in_transaction and now >= _next_optimize:
            _next_optimize = now + OPTIMIZE_EVERY
            try:
                # ANALYZE writes its statistics: never wait for another writer (an import) at a
                # request's end. The next connection tries again.
                raw.execute("PRAGMA busy_timeout = 0")
                raw.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
                raw.execute("PRAGMA optimize")
            except base.Database.Error:
                pass
        super()._close()
