"""The targets' Excel: a plan (kế hoạch, chỉ tiêu) for many units and indicators at once —
one row per unit, indicator and year, sub-targets such as orgs.founded.non_state_enterprise
included — each row set through targets.services.target_set, as the targets page sets one
(discovered by the imports app, see core.excel.declare)."""

from dangvu.accounts.models import Capability
from dangvu.core import catalogue
from dangvu.core.excel.columns import INT, UNIT, Column
from dangvu.core.excel.declare import Importer, register
from dangvu.core.text import clean, unaccent

from . import services


def indicator_key(text: str) -> str:
    """The catalogue key a clerk meant: the key itself, or an indicator's label (accents and case
    aside); otherwise the text, which target_set refuses naming it."""
    text = clean(text)
    if catalogue.exists(text):
        return text
    wanted = unaccent(text)
    for ind in catalogue.all_indicators():
        if unaccent(ind.label) == wanted:
            return ind.key
    return text


def _number(value: str) -> str:
    """A figure as a clerk types it: "95,5" (decimal comma), "1.200" or "1.200,5" (dot for
    thousands); target_set then refuses what is still not a number, naming it."""
    text = clean(str(value)).replace(" ", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    whole, _dot, part = text.partition(".")
    return whole + part if len(part) == 3 and text.count(".") == 1 else text


class TargetImporter(Importer):
    def save(self, ctx, values):
        org = values.get("org") or ctx.org
        return services.target_set(
            actor=ctx.actor, org=org, indicator_key=indicator_key(values.get("indicator_key", "")),
            year=values.get("year"), value=_number(values.get("value", "")),
            assigned_by=values.get("assigned_by") or org, note=values.get("note", ""),
        )  # fmt: skip


register(TargetImporter(
    "targets", "Kế hoạch, chỉ tiêu", Capability.EDIT_RECORDS,
    (Column("Đơn vị", "org", UNIT, hint="Mã đơn vị nhận chỉ tiêu; để trống: đơn vị đã chọn.", aliases=("Mã đơn vị",)),
     Column("Năm", "year", INT, required=True, example=2016),
     Column("Chỉ số", "indicator_key", required=True, example="members.admitted",
            hint="Mã chỉ số (ví dụ members.admitted, orgs.founded.non_state_enterprise) hoặc tên chỉ số như trên "
                 "trang chỉ tiêu.", aliases=("Chỉ tiêu", "Mã chỉ số")),
     Column("Giá trị", "value", required=True, example="180", aliases=("Kế hoạch", "Số lượng")),
     Column("Cấp giao", "assigned_by", UNIT, hint="Mã cấp trên giao chỉ tiêu; để trống: kế hoạch của chính đơn vị.",
            aliases=("Đơn vị giao",)),
     # The example row is skipped when left as it is: its note keeps it apart from a real row.
     Column("Ghi chú", "note", example="Dòng ví dụ — hãy xóa hoặc ghi đè")),
    list_url="home", order=8,
))  # fmt: skip
