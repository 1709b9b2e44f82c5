"""Reads compiled once: the SQL Django writes for a query of a fixed shape, kept with the
connection and run again with each call's values.

Every page reads a few rows by their key — the user a session names, the member or unit it opens —
with the same query each time. Django builds and compiles the query anew on every call, and for
these reads that costs more CPU than the database spends answering them (the member page: ~40 %
of its Python in the ORM, most of it compiling; bench/RESULTS.md). Here a query is built and
compiled once per connection: the values that change between calls are `Slot`s in it, bound at
each run the way Django would have prepared them, and Django's own iterables turn the rows into
model instances (or values) exactly as a QuerySet does.

    user = compiled.rows(User, ("user",), lambda: User.objects.filter(pk=Slot("pk", User._meta.pk))[:2], pk=7)

The rules:
- `build` must depend on nothing but the key: whatever else changes the query (the scope's unit,
  a list's length) belongs in the key. Values go through `Slot`s, scalars only.
- No prefetch_related (a second query that would not be compiled here).
- The key is per database alias (a replica's connection keeps its own) and per connection: a
  connection (one per thread) keeps its last `KEPT` queries.
"""

import copy
import threading
from collections import OrderedDict

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Count, Expression, Lookup, Value

KEPT = 256


class _Value:
    """Where a slot's value goes in the compiled query's parameters."""

    __slots__ = ("name", "slot")

    def __init__(self, name, slot):
        self.name, self.slot = name, slot


class Slot(Expression):
    """A value given at each run of a compiled query (`filter(pk=Slot("pk", Model._meta.pk))`):
    written as a parameter, prepared for the database by `field` as Django prepares a lookup's value."""

    def __init__(self, name: str, field):
        super().__init__(output_field=field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Value(self.name, self)]

    def prepare(self, value, connection):
        prepared = self.output_field.get_db_prep_value(value, connection, prepared=False)
        if isinstance(prepared, int) and not isinstance(prepared, bool):
            try:
                low, high = connection.ops.integer_field_range(self.output_field.get_internal_type())
            except KeyError:  # not an integer column
                return prepared
            if (low is not None and prepared < low) or (high is not None and prepared > high):
                # No row holds it: NULL matches nothing, as Django makes an out-of-range id find
                # nothing (a 404 for /dang-vien/99999999999999999999/, not an error or a scan).
                return None
        return prepared


class StartsWith(Lookup):
    """`field` starts with the slot's text, written as Django writes `__startswith` with a plain
    value (`LIKE 'prefix%'`, the form a path's pattern index serves): Django's own lookup, given an
    expression, builds the pattern in SQL instead. `filter(StartsWith(F("path"), Slot("path", f)))`."""

    lookup_name = "dangvu_starts_with"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(_Prefix(self.rhs))
        operator = connection.operators["startswith"] % rhs
        return f"{connection.ops.lookup_cast('startswith') % lhs} {operator}", [*lhs_params, *rhs_params]


class _Prefix(Expression):
    """A slot's text as a LIKE prefix: its wildcards escaped, then '%'."""

    def __init__(self, slot: Slot):
        super().__init__(output_field=slot.output_field)
        self.slot = slot

    def as_sql(self, compiler, connection):
        return "%s", [_Value(self.slot.name, self)]

    def prepare(self, value, connection):
        return connection.ops.prep_for_like_query(value) + "%"


class _Compiled:
    __slots__ = ("queryset", "compiler", "sql", "params", "converters")

    def __init__(self, queryset):
        if queryset._prefetch_related_lookups:
            raise ValueError("A compiled read runs one query: no prefetch_related.")
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            self.sql, self.params = compiler.as_sql()  # also fills the compiler's select and row layout
        except EmptyResultSet:  # none() or `pk__in=[]`: no rows, no query
            self.sql, self.params = None, ()
        self.queryset, self.compiler = queryset, compiler
        self.converters: dict = {}

    def bind(self, connection, values: dict) -> tuple:
        return tuple(p.slot.prepare(values[p.name], connection) if isinstance(p, _Value) else p for p in self.params)

    def run(self, connection, values: dict) -> list:
        if self.sql is None:
            return []
        sql, params = self.sql, self.bind(connection, values)
        # This run's own compiler, query and queryset (shallow copies, the compiled layout shared
        # and only read): threads that share a connection — Django's test server does — never run
        # with each other's values.
        compiler = copy.copy(self.compiler)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = self._converters
        queryset = _Run(self.queryset, _Run(self.queryset.query, None, compiler), compiler)
        return list(self.queryset._iterable_class(queryset))

    def _converters(self, expressions) -> dict:
        """The compiler's converters of the selected columns, found once: Django asks every
        column's field for them on each run (a member with its unit and the unit's superior: ~120
        columns, ~0,4 ms a read), and they depend only on the columns, which are the compiled
        query's own."""
        key = tuple(map(id, expressions))
        found = self.converters.get(key)
        if found is None:  # the columns are kept with their converters: no other object takes their ids
            found = self.converters[key] = (tuple(expressions), self.compiler.get_converters(expressions))
        return found[1]


class _Run:
    """A queryset, or its query, as one run sees it: the run's compiler, all else the original's
    (not copy.copy: a queryset's copy evaluates it)."""

    def __init__(self, original, query, compiler):
        self._original, self.query, self._compiler = original, query, compiler

    def get_compiler(self, *args, **kwargs):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._original, name)


_keeping = threading.Lock()  # the kept queries' order, for threads sharing a connection


def rows(model, key: tuple, build, **values) -> list:
    """The rows of `build()` (a QuerySet of `model`) with `values` in its slots: compiled on this
    connection's first call with `key`, only bound and run after that."""
    connection, query = _kept(model, key, build)
    return query.run(connection, values)


def statement(model, key: tuple, build, **values) -> tuple[str, tuple, str]:
    """`build()`'s SQL and its parameters with `values` bound, and the database alias to run it
    on, compiled once like `rows`: for a statement of the caller's own that holds the query (a
    UNION of it, a window over it). An empty query (`none()`) has no statement: ValueError."""
    connection, query = _kept(model, key, build)
    if query.sql is None:
        raise ValueError("An empty query has no statement.")
    return query.sql, query.bind(connection, values), connection.alias


def _kept(model, key: tuple, build):
    alias = router.db_for_read(model)
    connection = connections[alias]
    kept = connection.__dict__.setdefault("_dangvu_compiled", OrderedDict())
    with _keeping:
        query = kept.get(key)
        if query is not None:
            kept.move_to_end(key)
    if query is None:
        query = _Compiled(build().using(alias))
        with _keeping:
            kept[key] = query
            while len(kept) > KEPT:
                kept.popitem(last=False)
    return connection, query


def count(model, key: tuple, build, **values) -> int:
    """`build()`'s rows counted, `COUNT(*)` as `QuerySet.count()` writes it (an index that holds
    the conditions answers alone), by a query compiled once like `rows`: a count is no queryset of
    rows to compile, so its rows are grouped by a constant, which Django leaves out of the SQL."""

    def counted():
        every = build().order_by().annotate(every=Value(1)).values("every")
        return every.annotate(n=Count("*")).values_list("n", flat=True)

    return sum(rows(model, key, counted, **values))
