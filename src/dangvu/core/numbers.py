"""Figures written the way the seed report writes them — the one formatting module for reports,
briefs and pages: decimal comma, dot between thousands, plan achievement as a whole percent,
shares as "27/54", large counts as "trên 10,6 nghìn"."""

import math
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal


def _group(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def format_int(value: int) -> str:
    """16234 -> "16.234"."""
    sign = "-" if value < 0 else ""
    return sign + _group(str(abs(int(value))))


def format_decimal(value, places: int = 2) -> str:
    """99.345 -> "99,35" (half up, as people round), 1234.5 -> "1.234,50"."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    return sign + _group(whole) + ("," + frac if frac else "")


def format_percent(value, places: int = 2) -> str:
    """A rate: 99.35 -> "99,35%"."""
    return f"{format_decimal(value, places)}%"


def percent_of_plan(value, target) -> int | None:
    """Achievement as a whole percent, rounded down as the seed does (209/180 = 116,1% -> 116;
    6/5 -> 120): a committee does not claim a percent it has not reached."""
    if not target:
        return None
    return math.floor(Decimal(value) * 100 / Decimal(target))


def format_plan(value, target) -> str:
    """ "đạt 116% kế hoạch"."""
    pct = percent_of_plan(value, target)
    return "" if pct is None else f"đạt {pct}% kế hoạch"


def format_share(part: int, whole: int) -> str:
    """Part of a whole: "27/54"; "13.235/14.938"."""
    return f"{format_int(part)}/{format_int(whole)}"


def format_thousands_over(value: int) -> str:
    """A large count as the seed writes it: 10,648 -> "trên 10,6 nghìn"; exact thousands keep
    no "trên" (10,600 -> "10,6 nghìn"); under a thousand the number itself."""
    if value < 1000:
        return format_int(value)
    tenths = value // 100  # rounded down: "trên" means "more than"
    text = format_decimal(Decimal(tenths) / 10, 1).replace(",0", "") + " nghìn"
    return text if value == tenths * 100 else "trên " + text


# --- a committee's house style ---------------------------------------------------------------------

DOWN, HALF_UP = "down", "half_up"
REACHED, EXCEEDED = "dat", "vuot"


@dataclass(frozen=True)
class FigureStyle:
    """How one committee writes percents, set once with its report and used by every output of
    it (narrative, brief, tables, dashboard), so a report never says "128,4%" and "128%" of the
    same figure. Committees differ: whole percents rounded down ("đạt 116% kế hoạch", 83/80 ->
    "103%"), one decimal rounded half-up ("15,3%" for 13/85), or the excess ("vượt 28,4%").
    The raw values stay exact; only their writing follows the style."""

    places: int = 0  # 0, 1 or 2 decimals
    rounding: str = DOWN  # DOWN: a committee does not claim a percent it has not reached
    plan_form: str = REACHED  # REACHED: "đạt 128% kế hoạch"; EXCEEDED: "vượt 28%" when over plan
    class_rates: bool = False  # write "đạt tỷ lệ 52,1%" after the class counts

    def round(self, value) -> Decimal:
        step = Decimal(1).scaleb(-self.places)
        return Decimal(str(value)).quantize(step, rounding=ROUND_FLOOR if self.rounding == DOWN else ROUND_HALF_UP)

    def number(self, value) -> str:
        """A percent's number in this style: 128.4 -> "128" (down, 0 places), "128,4" (1 place)."""
        return format_decimal(self.round(value), self.places)

    def percent(self, value) -> str:
        return f"{self.number(value)}%"

    def rate(self, part, whole) -> str:
        """part/whole as a percent in this style ("" when there is no whole)."""
        return self.percent(Decimal(part) * 100 / Decimal(whole)) if whole else ""

    def plan_percent(self, value, target) -> Decimal | None:
        """value/target × 100, rounded in this style; None without a target."""
        return self.round(Decimal(str(value)) * 100 / Decimal(str(target))) if target else None

    def plan(self, value, target, word: str = "kế hoạch") -> str:
        """ "đạt 116% kế hoạch", or in the excess form "vượt 16% kế hoạch" (still "đạt 90% kế
        hoạch" below plan); "" without a target."""
        pct = self.plan_percent(value, target)
        if pct is None:
            return ""
        if self.plan_form == EXCEEDED and pct > 100:
            return f"vượt {format_decimal(pct - 100, self.places)}% {word}".rstrip()
        return f"đạt {format_decimal(pct, self.places)}% {word}".rstrip()


SEED_STYLE = FigureStyle()  # Hoàng Mai 2016: "đạt 116% kế hoạch", whole percents rounded down
