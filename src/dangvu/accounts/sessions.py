"""Django's database sessions, read with one plain SQL statement.

Every page reads its session first; through the ORM that lookup cost ~0,5 ms of the server's CPU
building the query (bench/RESULTS.md, issue 21), several times what the statement itself costs.
Same table, same rows, same expiry rule and the same database the router picks, so a session
written by Django's own store reads the same here and a logout anywhere ends it everywhere (a
per-process cache of sessions could not promise that with several workers)."""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from dangvu.core.prepared import prepared


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key  # None when the cookie's key is malformed
        if key is None:
            return None
        model = self.model
        table = connections[alias := router.db_for_read(model)].ops.quote_name(model._meta.db_table)
        with prepared(), connections[alias].cursor() as cursor:  # the same statement on every page
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [key, timezone.now()],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
