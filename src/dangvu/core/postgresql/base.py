"""Django's PostgreSQL backend (psycopg 3), with one difference: a cursor made inside
core.prepared.prepared() binds its values on the server and prepares its statement, so the
connection plans it once (see core.prepared). Every other cursor is Django's own."""

from django.db.backends.postgresql import base, operations
from psycopg import errors

from dangvu.core.prepared import preparing

# psycopg prepares nothing while the threshold is None (Django's default, for poolers) and a
# statement after this many executions otherwise: so high, only prepare=True prepares.
NEVER_BY_COUNT = 2**62


# What is prepared: reads. Django's savepoints (a name each, never run twice) and the writes of a
# request inside prepared() are run once each and would only cost a round trip and a cache slot.
READS = ("SELECT", "WITH", "(")


class PreparingCursor(base.ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, **kwargs):
        if prepare is None and isinstance(query, str) and query.lstrip().startswith(READS):
            prepare = True
        return super().execute(query, params, prepare=prepare, **kwargs)


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        """The statement with its values, as Django writes it for a query bound on the server (the
        debug log, the queries a test captures): psycopg keeps no text of a prepared one."""
        if isinstance(cursor, PreparingCursor):
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if connection.prepare_threshold is None:
            connection.prepare_threshold = NEVER_BY_COUNT
        return connection

    def create_cursor(self, name=None):
        if name is not None or not preparing.get():
            return super().create_cursor(name)
        raw = self.connection
        factory, raw.cursor_factory = raw.cursor_factory, PreparingCursor
        try:
            return super().create_cursor()
        finally:
            raw.cursor_factory = factory
