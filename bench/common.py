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


# The reference loop's CPU time with this machine's cores at full speed: its tenth percentile over
# 30 s, 1,777 and 1,780 ms in two runs on 06/12/2026 (fastest 1,754). The medians of the same runs
# were 1,82 and 2,21 ms, the slowest 3,7: the shared machine's cores slow to about half for seconds
# at a time, whatever else runs, and how often differs from one minute to the next. See `reference_cpu`.
REFERENCE_S = 0.00178
TICK = os.sysconf("SC_CLK_TCK")


def reference_cpu(n: int = 2000) -> float:
    """The CPU seconds of a fixed piece of Python (what a page's code does most: small dicts, string
    formatting and joins, a sort) — taken between the requests a figure times, it tells how fast
    the machine ran then: REFERENCE_S / its mean is the speed against full speed (1 = full, 0,5 =
    half). CPU per request measured on this shared machine moved by up to 1,5× within an hour with
    the same code; scaled by that speed it is comparable from run to run."""
    t = time.process_time()
    rows = []
    for i in range(n):
        d = {"id": i, "name": f"Nguyễn Văn {i}", "org": i % 37}
        parts = [str(d["id"]), d["name"].lower(), "{}/{}".format(d["org"], i)]
        rows.append("|".join(parts).replace("ă", "a"))
        if len(rows) > 100:
            rows.sort()
            rows.clear()
    return time.process_time() - t


def proc_cpu(pid: int, *, reaped: bool = False) -> float:
    """User + system CPU seconds of a process so far, or with `reaped` of the children it has
    reaped (0 if it is gone)."""
    first = 13 if reaped else 11  # /proc/<pid>/stat after the name: utime, stime, cutime, cstime
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[first]) + int(fields[first + 1])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def backend_cpu() -> float:
    """CPU seconds so far of the default connection's PostgreSQL backend, read from /proc (the
    database runs on this host), so other work on the shared machine does not count; 0 on SQLite,
    whose work is this process's own."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        return proc_cpu(c.fetchone()[0])


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
