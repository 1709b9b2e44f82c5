"""Importing a member workbook with full validation (imports.engine.run, store=True: every row
parsed, checked and handed to members.bulk.members_register_bulk — member_register's checks,
records and audit entries, written in batches), against reading the same file bare with the same
reader (imports.reading.read_rows, python-calamine). Rows per second, the ratio of the two rates,
and the peak memory (ru_maxrss) of the process.

Runs on a scratch SQLite copy of a tiny synthetic registry (var/bench/import-base.sqlite3), so
the figures do not depend on the size benchmarked. `--rows` is the workbook (100.000 by default);
`--commit-rows` how many of them go through the import (all by default); `--repeat` how many times
both are timed (the median is the figure: the machine is shared) — every import but the last is
rolled back, so each starts from the same registry."""

import argparse
import resource
import statistics
import time

from .common import VAR, note, report, setup_django, timed


def run(rows: int, commit_rows: int | None, repeat: int = 1):
    from django.db import transaction

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
    bare = timed(lambda: read_rows(data, "bench.xlsx"), repeat=repeat, warmup=0)[0]
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

    times = []
    for i in range(repeat):
        with transaction.atomic():
            t = time.perf_counter()
            result = once()
            times.append(time.perf_counter() - t)
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
    report(
        "import.members", f"{rate:,.0f} rows/s ({n:,} rows in {full:.1f} s), peak {peak_mb:,.0f} MB",
        f"bare read {bare_rate:,.0f} rows/s ({rows:,} rows in {bare:.1f} s)", ratio, "≥ 0.40× the bare rate, < 1 GB",
        ratio >= 0.4 and peak_mb < 1024 and stored == n, rows_per_second=rate, bare_rows_per_second=bare_rate,
        peak_mb=peak_mb, rows=n,
    )  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--commit-rows", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    run(args.rows, args.commit_rows, args.repeat)


if __name__ == "__main__":
    main()
