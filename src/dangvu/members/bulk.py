"""Registering many existing members at once — a whole register from an earlier system or from
paper, through the import — with the same checks, the same records and the same audit trail as
members.services.member_register called row by row, in a few statements per thousand rows
instead of ~18 per row.

How it stays the same as member_register:
- every row goes through member_register's own checks (services.check_registration); the
  uniqueness of the citizen ID and card number is checked against the members already stored
  (one query per batch) and against the rows before it in the same call, exactly as one call per
  row would see them;
- the events are member_register's (services.registration_events: REGISTERED or TRANSFERRED_IN,
  then RECOGNIZED when the recognition comes after joining) and the periods and status come out
  of rules.replay;
- the audit entries are those django-auditlog writes for those saves — the member's creation, each
  event's creation, the member's update when the recognition changes its status — with the same
  content, actor and correlation id (auditlog's signals do not fire on bulk writes, so they are
  written here by core.bulk.AuditLog; tests/members/test_bulk.py compares them with those of
  member_register field by field).
An import (`source`: its job and file) keeps a shorter trail, as the team decided (issue 21): one
creation entry per member, holding the member as stored and naming the import job, file and row
in its additional data; the events and periods the lifecycle rules derive carry the job's id
(import_job) instead of entries of their own. Who, when and what stay answered for each member.
Rows are checked and written in batches of BATCH, so a large file never holds more than one
batch of rows to write. On PostgreSQL a batch is written by a thread of its own on the same
connection (core.bulk.WritesBehind) while the next one is checked, and checked again when the
stored members turn out to hold one of its numbers (_planned_behind). The whole call is one
transaction: when a row fails, every failing row is reported (RowErrors) and nothing is stored; a
database error part-way (a citizen ID entered meanwhile by someone else) rolls everything back too.
"""

import contextlib
import datetime as dt
import functools
import itertools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import BooleanField, F, Func, Q
from django.utils import timezone

from dangvu.core.bulk import AuditLog, Table, WritesBehind
from dangvu.core.closing import checker as open_checker
from dangvu.core.errors import fail
from dangvu.core.text import clean, name_sort_key, search_key
from dangvu.organizations.models import root_id_of

from . import rules
from .identity import UNIQUE_NUMBERS, normalize_number
from .models import Activity, EventKind, Member, MemberEvent, MemberPeriod, Standing, Status
from .services import check_admission, check_registration, registration_events

BATCH = 2000
# What member_register's _rebuild keeps on the member from the replayed state.
DERIVED = ("status", "org_id", "activity", "recognized_on")


class RowErrors(ValidationError):
    """Rows that cannot be registered: `rows` maps each row's number to its ValidationError, whose
    fields and messages are those member_register would raise for that row."""

    def __init__(self, rows: dict):
        self.rows = rows
        super().__init__([f"Dòng {n}: {m}" for n, error in rows.items() for m in error.messages])


@dataclass(frozen=True)
class Source:
    """Where the rows come from when they are an import: the job (imports.ImportJob's id, when the
    import runs as one) and the file's name. See the module's docstring for the audit it keeps."""

    job_id: int | None = None
    filename: str = ""

    def note(self, number: int) -> dict:
        """The member's audit entry's additional data: the import job, file and row."""
        return {"import_job": self.job_id, "import_file": self.filename, "import_row": number}


@dataclass
class BulkResult:
    created: int = 0
    errors: dict = field(default_factory=dict)  # row number -> ValidationError (with skip_invalid)
    ids: dict = field(default_factory=dict)  # row number -> the id of the member it registered


@transaction.atomic
def members_register_bulk(*, actor, rows, skip_invalid: bool = False, source: Source | None = None) -> BulkResult:
    """Register existing members as member_register would, one per row, in one transaction.

    `rows`: an iterable of (number, fields) pairs — `number` is what the errors name (the row of the
    file), `fields` member_register's keyword arguments (org, joined_on, admitted_on, recognized_on,
    transferred_in, place, decision_no and the identity fields). It is read once, batch by batch.

    Guarantees: the members, events, periods and audit entries are those of member_register called
    for each row in order (a row is checked against the rows stored before it). When any row fails,
    RowErrors lists every failing row and nothing is stored; with `skip_invalid`, the valid rows are
    stored and the failures returned in the result instead. With `source` (an import), the audit
    is the import's (see the module's docstring)."""
    open_check = open_checker()  # core.closing.require_open, each year's closes read once
    plan_row = functools.partial(_plan, open_check=open_check)
    return _bulk(actor, rows, skip_invalid, plan_row, source)


@transaction.atomic
def members_admit_bulk(*, actor, rows, skip_invalid: bool = False, source: Source | None = None) -> BulkResult:
    """Admit new members as member_admit would, one per row, in one transaction: the same checks
    (services.check_admission: identity, unique numbers, age 18–60 counted in months, the cell
    active, the year open), the same ADMITTED event, period and audit entries. `rows`: (number,
    member_admit's keyword arguments) pairs. Failing rows as members_register_bulk reports them."""
    open_check = open_checker()  # core.closing.require_open, each year's closes read once

    def plan_row(fields, taken, stored):
        return _admission_plan(actor, fields, taken, stored, open_check)

    return _bulk(actor, rows, skip_invalid, plan_row, source)


def _bulk(actor, rows, skip_invalid: bool, plan_row, source: Source | None) -> BulkResult:
    taken: dict[tuple, str] = {}  # (field, number) -> full name, of the rows accepted so far
    writer = _Writer(actor, source)
    result = BulkResult()
    with writer.behind or contextlib.nullcontext():
        for batch in _batches(rows, BATCH):
            if writer.behind is None:
                planned = _planned(batch, plan_row, taken, _stored_numbers(batch))
            else:
                planned = _planned_behind(batch, plan_row, taken)
            for number, plan in planned:
                if isinstance(plan, ValidationError):
                    result.errors[number] = plan
                elif skip_invalid or not result.errors:  # after a failure, only check the rest
                    writer.add(number, plan)
            result.created += writer.flush(result.ids)
    if result.errors and not skip_invalid:
        raise RowErrors(result.errors)
    return result


def _planned(batch, plan_row, taken: dict, stored: dict) -> list[tuple]:
    """[(row number, its _Plan or its ValidationError)] of `batch`, in order."""
    planned = []
    for number, fields in batch:
        try:
            planned.append((number, plan_row(dict(fields), taken, stored)))
        except ValidationError as e:
            planned.append((number, e))
    return planned


def _planned_behind(batch, plan_row, taken: dict) -> list[tuple]:
    """_planned while the batch before is being written (core.bulk.WritesBehind): checked first
    against the rows accepted so far only, since the stored members can be read only once that
    write is done. When the stored members then hold a number the batch names — a row would fail,
    or its message name them — the batch is checked again as _planned checks it, from the numbers
    accepted before it, so every row comes out as it would have."""
    before = len(taken)
    planned = _planned(batch, plan_row, taken, {})
    stored = _stored_numbers(batch)  # waits for the write in flight
    if not stored:
        return planned
    for key in list(taken)[before:]:  # the batch's own, added last (a number is taken once)
        del taken[key]
    return _planned(batch, plan_row, taken, stored)


def _batches(rows, size):
    it = iter(rows)
    while batch := list(itertools.islice(it, size)):
        yield batch


# --- the checks ---------------------------------------------------------------------------------


def _stored_numbers(batch) -> dict[tuple, str]:
    """{(field, number): full name} of the stored members holding a number the batch names."""
    wanted = {name: set() for name, *_ in UNIQUE_NUMBERS}
    for _row, fields in batch:
        for name in wanted:
            if fields.get(name):
                wanted[name].add(normalize_number(fields[name]))
    # On PostgreSQL one array a column (= ANY): a batch's 2.000 numbers as IN (…) were a 16 KB
    # statement that psycopg split and filled on the client (~8 µs a member of an import).
    any_of = connections[router.db_for_read(Member)].vendor == "postgresql"
    clash = Q()
    for name, values in wanted.items():
        if values and any_of:
            clash |= Q(_AnyOf(name, sorted(values)))
        elif values:
            clash |= Q(**{f"{name}__in": values})
    if not clash:
        return {}
    found = {}
    for citizen_id, card_no, full_name in (
        Member.objects.filter(clash).order_by().values_list("citizen_id", "party_card_no", "full_name")
    ):
        found[("citizen_id", citizen_id)] = found[("party_card_no", card_no)] = full_name
    return found


class _AnyOf(Func):
    """`field = ANY(values)`, the values bound as one array (PostgreSQL)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, values: list):
        super().__init__(F(field))
        self.values = values

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.get_source_expressions()[0])
        return f"{column} = ANY(%s)", (*params, self.values)


@dataclass
class _Plan:
    member: dict  # column attname -> value, as stored at the end
    created: dict  # the derived fields as member_register first saves them
    steps: list  # [(event values, {derived field: (old, new)} changed by the rebuild after it)]
    periods: list


def _holders(taken: dict, stored: dict):
    def holders(wanted: dict) -> dict:
        found = {}
        for name, value in wanted.items():
            holder = taken.get((name, value)) or stored.get((name, value))
            if holder is not None:
                found[name] = holder
        return found

    return holders


def _take_numbers(data: dict, taken: dict):
    for name, value in data.items():
        if name in ("citizen_id", "party_card_no") and value:
            taken[(name, value)] = data["full_name"]


def _admission_plan(actor, fields: dict, taken: dict, stored: dict, open_check) -> _Plan:
    """Check one row as member_admit does and work out what it stores (see _plan)."""
    data, problem = check_admission(actor=actor, **fields, holders=_holders(taken, stored), open_check=open_check)
    org, admitted_on, decision_no = fields["org"], fields["admitted_on"], clean(fields["decision_no"])
    event = {
        "kind": EventKind.ADMITTED, "date": admitted_on, "decision_no": decision_no,
        "decision_date": fields.get("decision_date") or admitted_on, "org_id": org.pk,
        "override_reason": clean(fields.get("age_override_reason", "")) if problem else "",
    }  # fmt: skip
    derived = {"status": Status.PROBATIONARY, "org_id": org.pk, "activity": Activity.ACTIVE, "recognized_on": None}
    created = dict(derived)
    state = rules.State()
    try:
        rules.apply(state, rules.Event(EventKind.ADMITTED, admitted_on, org.pk))
    except rules.RuleError as e:  # pragma: no cover - an admission always fits a new member
        fail(e.field, e.message)
    steps = [(event, _rebuilt(derived, state))]
    _take_numbers(data, taken)
    member = {**data, "admitted_on": admitted_on, "admission_decision": decision_no, **derived,
              **_name_keys(data["full_name"]), "root_id": root_id_of(org.path)}  # fmt: skip
    return _Plan(member, created, steps, _periods(state))


def _periods(state: rules.State) -> list[dict]:
    return [
        {"org_id": p.org_id, "standing": p.standing, "activity": p.activity, "valid_from": p.valid_from,
         "valid_to": p.valid_to, "start_kind": p.start_kind, "end_kind": p.end_kind}
        for p in state.periods
    ]  # fmt: skip


def _plan(fields: dict, taken: dict, stored: dict, open_check) -> _Plan:
    """Check one row as member_register does (raising its ValidationError) and work out what it
    stores. The numbers are looked up in `taken` (the rows accepted before) and `stored`."""
    data = check_registration(**fields, holders=_holders(taken, stored))
    org, admitted_on, recognized_on = fields["org"], fields["admitted_on"], fields.get("recognized_on")
    events = registration_events(
        org=org, joined_on=fields["joined_on"], recognized_on=recognized_on,
        transferred_in=fields.get("transferred_in", False), place=fields.get("place", ""),
        decision_no=fields.get("decision_no", ""),
    )  # fmt: skip
    derived = {
        "status": Status.FULL if events[0]["standing"] == Standing.FULL else Status.PROBATIONARY,
        "org_id": org.pk, "activity": Activity.ACTIVE, "recognized_on": recognized_on,
    }  # fmt: skip
    created = dict(derived)
    # member_register appends the events one at a time, rebuilding after each (_append_event). They
    # come in date order (a recognition after joining), so each replay is the last one plus an event.
    steps, state = [], rules.State()
    for event in events:
        open_check(org=org, day=event["date"])  # member_register's _append_event asks it per event
        try:
            rules.apply(state, rules.Event(event["kind"], event["date"], org.pk, None, event.get("standing", "")))
        except rules.RuleError as e:
            fail(e.field, e.message)
        steps.append((event, _rebuilt(derived, state)))
    _take_numbers(data, taken)
    member = {
        **data,
        "admitted_on": admitted_on,
        **derived,
        **_name_keys(data["full_name"]),
        "root_id": root_id_of(org.path),  # the rows' unit: registration has no transfer
    }
    return _Plan(member, created, steps, _periods(state))


def _rebuilt(derived: dict, state: rules.State) -> dict:
    """What services._rebuild changes on the member after a replay: {field: (old, new)}; applied
    to `derived`."""
    recognized = [p.valid_from for p in state.periods if p.start_kind == EventKind.RECOGNIZED]
    new = {
        "status": state.status,
        "org_id": state.org_id or (state.periods[-1].org_id if state.periods else derived["org_id"]),
        "activity": state.activity,
    }
    if recognized:
        new["recognized_on"] = recognized[-1]
    changed = {k: (derived[k], v) for k, v in new.items() if derived[k] != v}
    derived.update(new)
    return changed


@functools.lru_cache(maxsize=65536)
def _name_keys(full_name: str) -> dict:
    # Names repeat a lot in a register, and the ICU sort key is the costly part.
    return {"name_key": search_key(full_name), "sort_key": name_sort_key(full_name)}


# --- writing ------------------------------------------------------------------------------------


_EVENT_LABELS = dict(EventKind.choices)


@functools.lru_cache(maxsize=65536)
def _event_repr(kind: str, day: dt.date) -> str:
    return f"{_EVENT_LABELS[kind]} {day:%d/%m/%Y}"  # MemberEvent.__str__


class _Writer:
    def __init__(self, actor, source: Source | None = None):
        self.source = source
        connection = connections[router.db_for_write(Member)]
        self.connection = connection
        self.members = Table(Member, connection, with_pk=True)
        self.events = Table(MemberEvent, connection, with_pk=True)
        self.periods = Table(MemberPeriod, connection, with_pk=False)
        self.audit = AuditLog(actor, connection)
        self.plans: list[tuple] = []  # (row number, _Plan)
        # PostgreSQL inserts in its own process: the next batch is checked meanwhile. SQLite
        # writes in this one, under Python's lock (a writer thread gained 2-7 %, bench/RESULTS.md).
        self.behind = WritesBehind(connection) if connection.vendor == "postgresql" else None

    def add(self, number, plan: _Plan):
        self.plans.append((number, plan))

    def flush(self, ids: dict) -> int:
        """Write the plans added; record each row's member id in `ids`. With `behind`, the rows
        are written by its thread while the caller goes on."""
        plans, self.plans = self.plans, []
        if not plans:
            return 0
        now = timezone.now()
        stamp = self.connection.ops.adapt_datetimefield_value(now)
        member_ids = iter(self.members.reserve_ids(len(plans)))
        event_ids = iter(self.events.reserve_ids(sum(len(p.steps) for _n, p in plans)))
        rows = self._import_rows if self.source is not None else self._rows
        members, events, periods = rows(plans, ids, stamp, member_ids, event_ids)
        entries = self.audit.take()

        def write():
            self.members.insert(members)
            self.events.insert(events)
            self.periods.insert(periods)
            self.audit.write(entries, now)

        if self.behind is None:
            write()
        else:
            self.behind.submit(write)
        return len(plans)

    def _rows(self, plans, ids, stamp, member_ids, event_ids) -> tuple[list, list, list]:
        """The members, events and periods of `plans`, and their audit entries collected."""
        members, events, periods = [], [], []
        audit = self.audit
        for number, plan in plans:
            member = plan.member
            member["id"] = ids[number] = member_id = next(member_ids)
            member["created_at"] = member["updated_at"] = stamp
            members.append(member)
            audit.created(Member, member_id, {**member, **plan.created}, member["full_name"])
            for event, changed in plan.steps:
                event["id"], event["member_id"], event["created_at"] = next(event_ids), member_id, stamp
                events.append(event)
                audit.created(MemberEvent, event["id"], event, _event_repr(event["kind"], event["date"]))
                if changed:
                    audit.updated(Member, member_id, changed, member["full_name"])
            for period in plan.periods:
                period["member_id"] = member_id
                periods.append(period)
        return members, events, periods

    def _import_rows(self, plans, ids, stamp, member_ids, event_ids) -> tuple[list, list, list]:
        """_rows for an import: one audit entry per member, the member as stored, naming the job
        and row; the events and periods carry the job's id."""
        job, note, audit = self.source.job_id, self.source.note, self.audit
        members, events, periods = [], [], []
        for number, plan in plans:
            member = plan.member
            member["id"] = ids[number] = member_id = next(member_ids)
            member["created_at"] = member["updated_at"] = stamp
            members.append(member)
            audit.created(Member, member_id, member, member["full_name"], note(number))
            for event, _changed in plan.steps:
                event["id"], event["member_id"], event["created_at"] = next(event_ids), member_id, stamp
                event["import_job"] = job
                events.append(event)
            for period in plan.periods:
                period["member_id"], period["import_job"] = member_id, job
                periods.append(period)
        return members, events, periods


__all__ = ["BATCH", "BulkResult", "RowErrors", "Source", "members_admit_bulk", "members_register_bulk"]
