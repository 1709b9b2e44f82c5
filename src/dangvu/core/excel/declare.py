"""How an area declares its Excel in <area>/excel.py: its importers (the columns of a file and the
service a row goes to) and the columns of its list export (exports.py). The imports app discovers
these modules (autodiscover, from its ready()) the way the catalogue discovers <area>/indicators.py,
so nothing below reaches up for them and imports/ names no area.

An importer's `save(ctx, values)` gets the parsed values keyed by column field (blank cells
absent) and calls the SAME service the area's form calls; nothing here validates a record on its
own: the services do, and their errors (keyed by field) come back to the clerk as "Dòng n, cột
X: …". `fields` maps a service's error field to a column field where their names differ. `ctx`
is the imports machinery's ImportContext: actor, scope, org (the unit chosen), today, and
unit(text) / find_unit(text) / member(ref) lookups within the scope."""

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from .columns import DATE, Column

IMPORTERS: dict = {}  # key -> Importer, in menu order once discovered


@dataclass
class Importer:
    key: str
    label: str
    capability: str
    columns: tuple
    list_url: str = "home"
    unique: tuple = ()  # fields that must not repeat inside one file
    fields: dict = field(default_factory=dict)  # service error field -> column field
    order: int = 100  # place in the list of kinds on the import page
    # True when save_many reads every row before it writes anything: the members the file names
    # are then read together before its rows are parsed (ImportContext.read_members_ahead).
    members_read_ahead: ClassVar[bool] = False

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    def save(self, ctx, values: dict):
        raise NotImplementedError

    # An importer may also define save_many(ctx, rows, *, skip_invalid) for a whole file at once:
    # rows are (row number, values) pairs; it returns a members.bulk.BulkResult-like object with
    # `errors` {row number: ValidationError}, or raises members.bulk.RowErrors (nothing stored).


def with_default_org(values: dict, ctx, name: str) -> dict:
    """`values` with the unit column `name` defaulting to the unit the import was made into."""
    return {**values, name: values.get(name) or ctx.org}


def register(*importers: Importer):
    for imp in importers:
        IMPORTERS[imp.key] = imp


def autodiscover():
    """Import every installed app's excel module, then put the importers in their menu order."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("excel")
    ordered = sorted(IMPORTERS.values(), key=lambda imp: imp.order)
    IMPORTERS.clear()
    IMPORTERS.update((imp.key, imp) for imp in ordered)


D = dt.date
DECISION_COLUMNS = (
    Column("Số quyết định", "decision_no", required=True, example="125-QĐ/QU"),
    Column("Ngày quyết định", "decision_date", DATE, required=True, example=D(2016, 3, 15), past=True),
)
MEMBER_REF_HINT = "Số thẻ đảng viên hoặc số CCCD của đảng viên trong phạm vi của bạn."
