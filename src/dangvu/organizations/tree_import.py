"""A whole tree founded at once, from the rows of a workbook (the `organizations` import).

The rows come in any order: each names its superior by code — a unit of the same file, or one
already in the tree under the importing unit, or (blank) the importing unit itself. They are put
in an order where every superior comes before the units under it, and each is checked with
`services.org_found`'s own checks (services.check_date, check_parent): its level must be allowed
under its superior on its founding date (eras.py), its superior active then, its code new. The
units, their first periods and the audit entries of their creation are then written in a few
statements (core.bulk), so a district's thousand units take seconds, not a minute. Before that,
what no single founding can see is refused here: a code twice in the file, a superior neither in
the file nor in the tree, and superiors that go round in a cycle.

One transaction: a failing row is reported with every other failing row, and nothing is stored
(or, with `skip_invalid`, only the rows that are valid together with their superiors)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction

from dangvu.core.audit import acting_as
from dangvu.core.bulk import AuditLog, Table, values_of
from dangvu.core.errors import fail
from dangvu.core.text import clean, search_key, unaccent

from . import eras, services
from .models import Kind, Level, Organization, OrgPeriod

# What a clerk writes in "Cấp" besides a level's code and labels (the era names are read too).
LEVEL_WORDS = {
    "tinh thanh pho": Level.PROVINCE,
    "dang bo tinh": Level.PROVINCE,
    "dang bo thanh pho": Level.PROVINCE,
    "quan huyen": Level.DISTRICT,
    "dang bo quan huyen": Level.DISTRICT,
    "dang bo quan": Level.DISTRICT,
    "dang bo huyen": Level.DISTRICT,
    "xa phuong": Level.COMMUNE,
    "xa phuong dac khu": Level.COMMUNE,
    "dang bo xa phuong dac khu": Level.COMMUNE,
    "dang bo xa phuong": Level.COMMUNE,
    "khoi": Level.BLOC,
    "dang bo khoi": Level.BLOC,
    "chi bo truc thuoc": Level.CELL,
    "chi bo": Level.CELL,
    "chi bo co so": Level.GRASSROOTS_CELL,
    "dang bo co so": Level.GRASSROOTS_COMMITTEE,
}


def _key(text: str) -> str:
    return " ".join(unaccent(clean(text)).replace(",", " ").replace("(", " ").replace(")", " ").split())


def _level_names() -> dict:
    names = dict(LEVEL_WORDS)
    for value, label in Level.choices:
        names[value] = value
        names[_key(label)] = value
    for era in eras.ERAS:
        for value, label in era.level_names.items():
            names.setdefault(_key(label), value)
    return names


_LEVELS = _level_names()
LEVEL_HINT = "Chi bộ trực thuộc, Chi bộ cơ sở, Đảng bộ cơ sở, Đảng bộ xã, phường, Đảng bộ quận, huyện, Đảng bộ khối"


def parse_level(text: str) -> str | None:
    """A level from what a clerk wrote ("Chi bộ trực thuộc", "đảng bộ cơ sở", "xã, phường", a
    label, a code), or None."""
    return _LEVELS.get(_key(text))


class TreeRowErrors(ValidationError):
    """Rows that cannot be founded: `rows` maps each row's number to its ValidationError (the
    imports engine reads `rows`)."""

    def __init__(self, rows: dict):
        self.rows = rows
        super().__init__([f"Dòng {n}: {m}" for n, error in rows.items() for m in error.messages])


@dataclass
class TreeResult:
    created: int = 0
    errors: dict = field(default_factory=dict)  # row number -> ValidationError (with skip_invalid)
    units: dict = field(default_factory=dict)  # row number -> Organization


@dataclass
class _Row:
    number: int
    values: dict
    code: str = ""
    parent_code: str = ""
    parent_row: "_Row | None" = None
    parent: Organization | None = None


def _error(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: [message]})


@transaction.atomic
def orgs_found_tree(*, actor, under: Organization, rows, skip_invalid: bool = False) -> TreeResult:
    """Found the units of `rows` — (number, values) pairs, values with code, name, short_name,
    level (as written), kind, parent_code (blank: `under`), founded_on, decision — superiors first.

    Guarantees: each unit gets services.org_found's checks, its period and an audit entry;
    a code twice in the file or already used, an unknown superior, a cycle of superiors and a
    level out of place on the founding date are each refused naming the row and the field; a unit
    whose superior's row failed is refused saying so. Nothing is stored when any row fails, unless
    `skip_invalid`."""
    result = TreeResult()
    errors = result.errors
    table = [_Row(n, dict(v)) for n, v in rows]
    by_code: dict[str, _Row] = {}
    for row in table:
        row.code = clean(row.values.get("code", "")).upper()
        row.parent_code = clean(row.values.get("parent_code", "")).upper()
        first = by_code.setdefault(row.code, row) if row.code else row
        if first is not row:
            errors[row.number] = _error(
                "code", f"Mã {row.code} trùng với dòng {first.number} trong tệp; mỗi tổ chức một mã riêng."
            )
    used = dict(Organization.objects.filter(code__in=list(by_code)).values_list("code", "name"))
    known = {o.code: o for o in Organization.objects.filter(path__startswith=under.path)}
    for row in table:
        if row.number in errors:
            continue
        level_text = row.values.get("level", "")
        level = parse_level(level_text)
        if row.code in used:
            errors[row.number] = _error("code", f"Mã {row.code} đã được dùng cho {used[row.code]}; hãy chọn mã khác.")
        elif level is None:
            message = f"Không rõ cấp “{clean(level_text)}”; hãy ghi một trong: {LEVEL_HINT}."
            errors[row.number] = _error("level", message)
        else:
            row.values["level"] = level
            _resolve_parent(row, by_code, known, under, errors)
    order = _superiors_first(table, errors)
    for row in order:
        parent = row.parent
        if row.parent_row is not None:
            parent = result.units.get(row.parent_row.number)
            if parent is None:
                errors[row.number] = _error(
                    "parent", f"Cấp trên {row.parent_code} (dòng {row.parent_row.number}) có lỗi nên chưa thành lập "
                    "được tổ chức này; hãy sửa dòng đó trước.",
                )  # fmt: skip
                continue
        try:
            result.units[row.number] = _checked_unit(row, parent)
        except ValidationError as e:
            errors[row.number] = e
    if not errors or skip_invalid:
        _write(actor, list(result.units.values()))
    result.created = len(result.units)
    if errors and not skip_invalid:
        raise TreeRowErrors(dict(sorted(errors.items())))
    result.errors = dict(sorted(errors.items()))
    return result


def _checked_unit(row: _Row, parent: Organization) -> Organization:
    """org_found's checks of one row (its messages, its fields), and the unit it would found, not
    yet saved: its id and path are given when the file is written (_write)."""
    code, name = row.code, clean(row.values.get("name", ""))
    if not code:
        fail("code", "Hãy nhập mã tổ chức.")
    if not name:
        fail("name", "Hãy nhập tên tổ chức.")
    day, level = row.values.get("founded_on"), row.values["level"]
    services.check_date("founded_on", day, "Ngày thành lập")
    services.check_parent(level, parent, day)
    return Organization(
        code=code, name=name, short_name=clean(row.values.get("short_name", "")),
        kind=row.values.get("kind") or Kind.OTHER, level=level, parent=parent, founded_on=day,
        founding_decision=clean(row.values.get("decision", "")), name_key=search_key(name), depth=parent.depth + 1,
    )  # fmt: skip


def _write(actor, units: list[Organization]):
    """Store `units` (superiors first) with their first period and the audit entry of each
    creation, in a few statements (core.bulk: what a save and django-auditlog would store)."""
    if not units:
        return
    connection = connections[router.db_for_write(Organization)]
    table = Table(Organization, connection, with_pk=True)
    audit = AuditLog(actor, connection)
    rows, periods = [], []
    for unit, pk in zip(units, table.reserve_ids(len(units)), strict=True):
        parent = unit.parent  # given its id and path before it (setting parent_id drops the cache)
        unit.pk, unit.parent_id, unit.path = pk, parent.pk, f"{parent.path}{pk}/"
        unit.parent = parent
        values = values_of(unit)
        rows.append(values)
        audit.created(Organization, pk, values, str(unit))
        periods.append({"org_id": pk, "parent_id": parent.pk, "path": unit.path, "valid_from": unit.founded_on,
                        "valid_to": None, "decision": unit.founding_decision})  # fmt: skip
    with acting_as(actor):
        table.insert(rows)
        Table(OrgPeriod, connection, with_pk=False).insert(periods)
        audit.flush()


def _resolve_parent(row: _Row, by_code: dict, known: dict, under: Organization, errors: dict):
    if not row.parent_code:
        row.parent = under
    elif row.parent_code == row.code:
        errors[row.number] = _error("parent", f"Tổ chức {row.code} không thể là cấp trên của chính nó.")
    elif row.parent_code in by_code:
        row.parent_row = by_code[row.parent_code]
    elif row.parent_code in known:
        row.parent = known[row.parent_code]
    else:
        errors[row.number] = _error(
            "parent", f"Không tìm thấy cấp trên mã {row.parent_code}: không có trong tệp, cũng không có trong "
            f"{under.name}; hãy ghi mã một dòng của tệp hoặc một tổ chức đã có.",
        )  # fmt: skip


def _superiors_first(table: list[_Row], errors: dict) -> list[_Row]:
    """The rows not yet refused, each after the row of its superior; rows whose superiors go
    round in a cycle are refused, naming the cycle. Iterative: a file may chain any number of rows."""
    order, placed = [], set()
    for row in table:
        chain, on_chain = [], {}
        up = row
        # Climb until a placed row, a refused one, a unit already in the tree, or a cycle.
        while up is not None and up.number not in placed and up.number not in errors:
            if up.number in on_chain:
                cycle = chain[on_chain[up.number] :]
                path = " → ".join(f"{r.code} (dòng {r.number})" for r in [*cycle, up])
                message = f"Các cấp trên tạo thành vòng lặp: {path}; hãy sửa mã cấp trên."
                for r in cycle:
                    errors[r.number] = _error("parent", message)
                break
            on_chain[up.number] = len(chain)
            chain.append(up)
            up = up.parent_row
        for r in reversed(chain):
            if r.number not in placed and r.number not in errors:
                placed.add(r.number)
                order.append(r)
    return order


def tree_rows(root: Organization, day: dt.date | None = None) -> list[Organization]:
    """The units under `root` (not `root` itself) active on `day` (today), superiors first: what
    the tree's export writes, in the import's columns, so that it can be imported again."""
    day = day or dt.date.today()
    units = Organization.objects.filter(path__startswith=root.path).exclude(pk=root.pk).select_related("parent")
    return [o for o in units.order_by("path") if o.is_active_on(day)]
