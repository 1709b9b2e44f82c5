"""Importing a member workbook with full validation (imports.engine.run, store=True: every row
parsed, checked and handed to members.services), against reading the same file bare with the
same reader (imports.reading.read_rows, python-calamine). Rows per second, the ratio of the two
rates, and the peak memory (ru_maxrss) of the process.

Runs on a scratch SQLite copy of a tiny synthetic registry (var/bench/import-base.sqlite3), so
the figures do not depend on the size benchmarked. `--rows` is the workbook (100.000 by default);
`--commit-rows` how many of them go through the import (all by default)."""

import argparse
import resource
import time

from .common import VAR, note, report, setup_django


def run(rows: int, commit_rows: int | None):
    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import Scope
    from dangvu.accounts.services import user_create
    from dangvu.imports import engine, synthetic
    from dangvu.imports.importers import IMPORTERS, ImportContext
    from dangvu.imports.reading import read_rows
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
    t = time.perf_counter()
    table = read_rows(data, "bench.xlsx")
    bare = time.perf_counter() - t
    bare_rate = rows / bare
    n = min(commit_rows or rows, rows)
    table = table[: n + 1]
    actor = user_create(actor=None, username="bench-import", password="x" * 12, role=Role.ADMIN, org=root,
                        check_password=False)  # fmt: skip
    ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=root)
    importer = IMPORTERS["members"]
    before = Member.objects.count()
    t = time.perf_counter()
    table = read_rows(data, "bench.xlsx")[: n + 1]
    mapping = engine.propose_mapping(table[0], importer)
    result = engine.run(importer, table, mapping, ctx, header_index=0, store=True)
    full = time.perf_counter() - t
    stored = Member.objects.count() - before
    if result.bad or stored != n:
        note(f"import stored {stored} of {n}; first errors: {result.messages()[:3]}")
    rate = n / full
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = rate / bare_rate
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
    args = parser.parse_args()
    setup_django()
    run(args.rows, args.commit_rows)


if __name__ == "__main__":
    main()
