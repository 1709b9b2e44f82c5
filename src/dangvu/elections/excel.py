"""The election results' Excel: their import (results per area) and the columns of the list's
export (discovered by the imports app, see core.excel.declare)."""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.accounts.models import Capability
from dangvu.core.excel import exports
from dangvu.core.excel.columns import DATE, INT, UNIT, Column
from dangvu.core.excel.declare import Importer, register
from dangvu.core.text import clean

from . import selectors, services

D = dt.date


class ElectionImporter(Importer):
    """Results per area; the election is found by name and date among those the user sees, or
    recorded (election_create, led by the chosen unit) the first time the file names it."""

    def save(self, ctx, values):
        name, day = clean(values.get("election_name")), values.get("election_date")
        election = selectors.visible_elections(ctx.scope.root).filter(name=name, date=day).first()
        if election is None:
            try:
                election = services.election_create(actor=ctx.actor, name=name, date=day, organizer=ctx.org)
            except ValidationError as e:
                mapped = {"name": "election_name", "date": "election_date"}
                raise ValidationError({mapped.get(k, k): v for k, v in e.message_dict.items()}) from None
        return services.election_area_record(
            actor=ctx.actor, election=election, name=values.get("name", ""), org=values.get("org") or ctx.org,
            registered=values.get("registered"), voted=values.get("voted"),
        )  # fmt: skip


register(ElectionImporter(
    "elections", "Kết quả bầu cử theo khu vực", Capability.EDIT_RECORDS,
    (Column("Cuộc bầu cử", "election_name", required=True,
            example="Bầu cử đại biểu Quốc hội khóa XIV và HĐND các cấp"),
     Column("Ngày bầu cử", "election_date", DATE, required=True, example=D(2016, 5, 22), past=True),
     Column("Khu vực bỏ phiếu", "name", required=True, example="Phường Định Công", aliases=("Khu vực",)),
     Column("Tổ chức đảng", "org", UNIT, hint="Để trống: đơn vị đã chọn."),
     Column("Số cử tri", "registered", INT, required=True, example=20500),
     Column("Số cử tri đã đi bầu", "voted", INT, required=True, example=20480, aliases=("Đã đi bầu",))),
    list_url="election-list", order=80,
))  # fmt: skip

EXPORT = exports.declare(exports.ExportKind("elections", "Kết quả bầu cử theo khu vực", "bau-cu", (
    exports.Col("Cuộc bầu cử", lambda a: a.election.name, width=40),
    exports.Col("Ngày bầu cử", lambda a: a.election.date),
    exports.Col("Khu vực", lambda a: a.name, width=30),
    exports.Col("Tổ chức đảng", exports.org_name("org"), width=30),
    exports.Col("Số cử tri", lambda a: a.registered),
    exports.Col("Đã đi bầu", lambda a: a.voted),
    exports.Col("Tỷ lệ (%)", lambda a: a.turnout),
)))  # fmt: skip
