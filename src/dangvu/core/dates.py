"""Dates as Vietnamese documents write them, and the month arithmetic the rules use."""

import calendar
import datetime as dt

from dateutil.relativedelta import relativedelta


def add_months(day: dt.date, months: int) -> dt.date:
    """31/1 + 1 month = 28/2 (or 29/2): the end of a shorter month, never an overflow. As
    relativedelta(months=months) does, by hand: an import asks it for every member's probation."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    return day + relativedelta(years=years)


def whole_months_between(start: dt.date, end: dt.date) -> int:
    """Completed months from start to end (age in months: born 15/3/2000, on 14/3/2018 -> 215)."""
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def format_date(day: dt.date | None) -> str:
    """12/01/2017 — the form used in tables and forms."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_date_prose(day: dt.date) -> str:
    """ "ngày 12/1" as the seed writes dates in running text."""
    return f"ngày {day.day}/{day.month}"


def format_place_date(place: str, day: dt.date) -> str:
    """The place-and-date line of a Party document: "Hoàng Mai, ngày 12 tháng 01 năm 2017"."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def working_days_before(day: dt.date, days: int) -> dt.date:
    """The day `days` working days (Monday to Friday) before `day`. Public holidays are not
    counted out: the deadline it gives may come a few days early, never late."""
    while days > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
