"""Review results of a whole subtree from one workbook (issue 16, item 5): the organizations'
classes (`review_orgs`) and the members' (`review_members`), for every grassroots organization
and cell under the importing committee, not one file per organization (reviews/excel.py is that
per-organization round trip).

The year's review of the importing committee is the cycle: opened through review_cycle_open when
it is not yet (so a committee starting from nothing gets there by imports alone). Organizations go
through org_result_record, cells before the committees above them (a committee's class is checked
against its cells'); members through member_results_record_bulk, grouped by their grassroots
organization (its quota of excellent members is checked per organization, as on its page). One
transaction: every failing row is reported, and nothing is stored."""

import functools

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core.excel.columns import BOOL, CHOICE, DATE, INT, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer
from dangvu.core.text import clean, unaccent
from dangvu.members.bulk import BulkResult, RowErrors

from . import facts, services
from .models import ReviewCycle, Stage

STAGES = (
    (Stage.DECISION, "Quyết định"), (Stage.DECISION, "Cấp ủy quyết định"), (Stage.PROPOSAL, "Đề xuất"),
    (Stage.SELF, "Tự đánh giá"), (Stage.SELF, "Tự xếp loại"),
)  # fmt: skip
CLASS_HINT = (
    "Tên mức xếp loại của quy định năm đó, ví dụ Hoàn thành tốt nhiệm vụ (từ 2018), Trong sạch, vững mạnh (2014–2017)."
)


@functools.lru_cache(maxsize=1024)
def _key(text: str) -> str:
    # Cached: a workbook repeats a few classes in every row, each compared with every class's
    # code and label (five unaccented texts a row).
    return " ".join(unaccent(clean(text)).replace(",", " ").split())


def class_code(grades, text: str) -> str:
    """A class's code from its label or code as typed (commas, accents and case aside); the text
    itself when it is none, which the services refuse naming the rulebook's classes."""
    wanted = _key(text)
    for g in grades:
        if wanted in (_key(g.code), _key(g.label)):
            return g.code
    return clean(text)


class _Cycles:
    """The importing committee's cycle of each year, opened when missing."""

    def __init__(self, ctx):
        self.ctx, self.cycles = ctx, {}

    def of(self, year: int) -> ReviewCycle:
        if year not in self.cycles:
            cycle = ReviewCycle.objects.filter(committee=self.ctx.org, year=year).first()
            self.cycles[year] = cycle or services.review_cycle_open(
                actor=self.ctx.actor, committee=self.ctx.org, year=year
            )
        return self.cycles[year]


def _finish(result: BulkResult, skip_invalid: bool) -> BulkResult:
    if result.errors and not skip_invalid:
        raise RowErrors(dict(sorted(result.errors.items())))
    return result


class OrgReviewImporter(Importer):
    def save_many(self, ctx, rows, *, skip_invalid: bool):
        result, cycles = BulkResult(), _Cycles(ctx)
        with transaction.atomic():
            # Deepest first: the cells' classes are there when their committee's is checked.
            for number, values in sorted(rows, key=lambda r: -r[1]["org"].depth):
                try:
                    with transaction.atomic():
                        self._record(cycles, ctx, values)
                    result.created += 1
                except ValidationError as e:
                    result.errors[number] = e
            return _finish(result, skip_invalid)

    def save(self, ctx, values):
        return self._record(_Cycles(ctx), ctx, values)

    def _record(self, cycles, ctx, values):
        cycle = cycles.of(values["year"])
        return services.org_result_record(
            actor=ctx.actor, cycle=cycle, org=values["org"], stage=values.get("stage") or Stage.DECISION,
            cls=class_code(cycle.get_rulebook().org_classes, values.get("cls", "")), points=values.get("points"),
            exemplary=values.get("exemplary", False), decided_on=values.get("decided_on"),
            override_reason=values.get("override_reason", ""),
        )  # fmt: skip


class MemberReviewImporter(Importer):
    members_read_ahead = True  # every row is grouped before the first group is written

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        result, cycles = BulkResult(), _Cycles(ctx)
        groups: dict[tuple, list] = {}
        with transaction.atomic():
            for number, values in rows:
                member = values["member"]
                home = facts.grassroots_of(member.org) if member.org_id else None
                if home is None or not facts.rates_members(home):
                    result.errors[number] = ValidationError(
                        f"Đồng chí {member.full_name} không thuộc tổ chức cơ sở đảng nào; hãy xếp loại tại đơn vị "
                        "của đồng chí."
                    )
                    continue
                key = (values["year"], values.get("stage") or Stage.DECISION, home.pk, values.get("decided_on"))
                groups.setdefault(key, []).append((number, values, home))
            for (year, stage, _home, decided_on), group in groups.items():
                self._record_group(cycles, ctx, year, stage, decided_on, group, result)
            return _finish(result, skip_invalid)

    def _record_group(self, cycles, ctx, year, stage, decided_on, group, result):
        org = group[0][2]
        try:
            cycle = cycles.of(year)
            grades = cycle.get_rulebook().member_classes
            rows = [
                {"member": v["member"], "cls": class_code(grades, v.get("cls", "")) if v.get("cls") else "",
                 "not_rated_reason": v.get("not_rated_reason", ""), "override_reason": v.get("override_reason", "")}
                for _n, v, _h in group
            ]  # fmt: skip
            with transaction.atomic():
                services.member_results_record_bulk(
                    actor=ctx.actor, cycle=cycle, org=org, stage=stage, rows=rows, decided_on=decided_on
                )
            result.created += len(group)
        except ValidationError as e:
            by_member = {v["member"].pk: n for n, v, _h in group}
            named = getattr(e, "error_dict", None) or {"__all__": e.error_list}
            for name, errors in named.items():
                messages = [m for err in errors for m in err.messages]
                if name.startswith("member_") and int(name[7:]) in by_member:
                    result.errors[by_member[int(name[7:])]] = ValidationError(messages)
                elif name in ("decided_on", "year"):
                    for n in by_member.values():
                        result.errors[n] = ValidationError({name: messages})
                else:  # the organization's quota, or the organization itself: on its first row
                    first = min(by_member.values())
                    result.errors[first] = ValidationError([f"{org.name}: {m}" for m in messages])
            for n in by_member.values():  # the rest of a refused group is not stored either
                result.errors.setdefault(
                    n, ValidationError(f"Chưa lưu: kết quả của {org.name} có dòng lỗi; hãy sửa dòng đó trước.")
                )

    def save(self, ctx, values):  # one row: a group of one
        result = BulkResult()
        self._record_group(
            _Cycles(ctx), ctx, values["year"], values.get("stage") or Stage.DECISION, values.get("decided_on"),
            [(0, values, facts.grassroots_of(values["member"].org))], result,
        )  # fmt: skip
        if result.errors:
            raise result.errors[0]


_YEAR = Column("Năm", "year", INT, required=True, example=2016)
_STAGE = Column(
    "Bước",
    "stage",
    CHOICE,
    example="Quyết định",
    choices=STAGES,
    hint="Tự đánh giá, Đề xuất hoặc Quyết định; để trống: Quyết định.",
    aliases=("Bước xếp loại",),
)
_DECIDED = Column("Ngày quyết định", "decided_on", DATE, example="", past=True)
_OVERRIDE = Column("Lý do quyết định khác quy tắc", "override_reason", example="")

ORG_COLUMNS = (
    Column("Mã tổ chức", "org", UNIT, required=True, example="HM-DC", hint="Mã tổ chức cơ sở đảng hoặc chi bộ.",
           aliases=("Tổ chức", "Mã đơn vị")),
    _YEAR, _STAGE,
    Column("Xếp loại", "cls", required=True, example="Hoàn thành tốt nhiệm vụ", hint=CLASS_HINT,
           aliases=("Mức xếp loại", "Kết quả xếp loại")),
    Column("Điểm", "points", INT, example=""),
    Column("Tiêu biểu", "exemplary", BOOL, example="Không"),
    _DECIDED, _OVERRIDE,
)  # fmt: skip
MEMBER_COLUMNS = (
    Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
           aliases=("Số thẻ đảng viên", "Số CCCD")),
    _YEAR, _STAGE,
    Column("Xếp loại", "cls", example="Hoàn thành tốt nhiệm vụ", hint=CLASS_HINT + " Để trống nếu không xếp loại.",
           aliases=("Mức xếp loại", "Kết quả xếp loại")),
    Column("Lý do không xếp loại", "not_rated_reason", example="", hint="Ví dụ: miễn sinh hoạt đảng; mới kết nạp."),
    _DECIDED, _OVERRIDE,
)  # fmt: skip
