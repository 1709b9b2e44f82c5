"""The closed year (chốt số liệu): once a committee has closed a year and issued its report, the
records dated in that year of the units under it are locked, so an issued figure cannot drift
from its snapshot. Every service that writes a dated record calls `require_open` with the record's
day and unit; the closes themselves live in reports (a floor above), which registers the lookup
here at start-up.

Reopening the year (reports.services.year_reopen, by the organization board, audited, with a
reason) lifts the lock until the year is closed again."""

import contextlib
import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar

from .errors import fail

# lookup(unit path, year) -> the name of the unit whose close in force covers it, or None.
_lookups: list[Callable[[str, int], str | None]] = []
# closes(year) -> {unit path: (rank, name)} of every unit whose `year` is closed: the same answers
# as its lookup, read once for many records (checker); the lowest rank wins where two units above
# a record are closed, as the lookup picks.
_year_closes: dict[Callable, Callable[[int], dict[str, tuple]]] = {}
_unlocked: ContextVar[bool] = ContextVar("closing_unlocked", default=False)


@contextlib.contextmanager
def unlocked():
    """Within it, closed years do not refuse records: for the system's own repairs (a restore, a
    data fix run by an administrator) and for tests that need live records to differ from a
    close's snapshot. Never for a user's request: those reopen the year."""
    token = _unlocked.set(True)
    try:
        yield
    finally:
        _unlocked.reset(token)


def register(lookup: Callable[[str, int], str | None], closes: Callable[[int], dict[str, tuple]] | None = None):
    """`lookup` answers for one record; `closes`, when given, for a whole year at once (see _year_closes)."""
    if lookup not in _lookups:
        _lookups.append(lookup)
    if closes is not None:
        _year_closes[lookup] = closes


def ancestor_paths(path: str) -> list[str]:
    """'/1/2/3/' -> ['/1/', '/1/2/', '/1/2/3/']: the unit and every unit above it."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def closed_by(org, day: dt.date) -> str | None:
    """The name of the unit whose closed year covers `org`'s records dated `day`, or None."""
    if org is None or day is None or _unlocked.get():
        return None
    for lookup in _lookups:
        name = lookup(org.path, day.year)
        if name:
            return name
    return None


def require_open(*, org, day: dt.date | None, field: str = "date") -> None:
    """Refuse (ValidationError on `field`) a record of `org` dated `day` in a closed year."""
    name = closed_by(org, day)
    if name:
        _refuse(org, day, field, name)


def checker() -> Callable[..., None]:
    """require_open for many records in one transaction (an import): the same refusals, each year's
    closes read once instead of one query per record. For the duration of one call of a service:
    a year closed after the first of its records is checked is not seen."""
    if any(lookup not in _year_closes for lookup in _lookups):
        return require_open
    years: dict[int, list[dict]] = {}
    ancestors: dict[str, list[str]] = {}

    def check(*, org, day: dt.date | None, field: str = "date") -> None:
        if org is None or day is None or _unlocked.get():
            return
        closes = years.get(day.year)
        if closes is None:
            closes = years[day.year] = [_year_closes[lookup](day.year) for lookup in _lookups]
        if not any(closes):
            return
        paths = ancestors.get(org.path)
        if paths is None:
            paths = ancestors[org.path] = ancestor_paths(org.path)
        for found in closes:
            hits = [found[p] for p in paths if p in found]
            if hits:
                _refuse(org, day, field, min(hits)[1])

    return check


def _refuse(org, day: dt.date, field: str, name: str):
    fail(
        field,
        f"Số liệu năm {day.year} của {name} đã chốt (báo cáo năm {day.year} đã ban hành), nên không thêm "
        f"hay sửa được hồ sơ ngày {day:%d/%m/%Y} của {org.name}. Nếu thật cần, Ban Tổ chức mở lại số liệu "
        f"năm {day.year} (ghi rõ lý do), sửa, rồi chốt lại.",
        code="closed",
    )
