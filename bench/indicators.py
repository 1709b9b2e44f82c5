"""The year's indicators (dangvu.indicators.selectors.evaluate) against ONE hand-written SQL query
computing the main figures on the same database. Run by bench/__main__.py with DATABASE_URL set;
`python -m bench.indicators --size district --year 2025 [--repeat 5]`.

The whole tree is evaluated: one root for a district or a city; for the country, each province
(the tree has no level above it) and the figures summed. The hand-written query knows what the
generic code cannot: the synthetic tree never moves, so a unit's place on the last day of the
year is its place all year — the ratio is the price of that generality plus the ORM."""

import argparse
import datetime as dt
import os
import statistics

from .common import backend_cpu, ms, note, report, setup_django, timed

MAIN = (
    "orgs.grassroots", "members.total", "members.probationary", "members.full", "members.admitted",
    "members.increase", "members.decrease",
)  # fmt: skip
ENTRY_KINDS = ("admitted", "registered", "transferred_in", "readmitted", "restored")
EXIT_KINDS = ("died", "transferred_out", "removed", "expelled", "probation_failed")
AIMS = {"district": 0.5, "city": 10.0, "country": 10.0}  # all figures, seconds
RATIO_AIMS = {"country": 1.0}  # the main seven against the hand-written SQL; 1,5x elsewhere (issue 21)

HAND_SQL = """
WITH roots AS (
    SELECT path FROM organizations_orgperiod
    WHERE org_id IN ({roots}) AND valid_from <= %(end)s AND (valid_to IS NULL OR valid_to > %(end)s)
), units AS (
    SELECT op.org_id FROM organizations_orgperiod op JOIN roots r ON op.path LIKE r.path || '%%'
    WHERE op.valid_from <= %(end)s AND (op.valid_to IS NULL OR op.valid_to > %(end)s)
), periods AS (
    SELECT mp.standing, mp.valid_from, mp.valid_to, mp.start_kind, mp.end_kind
    FROM members_memberperiod mp JOIN units u ON u.org_id = mp.org_id
    WHERE mp.valid_from <= %(end)s AND (mp.valid_to IS NULL OR mp.valid_to >= %(start)s)
)
SELECT
    (SELECT COUNT(*) FROM organizations_organization o JOIN units u ON u.org_id = o.id
      WHERE o.level IN ('grassroots_committee', 'grassroots_cell')),
    SUM(CASE WHEN valid_to IS NULL OR valid_to > %(end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN (valid_to IS NULL OR valid_to > %(end)s) AND standing = 'probationary' THEN 1 ELSE 0 END),
    SUM(CASE WHEN (valid_to IS NULL OR valid_to > %(end)s) AND standing = 'full' THEN 1 ELSE 0 END),
    (SELECT COUNT(*) FROM members_memberevent e JOIN units u ON u.org_id = e.org_id
      WHERE e.kind = 'admitted' AND e.date BETWEEN %(start)s AND %(end)s),
    SUM(CASE WHEN valid_from >= %(start)s AND start_kind IN ({entries}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN valid_to BETWEEN %(start)s AND %(end)s AND end_kind IN ({exits}) THEN 1 ELSE 0 END)
FROM periods
"""


def hand_written(root_ids: list[int], year: int) -> dict:
    from django.db import connection

    sql = HAND_SQL.format(
        roots=", ".join(str(int(i)) for i in root_ids),
        entries=", ".join(f"'{k}'" for k in ENTRY_KINDS),
        exits=", ".join(f"'{k}'" for k in EXIT_KINDS),
    )
    with connection.cursor() as c:
        c.execute(sql, {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)})
        row = c.fetchone()
    return dict(zip(MAIN, (int(v or 0) for v in row), strict=True))


def cpu_now() -> float:
    """CPU seconds so far of this process and of its PostgreSQL backend (read from /proc: the
    database runs on this host), so other work on the shared machine does not count."""
    import time

    return time.process_time() + backend_cpu()


def with_cpu(fn, spent: list):
    """`fn`, recording the CPU each call takes (this process and its database backend) in `spent`."""

    def _run():
        before = cpu_now()
        result = fn()
        spent.append(cpu_now() - before)
        return result

    return _run


def run(size: str, year: int, repeat: int):
    from dangvu.indicators.selectors import evaluate, indicators
    from dangvu.organizations.models import Organization

    roots = list(Organization.objects.filter(parent=None).order_by("pk"))
    if not roots:
        note(f"{size}: no data — skipped")
        return
    every = [i.key for i in indicators()]

    def app(keys):
        def _run():
            sums: dict[str, float] = {}
            for root in roots:
                for f in evaluate(root, year, keys=keys):
                    sums[f.key] = sums.get(f.key, 0) + (f.value or 0)
            return sums

        return _run

    cpu = {"sql": [], "main": [], "all": []}
    sql_t, _, sql_values = timed(with_cpu(lambda: hand_written([r.pk for r in roots], year), cpu["sql"]), repeat=repeat)
    main_t, _, main_values = timed(with_cpu(app(MAIN), cpu["main"]), repeat=repeat)
    all_t, _, _ = timed(with_cpu(app(None), cpu["all"]), repeat=max(1, repeat // 2 + 1))
    sql_cpu, main_cpu, all_cpu = (statistics.median(cpu[k]) for k in ("sql", "main", "all"))
    note(
        f"CPU (this process + its PostgreSQL backend, median): SQL {ms(sql_cpu)}, main {ms(main_cpu)} "
        f"({main_cpu / sql_cpu:.2f}×), all {ms(all_cpu)}; load {os.getloadavg()[0]:.1f}"
    )
    differ = {k: (main_values.get(k), sql_values[k]) for k in MAIN if main_values.get(k) != sql_values[k]}
    values = ", ".join(f"{k.split('.', 1)[1]}={int(main_values[k]):,}" for k in MAIN)
    note(f"{size} {year}: {values}; {len(roots)} root(s)")
    if differ:
        note(f"VALUES DIFFER from the hand-written SQL: {differ}")
    else:
        note("the hand-written SQL gives the same 7 values")
    ratio = main_t / sql_t if sql_t else None
    ratio_aim = RATIO_AIMS.get(size, 1.5)
    report(
        f"indicators.main[{size}]", f"evaluate(7 main figures) {ms(main_t)}", f"hand-written SQL {ms(sql_t)}",
        ratio, f"≤ {ratio_aim}×", ratio is not None and ratio <= ratio_aim and not differ,
        seconds=main_t, baseline_seconds=sql_t, values=main_values, same_values=not differ,
        cpu=main_cpu, baseline_cpu=sql_cpu, load=os.getloadavg()[0],
    )  # fmt: skip
    aim = AIMS.get(size, 30.0)
    report(
        f"indicators.all[{size}]", f"evaluate({len(every)} figures) {ms(all_t)}", f"hand-written SQL {ms(sql_t)}",
        all_t / sql_t if sql_t else None, f"< {ms(aim)}", all_t < aim, seconds=all_t, baseline_seconds=sql_t,
        cpu=all_cpu, baseline_cpu=sql_cpu,
    )  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    run(args.size, args.year, args.repeat)


if __name__ == "__main__":
    main()
