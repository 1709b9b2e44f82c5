"""The district's year-end report as DOCX and PDF (reports.context + reports.render, what
`dangvu report` does), from the live records. Baseline: building the report's context alone
(the figures), so the ratio shows what rendering adds."""

import argparse
import datetime as dt

from .common import ms, note, report, setup_django, timed

AIMS = {"docx": 2.0, "pdf": 5.0}


def run(size: str, year: int, repeat: int):
    from dangvu.organizations.models import Organization
    from dangvu.reports.context import report_context
    from dangvu.reports.render import render

    root = Organization.objects.filter(parent=None).order_by("pk").first()
    if root is None:
        note(f"{size}: no data — skipped")
        return
    ctx_t, _, _ = timed(lambda: report_context(root, year), repeat=repeat)
    for fmt, aim in AIMS.items():
        t, _, result = timed(lambda fmt=fmt: render(report_context(root, year), fmt), repeat=repeat)
        report(
            f"report.{fmt}[{size}]", f"{ms(t)} ({len(result.content) // 1024} KB)", f"context only {ms(ctx_t)}",
            t / ctx_t if ctx_t else None, f"< {aim:.0f} s", t < aim, seconds=t, baseline_seconds=ctx_t,
        )  # fmt: skip


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
