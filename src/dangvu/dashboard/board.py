"""The year on the dashboard: its key figures, chart series and alert counts, read from the
year's close when it is closed and kept in Django's cache under a version of the data that any
saved change moves."""

import datetime as dt
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KeyTransform

from dangvu.indicators.selectors import Figure
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.reports.selectors import FIGURE_FIELDS, YearFigures
from dangvu.reviews.rulebooks import NoRulebook, rulebook_for
from dangvu.targets.selectors import achievement

from .selectors import (
    KEY_FIGURES,
    ClassCount,
    UnitPlan,
    admissions_by_month,
    alert_counts,
    key_figures,
    plan_by_subordinate,
    review_classes,
)


@dataclass(frozen=True)
class Board:
    """What the dashboard shows of a unit's year, and its alerts' counts looking from a day."""

    figures: YearFigures
    months: list[int]
    classes: list[ClassCount]
    exemplary: int
    plans: list[UnitPlan]
    alerts: dict[str, int]


def series_snapshot(org: Organization, year: int, indicators: dict) -> dict:
    """What the dashboard shows of the year as plain JSON, for the year close to store beside the
    figures: its key figures (copied from the close's `indicators`, without the records' ids)
    and the charts' data. A closed year's page then reads one small part of the snapshot (the
    whole snapshot, with the ids of every member, is megabytes on a city)."""
    classes, exemplary = review_classes(org, year)
    return {
        "figures": {
            key: {name: indicators[key][name] for name in FIGURE_FIELDS} for key in KEY_FIGURES if key in indicators
        },
        "admissions_by_month": admissions_by_month(org, year),
        "review_classes": {c.code: c.count for c in classes},
        "review_exemplary": exemplary,
        "plan_by_subordinate": [[p.org.pk, p.admitted, p.target] for p in plan_by_subordinate(org, year)],
    }


def _close_with_series(org: Organization, year: int):
    """The close in force with its dashboard part (not the rest of its snapshot) as `series`,
    None if the year is open. One query."""
    from dangvu.reports.models import YearClose  # the close is the reports app's; imported late

    return (
        YearClose.objects.filter(org=org, year=year, reopened_at__isnull=True)
        .defer("snapshot")
        .annotate(series=KeyTransform("dashboard", "snapshot"))
        .first()
    )


def _from_series(close, year: int, data: dict) -> dict:
    figures = YearFigures([Figure(key=key, **data["figures"][key]) for key in KEY_FIGURES], close)
    try:
        book_classes = rulebook_for(year).org_classes
    except NoRulebook:
        book_classes = ()
    counts = data["review_classes"]
    classes = [ClassCount(g.code, g.label, counts.get(g.code, 0), g.top, g.lowest) for g in book_classes]
    rows = data["plan_by_subordinate"]
    orgs = Organization.objects.in_bulk([pk for pk, _, _ in rows])
    plans = [UnitPlan(orgs[pk], n, target, achievement(n, target)) for pk, n, target in rows if pk in orgs]
    return {
        "figures": figures, "months": data["admissions_by_month"], "classes": classes,
        "exemplary": data["review_exemplary"], "plans": plans,
    }  # fmt: skip


def _board(org: Organization, year: int, on: dt.date, members: QuerySet[Member]) -> Board:
    close = _close_with_series(org, year)
    if close is not None and close.series and set(KEY_FIGURES) <= set(close.series.get("figures", ())):
        series = _from_series(close, year, close.series)
    else:  # an open year, or a close taken before the snapshot held the dashboard's part
        classes, exemplary = review_classes(org, year)
        series = {
            "figures": key_figures(org, year), "months": admissions_by_month(org, year), "classes": classes,
            "exemplary": exemplary, "plans": plan_by_subordinate(org, year),
        }  # fmt: skip
    return Board(alerts=alert_counts(org, members, year, on), **series)


# An audit entry that commits after a later one (ids come from a sequence, transactions commit
# in any order) still changes the count of the last AUDIT_WINDOW entries, so it changes the version.
AUDIT_WINDOW = 10_000
BOARD_SECONDS = 3600


def data_version() -> tuple:
    """A value that changes whenever anything users can change is saved: every such write goes
    through a service and leaves an audit entry (django-auditlog) in its own transaction, so
    the newest entry (id and time) and the number of recent entries move with every commit,
    including one committed after a newer entry. One small indexed query."""
    from auditlog.models import LogEntry

    # the count as a subquery of the newest entry's row: one query (every dashboard asks)
    window = LogEntry.objects.filter(pk__gt=OuterRef("pk") - AUDIT_WINDOW).order_by()
    recent = Subquery(window.values(n=Func("pk", function="COUNT")), output_field=IntegerField())
    last = LogEntry.objects.order_by("-pk").values_list("pk", "timestamp").annotate(recent=recent).first()
    if last is None:
        return (0,)
    return (last[0], last[1].isoformat(), last[2])


def board_version(org: Organization, year: int, on: dt.date) -> str:
    """What the unit's board for `year` seen from `on` depends on: the unit, the year, the day,
    today and `data_version()`. The board's cache key, and the dashboard page's (which adds what
    the page shows beside the board). One query."""
    return ":".join(str(part) for part in (org.pk, year, on, dt.date.today(), *data_version()))


def board(org: Organization, year: int, on: dt.date, members: QuerySet[Member], version: str = "") -> Board:
    """The unit's key figures and chart series for `year`, and its alerts looking from `on`
    (`members`: the user's scope, for the badge alert).

    A closed year comes from its close: the figures and (for a close that stored them) the
    charts' data from the snapshot, a few small queries. An open year is computed live, which
    costs about a second on a city.

    Either is kept in Django's cache under (unit, year, day, today, `data_version()`), read BEFORE
    computing. The invalidation rule: ANY audited save anywhere (an admission, a review result,
    a target, a close or a reopening) gives a new version, so no page shows figures older than
    the last change committed before it was asked — the user's own change included; the day is
    in the key for figures that depend on it. `version`: board_version's answer, when the caller
    has read it already. Writes that bypass the services and their audit
    entries (raw SQL, a synthetic data load) are not seen until the entry expires
    (BOARD_SECONDS)."""
    from django.core.cache import cache

    key = "dashboard.board:" + (version or board_version(org, year, on))
    found = cache.get(key)
    if found is None:
        # Requests that miss together in this process wait for the one computing, rather than
        # each computing the same board at once (16 clients on 2 cores: seconds each).
        with _computing(key):
            found = cache.get(key)
            if found is None:
                found = _board(org, year, on, members)
                cache.set(key, found, BOARD_SECONDS)
    return found


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def _computing(key: str):
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _locks_guard:
            _locks.pop(key, None)
