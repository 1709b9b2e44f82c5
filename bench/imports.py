"""Importing a member workbook with full validation (imports.engine.run, store=True: every row
parsed, checked and handed to members.bulk.members_register_bulk — member_register's checks,
records and audit entries, written in batches), against reading the same file bare with the same
reader (imports.reading.read_rows, python-calamine). Rows per second, the ratio of the two rates,
and the peak memory (ru_maxrss) of the process.

Runs on a scratch SQLite copy of a tiny synthetic registry (var/bench/import-base.sqlite3), so
the figures do not depend on the size benchmarked; `make bench` then runs the member import on a
PostgreSQL copy of the same registry too (import.members[postgresql]: the deployment's database,
where the server's work happens in its own process). `--rows` is the workbook (100.000 by default);
`--commit-rows` how many of them go through the import (all by default); `--repeat` how many times
both are timed (the median is the figure: the machine is shared) — every import but the last is
rolled back, so each starts from the same registry. Beside the ratio, the database's own part of
the import (SQLite's time in the writing statements, or the PostgreSQL backend's CPU) and the ratio
it leaves with every check free: the ceiling no work on the checks can pass. Then issue 16's runs,
each rolled back: a tree of 1.000 units, the admission import beside the member import, and a
20.000-row review workbook (review_members) beside the member import of the same members (`--only
members` leaves them out)."""

import argparse
import datetime as dt
import os
import resource
import statistics
import time

from .common import VAR, backend_cpu, note, report, setup_django, timed


def run(rows: int, commit_rows: int | None, repeat: int = 1):
    from django.db import connection, transaction

    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import Scope
    from dangvu.accounts.services import user_create
    from dangvu.core.excel.reading import read_rows
    from dangvu.imports import engine, synthetic
    from dangvu.imports.importers import IMPORTERS, ImportContext
    from dangvu.members.models import Member
    from dangvu.organizations.models import MEMBER_LEVELS, Organization

    root = Organization.objects.filter(parent=None).order_by("pk").first()
    cells = list(Organization.objects.filter(level__in=MEMBER_LEVELS).order_by("pk").values_list("code", flat=True))
    cached = VAR / f"members-{rows}.xlsx"
    if cached.exists():
        data = cached.read_bytes()
    else:
        t = time.perf_counter()
        data = synthetic.workbook(synthetic.member_rows(rows, cells=cells))
        note(f"workbook of {rows:,} rows: {len(data) // 1024:,} KB, written in {time.perf_counter() - t:.1f} s")
        cached.write_bytes(data)
    load = os.getloadavg()[0]
    cpu = time.process_time()
    bare = timed(lambda: read_rows(data, "bench.xlsx"), repeat=repeat, warmup=0)[0]
    bare_cpu = (time.process_time() - cpu) / repeat
    bare_rate = rows / bare
    n = min(commit_rows or rows, rows)
    actor = user_create(actor=None, username="bench-import", password="x" * 12, role=Role.ADMIN, org=root,
                        check_password=False)  # fmt: skip
    ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=root)
    importer = IMPORTERS["members"]
    before = Member.objects.count()

    def once():
        table = read_rows(data, "bench.xlsx")[: n + 1]
        mapping = engine.propose_mapping(table[0], importer)
        return engine.run(importer, table, mapping, ctx, header_index=0, store=True)

    times, cpus, db_work = [], [], []
    for i in range(repeat):
        with transaction.atomic(), connection.execute_wrapper(writes := WriteTimer()):
            t, cpu, server = time.perf_counter(), time.process_time(), backend_cpu()
            result = once()
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
            # What the database itself did: on SQLite the time inside its writing statements (in
            # this process), on PostgreSQL its backend's CPU (its writes and the import's lookups).
            db_work.append(backend_cpu() - server if connection.vendor == "postgresql" else writes.seconds)
            if i < repeat - 1:
                transaction.set_rollback(True)
    full = statistics.median(times)
    stored = Member.objects.count() - before
    if result.bad or stored != n:
        note(f"import stored {stored} of {n}; first errors: {result.messages()[:3]}")
    rate = n / full
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = rate / bare_rate
    if repeat > 1:
        note(f"import runs: {', '.join(f'{t:.1f} s' for t in times)}; median {full:.1f} s")
    # The machine is shared: the CPU of this process (SQLite works in it) is the steadier figure.
    full_cpu = statistics.median(cpus)
    note(f"CPU per row: import {full_cpu / n * 1e6:.0f} µs, bare read {bare_cpu / rows * 1e6:.0f} µs "
         f"(ratio {bare_cpu / rows / (full_cpu / n):.2f}×); load average {load:.1f} at the start, "
         f"{os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    # The read comes first (the workbook's safety scan must pass before any of it is parsed), and
    # the import cannot end before the database has done its part: so, with every check free and
    # the writes perfectly behind the checks, the import reaches at most bare / (bare + database).
    bare_row, db_row = bare / rows, statistics.median(db_work) / n
    ceiling = bare_row / (bare_row + db_row)
    vendor = connection.vendor
    note(f"the database's own work a row: {db_row * 1e6:.0f} µs ("
         + ("the time in SQLite's INSERT, UPDATE and DELETE" if vendor == "sqlite" else "the server's CPU")
         + f"), against the bare read's {bare_row * 1e6:.0f}: with the checks free the import would reach "
         f"at most {ceiling:.2f}× the bare read")  # fmt: skip
    report(
        "import.members" + ("" if vendor == "sqlite" else f"[{vendor}]"),
        f"{rate:,.0f} rows/s ({n:,} rows in {full:.1f} s), peak {peak_mb:,.0f} MB",
        f"bare read {bare_rate:,.0f} rows/s ({rows:,} rows in {bare:.1f} s)", ratio, "≥ 0.40× the bare rate, < 1 GB",
        ratio >= 0.4 and peak_mb < 1024 and stored == n, rows_per_second=rate, bare_rows_per_second=bare_rate,
        peak_mb=peak_mb, rows=n, cpu_us_per_row=full_cpu / n * 1e6, bare_cpu_us_per_row=bare_cpu / rows * 1e6,
        database_us_per_row=db_row * 1e6, ceiling=ceiling,
    )  # fmt: skip


class WriteTimer:
    """A connection.execute_wrapper adding up the seconds spent in writing statements."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip()[:7].upper().startswith(self.WRITES):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def _import(kind: str, table: list[list], store: bool = True):
    """engine.run of `table` ([header, *rows]) into the root, as its administrator, inside a
    transaction that is rolled back, so every benchmark starts from the same registry; (seconds,
    result)."""
    from django.db import transaction

    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import Scope
    from dangvu.accounts.services import user_create
    from dangvu.imports import engine
    from dangvu.imports.importers import IMPORTERS, ImportContext
    from dangvu.organizations.models import Organization

    importer = IMPORTERS[kind]
    with transaction.atomic():
        root = Organization.objects.filter(parent=None).order_by("pk").first()
        actor = user_create(actor=None, username=f"bench-{kind}", password="x" * 12, role=Role.ADMIN, org=root,
                            check_password=False)  # fmt: skip
        ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=root)
        mapping = engine.propose_mapping(table[0], importer)
        t = time.perf_counter()
        result = engine.run(importer, table, mapping, ctx, header_index=0, store=store)
        seconds = time.perf_counter() - t
        transaction.set_rollback(True)
    return seconds, result


def tree_table(units: int) -> list[list]:
    """[header, *rows] of a tree of `units` units under the root: grassroots committees of nine
    cells each, every cell listed before its committee (the import orders them)."""
    from dangvu.imports.importers import IMPORTERS

    columns = IMPORTERS["organizations"].columns
    rows, common = [], {"kind": "Xã, phường, thị trấn", "founded_on": "01/01/2010"}
    for g in range(units // 10):
        for c in range(9):
            rows.append({"code": f"BT{g}-{c}", "name": f"Chi bộ số {c + 1} đảng bộ thử {g}",
                         "level": "Chi bộ trực thuộc", "parent_code": f"BT{g}", **common})  # fmt: skip
        rows.append({"code": f"BT{g}", "name": f"Đảng bộ thử {g}", "level": "Đảng bộ cơ sở", **common})
    return [[c.header for c in columns], *([r.get(c.field, "") for c in columns] for r in rows)]


def run_tree(units: int = 1000):
    """A tree of `units` units imported in one step (issue 16: < 10 s on the district size)."""
    seconds, result = _import("organizations", tree_table(units))
    ok = result.stored == units and not result.bad
    if not ok:
        note(f"tree import stored {result.stored} of {units}; first errors: {result.messages()[:3]}")
    report("import.tree", f"{units:,} units in {seconds:.1f} s ({units / seconds:,.0f} units/s)", "—", None,
           "< 10 s", ok and seconds < 10, seconds=seconds, units=units)  # fmt: skip


def run_admissions(rows: int = 2000):
    """The admission import beside the member import, the same number of rows through each
    (issue 16: admissions at ≥ 0,8 × the member import's rate)."""
    from dangvu.imports import synthetic
    from dangvu.organizations.models import MEMBER_LEVELS, Organization

    active = Organization.objects.filter(
        level__in=MEMBER_LEVELS, founded_on__lt=dt.date(2016, 1, 1), dissolved_on__isnull=True
    )
    cells = list(active.order_by("pk").values_list("code", flat=True))
    rates = {}
    for kind, table in (("members", synthetic.member_rows(rows, cells=cells, id_base=7_000_000)),
                        ("admissions", synthetic.admission_rows(rows, cells=cells, id_base=8_000_000))):  # fmt: skip
        seconds, result = _import(kind, table)
        if result.stored != rows:
            note(f"{kind} import stored {result.stored} of {rows}; first errors: {result.messages()[:3]}")
        rates[kind] = rows / seconds
    ratio = rates["admissions"] / rates["members"]
    report("import.admissions", f"{rates['admissions']:,.0f} rows/s ({rows:,} rows)",
           f"member import {rates['members']:,.0f} rows/s", ratio, "≥ 0.80× the member import", ratio >= 0.8,
           rows_per_second=rates["admissions"], member_rows_per_second=rates["members"], rows=rows)  # fmt: skip


def review_rows(cards: list[str], year: int = 2016) -> list[list]:
    """[header, *rows] of the "review_members" importer: one decided class per member of `year`, a
    tenth excellent (under every organization's quota), most good, the rest completed."""
    from dangvu.imports.importers import IMPORTERS

    columns = IMPORTERS["review_members"].columns
    classes = ["excellent"] + ["good"] * 6 + ["completed"] * 3
    rows = ({"member": card, "year": year, "cls": classes[i % len(classes)]} for i, card in enumerate(cards))
    return [[c.header for c in columns], *([r.get(c.field, "") for c in columns] for r in rows)]


def run_reviews(rows: int = 20_000):
    """A review workbook of `rows` members' classes for the year, for the whole subtree at once
    (issue 16: a 20.000-row review workbook), against the member import of the same members: they
    are imported first, in the same transaction, which is rolled back. The review's time includes
    reading its file (the bare read is printed beside it)."""
    from django.db import transaction

    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import Scope
    from dangvu.accounts.services import user_create
    from dangvu.core.excel.reading import read_rows
    from dangvu.imports import engine, synthetic
    from dangvu.imports.importers import IMPORTERS, ImportContext
    from dangvu.organizations.models import MEMBER_LEVELS, Organization

    active = Organization.objects.filter(
        level__in=MEMBER_LEVELS, founded_on__lt=dt.date(2016, 1, 1), dissolved_on__isnull=True
    )
    cells = list(active.order_by("pk").values_list("code", flat=True))
    people = synthetic.member_rows(rows, cells=cells, id_base=9_000_000)
    card = people[0].index(next(c.header for c in IMPORTERS["members"].columns if c.field == "party_card_no"))
    data = synthetic.workbook(review_rows([p[card] for p in people[1:]]), title="Xếp loại")
    bare = timed(lambda: read_rows(data, "bench.xlsx"), repeat=3, warmup=0)[0]
    importer = IMPORTERS["review_members"]
    with transaction.atomic():
        root = Organization.objects.filter(parent=None).order_by("pk").first()
        actor = user_create(actor=None, username="bench-reviews", password="x" * 12, role=Role.ADMIN, org=root,
                            check_password=False)  # fmt: skip
        ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=root)
        members = IMPORTERS["members"]
        t = time.perf_counter()
        registered = engine.run(members, people, engine.propose_mapping(people[0], members), ctx, header_index=0,
                                store=True)  # fmt: skip
        member_seconds = time.perf_counter() - t
        t = time.perf_counter()
        table = read_rows(data, "bench.xlsx")
        result = engine.run(importer, table, engine.propose_mapping(table[0], importer), ctx, header_index=0,
                            store=True)  # fmt: skip
        seconds = time.perf_counter() - t
        transaction.set_rollback(True)
    ok = registered.stored == rows and result.stored == rows and not result.bad
    if not ok:
        note(f"review import stored {result.stored} of {rows} ({registered.stored} members registered); "
             f"first errors: {(registered.messages() + result.messages())[:3]}")  # fmt: skip
    rate, bare_rate, member_rate = rows / seconds, rows / bare, rows / member_seconds
    ratio = rate / member_rate
    report("import.reviews", f"{rate:,.0f} rows/s ({rows:,} rows in {seconds:.1f} s)",
           f"member import {member_rate:,.0f} rows/s, bare read {bare_rate:,.0f} rows/s", ratio,
           "≥ 1× the member import (a result is one row, a member several)", ok and ratio >= 1,
           rows_per_second=rate, member_rows_per_second=member_rate, bare_rows_per_second=bare_rate,
           rows=rows)  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--commit-rows", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("members",), help="only the member import against the bare read")
    args = parser.parse_args()
    setup_django()
    run(args.rows, args.commit_rows, args.repeat)
    if args.only is None:
        run_tree()
        run_admissions()
        run_reviews()


if __name__ == "__main__":
    main()
