"""Figures written the way the seed report writes them — the one formatting module for reports,
briefs and pages: decimal comma, dot between thousands, plan achievement as a whole percent,
shares as "27/54", large counts as "trên 10,6 nghìn"."""

import math
from decimal import ROUND_HALF_UP, Decimal


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
