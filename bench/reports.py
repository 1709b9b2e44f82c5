"""The district's year-end report as DOCX and PDF (reports.context + reports.render, what
`dangvu report` does), from the live records. Baseline: building the report's context alone
(the figures), so the ratio shows what rendering adds. Each figure also gives the process's CPU
time (SQLite runs in the process, so it is the whole work): on the shared machine the wall time
of a run waits for the CPU, the CPU time much less. A note says how much of the context is the
catalogue's `evaluate` of the unit, for reading this next to the indicators benchmark."""

import argparse
import datetime as dt
import statistics
import time

from .common import ms, note, report, setup_django

AIMS = {"docx": 2.0, "pdf": 5.0}


def run(size: str, year: int, repeat: int):
    from dangvu.indicators.selectors import evaluate
    from dangvu.organizations.models import Organization
    from dangvu.reports.context import report_context
    from dangvu.reports.render import render

    root = Organization.objects.filter(parent=None).order_by("pk").first()
    if root is None:
        note(f"{size}: no data — skipped")
        return
    ctx_t, ctx_cpu, _ = timed(lambda: report_context(root, year), repeat)
    eval_t, eval_cpu, _ = timed(lambda: evaluate(root, year), repeat)
    note(f"{size}: context {ms(ctx_t)} (CPU {ms(ctx_cpu)}), of which evaluate({root.code}, {year}) "
         f"{ms(eval_t)} (CPU {ms(eval_cpu)})")  # fmt: skip
    for fmt, aim in AIMS.items():
        t, cpu, result = timed(lambda fmt=fmt: render(report_context(root, year), fmt), repeat)
        report(
            f"report.{fmt}[{size}]", f"{ms(t)} ({len(result.content) // 1024} KB; CPU {ms(cpu)})",
            f"context only {ms(ctx_t)}", t / ctx_t if ctx_t else None, f"< {aim:.0f} s", t < aim,
            seconds=t, cpu_seconds=cpu, baseline_seconds=ctx_t,
        )  # fmt: skip


def timed(fn, repeat: int):
    """(median wall seconds, median CPU seconds of this process, last result) of `fn()` called
    `repeat` times after one warm-up call."""
    result = fn()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    run(args.size, args.year, args.repeat)


if __name__ == "__main__":
    main()
