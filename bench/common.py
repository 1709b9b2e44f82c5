"""What every benchmark shares: Django set-up, medians of repeated timings, and one printed line
per figure — name, figure(s), baseline, ratio, aim, PASS/MISS — plus a machine-readable copy."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PG_BASE = os.environ.get("BENCH_PG", "postgres://dangvu:dangvu@127.0.0.1:5432")
RESULT_PREFIX = "RESULT "


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    import django

    django.setup()


def timed(fn, repeat: int = 5, warmup: int = 1):
    """(median seconds, all timings, last result) of `fn()` called `repeat` times after `warmup` calls.
    The machine is shared: the median is the figure, never the best or the mean."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


def report(name: str, figure: str, baseline: str, ratio: float | None, aim: str, ok: bool | None, **data):
    """Print one benchmark line and its JSON twin (collected by bench/__main__.py)."""
    verdict = "—" if ok is None else ("PASS" if ok else "MISS")
    ratio_text = "—" if ratio is None else f"{ratio:.2f}×"
    print(f"  {verdict:4}  {name}: {figure} | baseline {baseline} | ratio {ratio_text} | aim {aim}", flush=True)
    row = dict(name=name, figure=figure, baseline=baseline, ratio=ratio, aim=aim, verdict=verdict, **data)
    print(RESULT_PREFIX + json.dumps(row, ensure_ascii=False, default=str), flush=True)


def note(text: str):
    print(f"  NOTE  {text}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def die(text: str):
    print(text, file=sys.stderr)
    raise SystemExit(2)
