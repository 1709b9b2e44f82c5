"""Figures as the seed writes them: 10.600 (dot for thousands), 116,1 (comma for decimals)."""

from decimal import Decimal


def vn_number(value, decimals: int | None = None) -> str:
    """ "10.600", "99,35", "116,1"; "" for None. Whole numbers show no decimals unless asked."""
    if value is None:
        return ""
    if decimals is None:
        if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
            decimals = 0
        else:
            decimals = 2 if abs(Decimal(str(value)).as_tuple().exponent) >= 2 else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def vn_percent(value) -> str:
    return "" if value is None else f"{vn_number(value, 1)}%"
