"""Reads of the year-end report: the staff-written parts (with defaults derived from the tree),
the close in force, the per-grassroots table, and a year's figures as readers should show them
(year_figures: from the close's snapshot when the year is closed, else live from the catalogue)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.fields.json import KeyTransform

from dangvu.core.catalogue import Period
from dangvu.core.numbers import FigureStyle
from dangvu.indicators.selectors import Figure, evaluate, indicators, plain_number, records_behind
from dangvu.organizations.models import Organization, OrgPeriod
from dangvu.organizations.selectors import overlapping, subtree_periods_on
from dangvu.targets.models import Target

from . import heading
from .models import YearClose, YearReport


def report_of(org: Organization, year: int) -> YearReport:
    """The unit's report for `year`; an unsaved one with the derived heading when none is written.
    Blank heading fields of a saved report are filled with the derived defaults too."""
    report = YearReport.objects.filter(org=org, year=year).first() or YearReport(org=org, year=year)
    derived = heading.derive(org, dt.date(year, 12, 31))
    defaults = {
        "heading_superior": derived.superior,
        "heading_body": derived.body,
        "symbol": derived.symbol,
        "place": derived.place,
        "signer_role": heading.signer_role(org),
        "signer_title": "BÍ THƯ",
    }
    for name, value in defaults.items():
        if not getattr(report, name):
            setattr(report, name, value)
    return report


_STYLE_FIELDS = ("percent_places", "percent_rounding", "plan_form", "class_rates")


def report_style(org: Organization, year: int) -> FigureStyle:
    """The house style the unit's report of `year` writes figures in (the seed's with no report):
    `report_of(...).style` without deriving the heading, which costs a query more. One query."""
    report = YearReport.objects.filter(org=org, year=year).only(*_STYLE_FIELDS).first()
    return (report or YearReport(org=org, year=year)).style


def close_in_force(org: Organization, year: int) -> YearClose | None:
    return YearClose.objects.filter(org=org, year=year, reopened_at__isnull=True).first()


def closing_unit(path: str, year: int) -> str | None:
    """The name of the unit (`path`'s own or one above it) whose `year` is closed, or None: the
    lookup core.closing asks before a dated record is written. One query."""
    from dangvu.core.closing import ancestor_paths

    close = (
        YearClose.objects.filter(year=year, reopened_at__isnull=True, org__path__in=ancestor_paths(path))
        .select_related("org")
        .only("org__name")
        .first()
    )
    return close.org.name if close else None


def closed_units(year: int) -> dict[str, tuple[int, str]]:
    """{unit path: (rank, name)} of every unit whose `year` is closed: closing_unit's answers for
    all paths at once (core.closing.checker); the rank orders them as closing_unit picks. One query."""
    closes = YearClose.objects.filter(year=year, reopened_at__isnull=True).order_by("pk")
    return {path: (pk, name) for pk, path, name in closes.values_list("pk", "org__path", "org__name")}


def closes_of(org: Organization, year: int) -> QuerySet[YearClose]:
    """Every close of the unit's year, newest first, with who closed and reopened it."""
    return (
        YearClose.objects.filter(org=org, year=year)
        .select_related("closed_by", "reopened_by")
        .defer("snapshot")
        .order_by("-version")
    )


def grassroots_figures(org: Organization, period: Period, units: QuerySet[Organization]) -> dict[int, dict]:
    """For each unit of `units` (grassroots organizations under `org` at the period's end, as
    `orgs.grassroots` lists them): {"members.total", "members.admitted", "target"} — the same
    values `evaluate(unit, period, keys=("members.total", "members.admitted"))` gives, the target
    being that of members.admitted. Instead of two catalogue evaluations per unit, the catalogue's
    records for `org` are split by the unit each record stood in, as the tree stood on the record's
    own date: about ten queries whatever the number of units, plus one per unit that stood outside
    `org` at some time in the period (its admissions from then are not among `org`'s records, so
    they are read with the unit's own)."""
    start, end = period.start, period.end
    unit_ids = units.values("pk")
    unit_paths: dict[int, set[str]] = defaultdict(set)
    for unit_id, path in OrgPeriod.objects.filter(overlapping(start, end), org_id__in=unit_ids).values_list(
        "org_id", "path"
    ):
        unit_paths[unit_id].add(path)
    out = {pk: {"members.total": 0, "members.admitted": 0, "target": None} for pk in unit_paths}

    # members.total: the members at the period's end, counted per unit, then summed up each unit's
    # subtree as the tree stood that day (both under `org` at the end, by definition of the units).
    per_org = dict(
        records_behind("members.total", org, period).order_by().values("org_id").annotate(n=Count("id")).values_list(
            "org_id", "n"
        )
    )  # fmt: skip
    end_paths = list(subtree_periods_on(org, end).values_list("org_id", "path"))
    units_end_path = {oid: path for oid, path in end_paths if oid in out}
    for oid, path in end_paths:
        count = per_org.get(oid)
        if count:
            for uid in _units_in(path, units_end_path):
                out[uid]["members.total"] += count

    # members.admitted: the admissions under `org` (and under the units that stood outside it for a
    # while), each counted for every unit it stood under on its own date.
    root_paths = set(OrgPeriod.objects.filter(overlapping(start, end), org=org).values_list("path", flat=True))
    outside = [uid for uid, paths in unit_paths.items() if not all(p.startswith(tuple(root_paths)) for p in paths)]
    events = records_behind("members.admitted", org, period)
    for uid in outside:
        events = events | records_behind("members.admitted", Organization(pk=uid), period)
    event_org_paths: dict[int, list] = defaultdict(list)
    for oid, path, valid_from, valid_to in OrgPeriod.objects.filter(
        overlapping(start, end), org_id__in=events.values("org_id")
    ).values_list("org_id", "path", "valid_from", "valid_to"):
        event_org_paths[oid].append((path, valid_from, valid_to))
    for oid, day in events.values_list("org_id", "date"):
        found = set()
        for path, valid_from, valid_to in event_org_paths[oid]:
            if valid_from <= day and (valid_to is None or day < valid_to):
                found.update(_units_in(path, unit_paths))
        for uid in found:
            out[uid]["members.admitted"] += 1

    for uid, value in Target.objects.filter(
        year=start.year, indicator_key="members.admitted", org_id__in=unit_ids
    ).values_list("org_id", "value"):
        out[uid]["target"] = plain_number(value)
    return out


def _units_in(path: str, unit_paths: dict) -> list[int]:
    """The units of `unit_paths` ({id: path or paths}) whose subtree `path` lies in: those among
    the path's ids whose own path (one of them) it starts with."""
    found = []
    for part in path.strip("/").split("/"):
        uid = int(part)
        if uid in unit_paths:
            own = unit_paths[uid]
            if path.startswith(own if isinstance(own, str) else tuple(own)):
                found.append(uid)
    return found


# --- a year's figures, from its close when it is closed ---------------------------------------

# What a close keeps of each figure (besides the ids of its records); the dashboard's snapshot too.
FIGURE_FIELDS = ("label", "unit", "value", "target", "percent", "subordinate_target_sum", "records")


@dataclass(frozen=True)
class YearFigures:
    """A unit's figures for a year and the close (chốt số liệu) they come from, None if live."""

    figures: list[Figure]
    closed: YearClose | None

    def by_key(self) -> dict[str, Figure]:
        return {f.key: f for f in self.figures}


def year_figures(org: Organization, year: int, keys=None, *, as_stood: bool = False) -> YearFigures:
    """The unit's figures for `year` as its readers should show them: from the snapshot of the
    close in force when the year is closed (as the issued report has them), else live.

    Reopening the year takes the close out of force, so from then on the figures are live again;
    closing again makes a new snapshot. Nothing is cached between calls. A figure the snapshot
    lacks (an indicator defined after the close) is computed live. One query for the close (only
    the wanted figures are read from its snapshot, not the ids of their records), plus
    `evaluate`'s for the figures the snapshot lacks."""
    wanted = indicators(keys)
    paths = {
        f"f{i}_{name}": KeyTransform(name, KeyTransform(ind.key, KeyTransform("indicators", "snapshot")))
        for i, ind in enumerate(wanted)
        for name in FIGURE_FIELDS
    }
    closed = (
        YearClose.objects.filter(org=org, year=year, reopened_at__isnull=True)
        .defer("snapshot")
        .annotate(**paths)
        .first()
    )
    if closed is None:
        return YearFigures(evaluate(org, year, keys, as_stood=as_stood), None)
    found, missing = {}, []
    for i, ind in enumerate(wanted):
        fields = {name: getattr(closed, f"f{i}_{name}") for name in FIGURE_FIELDS}
        if fields["label"] is None:
            missing.append(ind.key)
        else:
            found[ind.key] = Figure(key=ind.key, **fields)
    if missing:
        found.update((f.key, f) for f in evaluate(org, year, missing, as_stood=as_stood))
    return YearFigures([found[ind.key] for ind in wanted], closed)


def changes_since_close(org: Organization, year: int) -> list[dict]:
    """While a closed year is reopened: each figure whose live value differs from the last
    close's snapshot, with how many of its records were added and removed since (by id), so the board sees what
    the reopening changed before closing again. Empty when the year was never closed or is closed."""
    last = YearClose.objects.filter(org=org, year=year).order_by("-version").first()
    if last is None or last.reopened_at is None:
        return []
    before = last.snapshot.get("indicators", {})
    out = []
    for f in evaluate(org, year):
        old = before.get(f.key)
        if old is None or old.get("value") == f.value:
            continue
        change = {"key": f.key, "label": f.label, "unit": f.unit, "before": old.get("value"), "now": f.value}
        qs = records_behind(f.key, org, year)
        if qs is not None and old.get("record_ids") is not None:  # one query per changed figure
            now, then = set(qs.values_list("pk", flat=True)), set(old["record_ids"])
            change.update(added=len(now - then), removed=len(then - now))
        out.append(change)
    return out
