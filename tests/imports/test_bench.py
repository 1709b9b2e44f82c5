"""Rows per second of a synthetic member workbook (dry run, then commit) on the test database.
Skipped unless DANGVU_BENCH_ROWS is set, e.g. DANGVU_BENCH_ROWS=10000; prints the numbers."""

import os
import time

import pytest

from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine, synthetic
from dangvu.imports.importers import IMPORTERS
from dangvu.members.models import Member

ROWS = int(os.environ.get("DANGVU_BENCH_ROWS", "0"))


@pytest.mark.skipif(not ROWS, reason="set DANGVU_BENCH_ROWS to measure")
def test_member_import_throughput(ctx, tree, capsys):
    data = synthetic.workbook(synthetic.member_rows(ROWS, cells=["A1", "A2", "B1", "C"]))
    importer = IMPORTERS["members"]
    t0 = time.perf_counter()
    rows = read_rows(data, "bench.xlsx")
    t1 = time.perf_counter()
    mapping = engine.propose_mapping(rows[0], importer)
    dry = engine.run(importer, rows, mapping, ctx(tree.hm), header_index=0)
    t2 = time.perf_counter()
    done = engine.run(importer, rows, mapping, ctx(tree.hm), header_index=0, store=True)
    t3 = time.perf_counter()
    assert not dry.bad and done.stored == ROWS == Member.objects.count()
    with capsys.disabled():
        print(f"\n{ROWS} rows, {len(data) / 1024:.0f} KB: read {t1 - t0:.2f}s ({ROWS / (t1 - t0):.0f} rows/s)")
        print(f"dry run {t2 - t1:.1f}s ({ROWS / (t2 - t1):.0f} rows/s)")
        print(f"commit {t3 - t2:.1f}s ({ROWS / (t3 - t2):.0f} rows/s)")


@pytest.mark.skipif(not ROWS, reason="set DANGVU_BENCH_ROWS to measure")
def test_admission_import_throughput_beside_the_member_import(ctx, tree, capsys):
    """Both kinds commit through the bulk path (members.bulk): admissions at ≥ 0,8 × members' rate."""
    cells = ["A1", "A2", "B1", "C"]
    rates = {}
    for kind, rows in (("members", synthetic.member_rows(ROWS, cells=cells)),
                       ("admissions", synthetic.admission_rows(ROWS, cells=cells))):  # fmt: skip
        importer = IMPORTERS[kind]
        table = read_rows(synthetic.workbook(rows), "bench.xlsx")
        mapping = engine.propose_mapping(table[0], importer)
        t = time.perf_counter()
        done = engine.run(importer, table, mapping, ctx(tree.hm), header_index=0, store=True)
        rates[kind] = ROWS / (time.perf_counter() - t)
        assert done.stored == ROWS, done.messages()[:3]
    with capsys.disabled():
        print(f"\nmembers {rates['members']:.0f} rows/s, admissions {rates['admissions']:.0f} rows/s")
    assert rates["admissions"] >= 0.8 * rates["members"]


@pytest.mark.skipif(not ROWS, reason="set DANGVU_BENCH_ROWS to measure")
def test_the_bench_rows_of_issue_16_run(tree, actor):
    """bench.imports' tree, admission and review rows, on the test tree (DANGVU_BENCH_ROWS units and rows)."""
    from bench import imports as bench_imports

    bench_imports.run_tree(ROWS // 10 * 10)
    bench_imports.run_admissions(ROWS)
    bench_imports.run_reviews(ROWS)
    assert not Member.objects.exists()  # each run rolled back
