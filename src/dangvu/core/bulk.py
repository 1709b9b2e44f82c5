"""Writing many rows at once with what the ORM and django-auditlog would store for them one save
at a time.

A service that stores thousands of records (the member import) cannot afford a save() per row:
each costs an INSERT and, through auditlog's post_save signal, an audit diff and a LogEntry
INSERT. Django's bulk_create skips the signals, so the audit trail would be lost. This module
writes the rows and their audit entries in batches of plain INSERTs instead, and reproduces of
django-auditlog (3.x, text changes) exactly what a caller needs for the history to read the same
as after single saves:
- the changes of a creation as auditlog.diff.model_instance_diff(None, instance) renders them —
  every tracked field whose text differs from "None", a foreign key as its id (or "None"), a
  DateTimeField as its naive UTC time, a JSONField as sorted JSON — and of an update the fields
  given as changed, rendered the same way, but for the auto_now times (auditlog compares at
  pre_save, before they are stamped);
- the object's id and repr, the action, the actor (and their email), the request's remote address
  and port when the actor comes from the request, and the correlation id (auditlog.cid);
- timestamps one microsecond apart in the order written, so a record's history reads in order.
It refuses what it does not reproduce (masked fields, serialized data, JSON changes) rather than
write different entries. The callers' tests compare the entries with those of single saves.
"""

import contextvars
import datetime as dt
import functools
import json
import operator
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import DateTimeField, JSONField
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.encoding import smart_str

# Rows in one INSERT on SQLite, within its limit of variables (32.766 since SQLite 3.32; 999 before).
ROWS_PER_STATEMENT = 500


def default_of(f):
    """What the ORM stores for a field left out; None where the caller must give the value (the
    primary key, timestamps and other computed defaults)."""
    return None if f.primary_key or (f.has_default() and callable(f.default)) else f.get_default()


def values_of(instance) -> dict:
    """An instance's concrete fields by attname, as Table.insert and AuditLog take them."""
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


# Sent after Table.insert with the model as sender and `rows` (dicts of attnames, the defaults left
# out), in the caller's transaction: what is derived from a model's rows (tallies' per-unit counts
# from the member periods) follows the bulk paths as it follows the services, without this floor
# knowing it.
inserted = Signal()


class Table:
    """Plain INSERTs of one model's rows, with the values the ORM would store: each row a dict of
    column attnames, the fields left out taking their defaults."""

    def __init__(self, model, connection, *, with_pk: bool):
        self.model, self.connection = model, connection
        fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.defaults = {f.attname: default_of(f) for f in fields}
        self.values = operator.itemgetter(*self.defaults)
        self.json = [f.attname for f in fields if isinstance(f, JSONField)]
        qn = connection.ops.quote_name
        self.row = f"({', '.join(['%s'] * len(fields))})"
        columns = ", ".join(qn(f.column) for f in fields)
        self.sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES "
        # PostgreSQL: one COPY for the rows. Django's cursors bind values on the client, so each
        # INSERT was a new statement to parse and plan: 330 µs of the server's time a member (about
        # six rows) against ~290 µs of the import's own CPU.
        self.copy = f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
        # SQLite: many rows to a statement, ~15 % less CPU than one statement per row (the per-row
        # work of the virtual machine).
        self.per_statement = _rows_per_statement(connection, len(fields))
        self.statements: dict[int, str] = {}  # rows -> the INSERT of that many
        self.sequence: str | None = None  # PostgreSQL: the primary key's sequence (reserve_ids)

    def insert(self, rows: list[dict], complete: bool = False):
        """`complete`: every row already holds every column. A JSON column given as text is taken
        as already encoded (the row is changed in place to hold the encoded value)."""
        if not rows:
            return
        adapt, defaults, values = self.connection.ops.adapt_json_value, self.defaults, self.values
        for row in rows:
            for name in self.json:
                if row.get(name) is not None and not isinstance(row[name], str):
                    row[name] = adapt(row[name], None)
        params = [values(row) for row in rows] if complete else [values({**defaults, **row}) for row in rows]
        per = self.per_statement
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # Past Django's cursor: its errors made Django's (IntegrityError, …) as execute's are.
                with self.connection.wrap_database_errors, cursor.copy(self.copy) as copy:
                    for row in params:
                        copy.write_row(row)
            elif per == 1:
                cursor.executemany(self.sql + self.row, params)
            else:
                for start in range(0, len(params), per):
                    chunk = params[start : start + per]
                    cursor.execute(self._many(len(chunk)), [value for row in chunk for value in row])
        inserted.send(self.model, rows=rows)

    def _many(self, n: int) -> str:
        if self.connection.queries_logged:
            # Django's debug cursor (DEBUG, CaptureQueriesContext, the tests' query counts) logs
            # the statement by formatting it with %s, which fails on SQLite's own placeholders.
            return self.sql + ", ".join([self.row] * n)
        sql = self.statements.get(n)
        if sql is None:
            # In SQLite's own placeholders: Django rewrites each %s of a statement with a regular
            # expression, which for 500 rows cost as much as a tenth of the import.
            sql = self.statements[n] = self.sql + ", ".join([self.row.replace("%s", "?")] * n)
        return sql

    def reserve_ids(self, n: int) -> list[int]:
        """n new primary keys, taken as the database would give them (the PostgreSQL sequence; on
        SQLite past the AUTOINCREMENT high-water mark, so a deleted record's id is never reused —
        SQLite lets one writer at a time, and an insert by someone else meanwhile fails the whole
        call on the duplicate key rather than mixing records)."""
        table, pk = self.model._meta.db_table, self.model._meta.pk.column
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # The sequence looked up once: pg_get_serial_sequence inside nextval(…) was
                # evaluated for every id, ~4 µs each against ~0,5 (bench/RESULTS.md).
                if self.sequence is None:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
                    self.sequence = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [self.sequence, n])
                return [row[0] for row in cursor.fetchall()]
            if self.connection.vendor != "sqlite":
                raise NotImplementedError(f"core.bulk.Table: {self.connection.vendor} is not supported")
            qn = self.connection.ops.quote_name
            cursor.execute(f"SELECT MAX({qn(pk)}) FROM {qn(table)}")
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
            return list(range(top + 1, top + n + 1))


def _rows_per_statement(connection, width: int) -> int:
    if connection.vendor != "sqlite":
        return 1
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, limit // width))


_VALUE, _FK, _DATETIME, _JSON = "value", "fk", "datetime", "json"
_json = json.encoder.encode_basestring_ascii  # what json.dumps does to a string


@functools.lru_cache(maxsize=256)
def _when(value) -> str:
    """A DateTimeField's value as auditlog shows it: the naive UTC time. A value already adapted
    for SQLite (text) is that time already."""
    if isinstance(value, str):
        return value
    if settings.USE_TZ and timezone.is_aware(value):
        value = timezone.make_naive(value, dt.UTC)
    return str(value)


class _Spec:
    """How auditlog renders the tracked fields of `model` (see the module's docstring). Reverse
    relations, when registered, are the text of their manager ("members.MemberEvent.None"), the
    same for every instance, so taken once from one with a primary key."""

    def __init__(self, model, pk):
        from auditlog.diff import get_field_value, track_field
        from auditlog.registry import auditlog

        opts = auditlog.get_model_fields(model)
        if opts["mask_fields"] or auditlog.get_serialize_options(model)["serialize_data"]:
            raise NotImplementedError(f"core.bulk: masked or serialized audit of {model}")
        self.content_type = ContentType.objects.get_for_model(model).pk
        sample = model(pk=pk)
        self.reverse, self.fields, self.defaults = [], {}, {}
        # auditlog diffs an update at pre_save, before auto_now fields are stamped: never a change.
        self.stamped = {f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)}
        for f in model._meta.get_fields():
            if not track_field(f) or (opts["include_fields"] and f.name not in opts["include_fields"]):
                continue
            if f.name in opts["exclude_fields"]:
                continue
            if not f.concrete:
                text = smart_str(get_field_value(sample, f))
                if text != "None":
                    self.reverse.append(_change(f.name, "None", text))
                continue
            if isinstance(f, DateTimeField):
                kind = _DATETIME
            elif isinstance(f, JSONField):
                kind = (_JSON, f.encoder)
            elif (f.one_to_one or f.many_to_one) and hasattr(f, "rel_class"):
                kind = _FK
            else:
                kind = _VALUE
            self.fields[f.attname] = (f.name, kind)
            self.defaults[f.attname] = default_of(f)
        self.absent: dict[tuple, list] = {}

    def created(self, values: dict) -> str:
        parts = []
        fields = self.fields
        for attname, value in values.items():
            spec = fields.get(attname)
            if spec is None:
                continue
            key, kind = spec
            if kind is _VALUE:
                if value.__class__ is not str:
                    value = str(value)  # smart_str
                if value == "None":  # the text of "no value before": not a change for auditlog
                    continue
            else:
                value = _text(kind, value)  # a foreign key or time kept even when None
            parts.append(f'"{key}": ["None", {_json(value)}]')
        keys = tuple(values)
        if keys not in self.absent:  # the fields left to their defaults, the same for rows of one shape
            self.absent[keys] = self.reverse + [
                part for attname in fields.keys() - values.keys() if (part := self._default_change(attname)) is not None
            ]
        return "{" + ", ".join(parts + self.absent[keys]) + "}"

    def _default_change(self, attname):
        key, kind = self.fields[attname]
        text = _text(kind, self.defaults[attname])
        return None if kind is _VALUE and text == "None" else _change(key, "None", text)

    def updated(self, changed: dict) -> str:
        parts = []
        for attname, (old, new) in changed.items():
            if attname in self.stamped:
                continue
            key, kind = self.fields[attname]
            parts.append(_change(key, _text(kind, old), _text(kind, new)))
        return "{" + ", ".join(parts) + "}"


def _text(kind, value) -> str:
    if value is None:
        return "None"
    if kind is _DATETIME:
        return _when(value)
    if kind.__class__ is tuple:  # JSON: auditlog's json.dumps(sort_keys=True) of the Python value
        return json.dumps(value, sort_keys=True, cls=kind[1])
    return smart_str(value)


def _change(key: str, old: str, new: str) -> str:
    return f"{_json(key)}: [{_json(old)}, {_json(new)}]"


class AuditLog:
    """The LogEntry rows django-auditlog would write for creations and updates, with the actor and
    correlation id as auditlog's context sets them (acting_as(actor), or the request's when there
    is no actor). Collect with created()/updated(), then flush() to write them in one statement."""

    def __init__(self, actor, connection):
        from auditlog import get_logentry_model
        from auditlog.cid import get_cid
        from auditlog.context import auditlog_value

        if settings.AUDITLOG_STORE_JSON_CHANGES:
            raise NotImplementedError("core.bulk writes the audit as text changes")
        context = {}
        if actor is None:  # acting_as(None) leaves whatever the request set
            try:
                context = dict(auditlog_value.get())
            except LookupError:
                context = {}
            actor = context.get("actor")
        self.table = Table(get_logentry_model(), connection, with_pk=False)
        self.base = {
            **self.table.defaults, "actor_id": getattr(actor, "pk", None),
            "actor_email": getattr(actor, "email", None) if actor else None, "remote_addr": context.get("remote_addr"),
            "remote_port": context.get("remote_port"), "cid": get_cid(), "changes_text": "",
        }  # fmt: skip
        self.connection = connection
        self.specs: dict = {}
        self.rows: list[dict] = []

    def _spec(self, model, pk) -> _Spec:
        if model not in self.specs:
            self.specs[model] = _Spec(model, pk)
        return self.specs[model]

    def created(self, model, pk, values: dict, repr_: str, additional_data: dict | None = None):
        """The creation of `model` row `pk` holding `values` (attnames; fields left out are at their
        defaults). A DateTimeField may be given as the datetime or as the value adapted for the
        database. `additional_data`: LogEntry's JSON of what the change came from (an import's job
        and row)."""
        spec = self._spec(model, pk)
        self._add(spec.content_type, pk, repr_, 0, spec.created(values), additional_data)

    def updated(self, model, pk, changed: dict, repr_: str):
        """An update of the fields `changed`: {attname: (old value, new value)}."""
        spec = self._spec(model, pk)
        self._add(spec.content_type, pk, repr_, 1, spec.updated(changed))

    def _add(self, content_type, pk, repr_, action, changes, additional_data=None):
        self.rows.append({
            **self.base, "content_type_id": content_type, "object_pk": str(pk), "object_id": pk,
            "object_repr": repr_, "action": action, "changes": changes, "additional_data": additional_data,
        })  # fmt: skip

    def flush(self, start: dt.datetime | None = None):
        """Write the entries collected, stamped from `start` (now) one microsecond apart."""
        self.write(self.take(), start)

    def take(self) -> list[dict]:
        """The entries collected so far, to write() later; collecting starts anew."""
        rows, self.rows = self.rows, []
        return rows

    def write(self, rows: list[dict], start: dt.datetime | None = None):
        """Write `rows` (from take()), stamped from `start` (now) one microsecond apart."""
        if not rows:
            return
        start = start or timezone.now()
        first = self.connection.ops.adapt_datetimefield_value(start)
        if isinstance(first, str):  # SQLite stores the naive UTC time as text: add to it, not adapt each
            start = dt.datetime.fromisoformat(first)
        for i, row in enumerate(rows):
            stamp = start + dt.timedelta(microseconds=i)
            row["timestamp"] = str(stamp) if first.__class__ is str else stamp
        self.table.insert(rows, complete=True)


class WritesBehind:
    """Writes done by one thread on the caller's connection while the caller goes on with work
    that needs no database — on PostgreSQL, where the server inserts the rows in its own process:
    the caller checks the next rows of an import while the server writes the last ones, instead of
    waiting for it (bench/RESULTS.md).

    `submit(write)` runs `write()` in the thread, after the write before it. Any statement the
    caller runs meanwhile first waits for the write in flight (an execute wrapper on the
    connection), so the two threads never use the connection at once and a statement always sees
    what was written before it: the same transaction, in the same order, as without the thread. A
    write's error is raised in the caller, by `wait()`, by the caller's next statement or when the
    block ends. Within the thread, the connection's alias names the caller's connection, so what
    the write sets off (core.bulk.inserted's receivers) writes there too, and every write runs in
    a copy of the caller's context (contextvars) as it was when submitted."""

    def __init__(self, connection):
        self.connection = connection
        self.future = None
        self.writer: int | None = None  # the thread's ident

    def __enter__(self):
        self.connection.inc_thread_sharing()
        self.connection.execute_wrappers.append(self._guard)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dangvu-writes")
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            self.wait()
        except Exception:
            if exc_type is None:  # the caller's own error, if any, is the one to report
                raise
        finally:
            self.pool.shutdown()
            self.connection.execute_wrappers.remove(self._guard)
            self.connection.dec_thread_sharing()

    def submit(self, write):
        self.wait()
        # In the caller's context: what the write sets off reads the request's actor (auditlog's
        # context), correlation id and language as the caller would. Django keeps the language in
        # an asgiref Local, which shows a thread nothing another thread set: it is set again there.
        language = translation.get_language()
        self.future = self.pool.submit(contextvars.copy_context().run, self._run, write, language)

    def wait(self):
        """Until the write in flight is done; raises its error."""
        future, self.future = self.future, None
        if future is not None:
            future.result()

    def _run(self, write, language):
        self.writer = threading.get_ident()
        alias = self.connection.alias
        connections[alias] = self.connection
        try:
            with translation.override(language):
                write()
        finally:
            del connections[alias]

    def _guard(self, execute, sql, params, many, context):
        if threading.get_ident() != self.writer:
            self.wait()
        return execute(sql, params, many, context)
