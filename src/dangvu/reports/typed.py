"""Numbers typed in the report's free text against the computed figures: before a report is issued
(the year closed), a number the staff typed next to a phrase the report also fills from the
records ("kết nạp 211 đảng viên", "đạt 128,5% kế hoạch") and that differs from the computed one
is listed, so the author corrects it or confirms it on purpose. Only the staff's narrative is
read, never the sentences the system writes."""

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from dangvu.core import numbers as n

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"


@dataclass(frozen=True)
class Phrase:
    pattern: str  # with one _NUMBER group pair
    key: str  # the figure it names
    what: str  # how the message names it
    plan: bool = False  # the percent of plan, in the report's style, not the value


PHRASES = (
    Phrase(rf"kết nạp (?:được |mới )?{_NUMBER} đảng viên", "members.admitted", "số đảng viên kết nạp"),
    Phrase(rf"đạt {_NUMBER}% kế hoạch", "members.admitted", "tỷ lệ kết nạp so với kế hoạch", plan=True),
    Phrase(rf"{_NUMBER} tổ chức cơ sở đảng với", "orgs.grassroots", "số tổ chức cơ sở đảng"),
    Phrase(rf"mở {_NUMBER} lớp", "training.classes", "số lớp bồi dưỡng"),
    Phrase(rf"kỷ luật {_NUMBER} đảng viên", "discipline.members", "số đảng viên bị kỷ luật"),
    Phrase(rf"bổ nhiệm lại {_NUMBER} đồng chí", "cadres.actions", "số cán bộ điều động, luân chuyển, bổ nhiệm"),
    Phrase(rf"cử tri đi bầu (?:cao, )?(?:đạt )?{_NUMBER}%", "elections.turnout", "tỷ lệ cử tri đi bầu"),
)


@dataclass(frozen=True)
class Difference:
    section: str  # the section's title
    typed: str  # the words as typed
    computed: str  # the figure as the report writes it
    what: str

    @property
    def message(self) -> str:
        return f"Phần “{self.section}” ghi “{self.typed}”, nhưng {self.what} tính từ hồ sơ là {self.computed}."


def _value(whole: str, frac: str | None) -> Decimal:
    return Decimal(whole.replace(".", "") + ("." + frac if frac else ""))


def _reads_as(exact: Decimal, typed: Decimal, places: int) -> bool:
    """Whether `typed`, written with `places` decimals, is the exact value rounded either way
    (a committee may round down or half-up: both are its own writing, not a different number)."""
    step = Decimal(1).scaleb(-places)
    return exact.quantize(step, rounding=ROUND_FLOOR) <= typed <= exact.quantize(step, rounding=ROUND_CEILING)


def typed_differences(ctx: dict) -> list[Difference]:
    """The typed numbers of the narrative that differ from the computed figure for the same phrase."""
    figures, style = ctx["figures"], n.FigureStyle(**ctx.get("style", {}))
    found = []
    for section in ctx["sections"]:
        for paragraph in section.get("narrative", []):
            for phrase in PHRASES:
                figure = figures.get(phrase.key)
                if figure is None or figure["value"] is None:
                    continue
                for m in re.finditer(phrase.pattern, paragraph, flags=re.IGNORECASE):
                    typed = _value(m.group(1), m.group(2))
                    if phrase.plan:
                        if not figure["target"]:
                            continue
                        exact = Decimal(figure["value"]) * 100 / Decimal(str(figure["target"]))
                        computed = style.plan(figure["value"], figure["target"])
                    else:
                        exact = Decimal(str(figure["value"]))
                        percent = figure["unit"] == "%"
                        computed = n.format_percent(exact) if percent else n.format_int(figure["value"])
                    if _reads_as(exact, typed, len(m.group(2) or "")):
                        continue
                    found.append(Difference(section["title"], m.group(0), computed, phrase.what))
    return found
