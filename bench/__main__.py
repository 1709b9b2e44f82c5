"""`make bench` (= `python -m bench`): build the benchmark databases when missing, then run every
benchmark, each in its own process with its DATABASE_URL, and print a summary.

Sizes (SIZE=district,city by default; `make bench SIZE=country` for the whole country):
- district: SQLite, var/bench/district.sqlite3 — indicators, year-end report, import (the member
  import also on a PostgreSQL copy of a tiny registry, dangvu_bench_import, when a server answers);
- city:     PostgreSQL database dangvu_bench_city — indicators, web under 16 clients;
- country:  PostgreSQL database dangvu_bench_country — indicators, web under 16 clients.
A database is built once (`dangvu synthetic --size …`, about 2 minutes for the city, 25 for the
country) and reused — migrated first on every run, since migrations land after the build; delete
var/bench/district.sqlite3 or drop the PostgreSQL database to rebuild.
BENCH=indicators,web,reports,imports,handbook picks benchmarks (handbook: the member's pages);
BENCH_IMPORT_ROWS sets how many of the 100.000 workbook rows go through the import (all by default)."""

import json
import os
import shutil
import subprocess
import sys
import time

from .common import PG_BASE, RESULT_PREFIX, ROOT, VAR

PY = str(ROOT / ".venv" / "bin" / "python")
DANGVU = str(ROOT / ".venv" / "bin" / "dangvu")
PLAN = {
    "district": ("sqlite", ["indicators", "reports", "imports"]),
    "city": ("postgresql", ["indicators", "web", "handbook"]),
    "country": ("postgresql", ["indicators", "web", "handbook"]),
}


def url_for(size: str) -> str:
    if PLAN[size][0] == "sqlite":
        return f"sqlite:///{VAR / f'{size}.sqlite3'}"
    return f"{PG_BASE}/dangvu_bench_{size}"


def sh(args, env_url: str, **kw) -> int:
    return subprocess.call(args, env={**os.environ, "DATABASE_URL": env_url}, cwd=ROOT, **kw)


def pg_ready(size: str) -> bool:
    """Create the database if it does not exist (the role may CREATEDB); False if no server."""
    import psycopg

    name = f"dangvu_bench_{size}"
    try:
        with psycopg.connect(f"{PG_BASE}/dangvu", autocommit=True, connect_timeout=5) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as e:
        print(f"  NOTE  {size}: PostgreSQL not reachable at {PG_BASE} ({e.__class__.__name__}) — skipped")
        return False
    return True


def built(size: str) -> bool:
    marker = VAR / f"{size}.built"
    return marker.exists() and marker.read_text().strip() == url_for(size)


def ensure(size: str) -> bool:
    VAR.mkdir(parents=True, exist_ok=True)
    url = url_for(size)
    if PLAN[size][0] == "postgresql" and not pg_ready(size):
        return False
    if built(size):
        # Migrations that landed since the build (new indexes, new columns) before measuring; a
        # new index on the country takes a minute or two, once.
        if sh([DANGVU, "migrate", "--no-input", "-v0"], url):
            print(f"  NOTE  {size}: migrating the existing data set failed — skipped")
            return False
        # A migration may drop the per-unit tallies for a whole recount (the figures would count live).
        if sh([DANGVU, "tallies", "--if-missing"], url):
            print(f"  NOTE  {size}: counting the per-unit tallies failed — skipped")
            return False
        return True
    print(f"== building the {size} data set ({url.rsplit('@', 1)[-1]}) — once", flush=True)
    if PLAN[size][0] == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (VAR / f"{size}.sqlite3{suffix}").unlink(missing_ok=True)
    if sh([DANGVU, "migrate", "--no-input", "-v0"], url) or sh([DANGVU, "synthetic", "--size", size], url):
        print(f"  NOTE  {size}: building failed (an earlier half-built database? drop it and retry) — skipped")
        return False
    (VAR / f"{size}.built").write_text(url)
    return True


def import_db() -> str:
    """A fresh copy of a tiny registry for the import benchmark (the import adds 100.000 members)."""
    base = VAR / "import-base.sqlite3"
    url = f"sqlite:///{base}"
    if not (VAR / "import-base.built").exists():
        base.unlink(missing_ok=True)
        if sh([DANGVU, "migrate", "--no-input", "-v0"], url) or sh([DANGVU, "synthetic", "--size", "tiny",
                                                                    "--no-samples"], url):  # fmt: skip
            raise SystemExit("could not build the import database")
        (VAR / "import-base.built").write_text(url)
    elif sh([DANGVU, "migrate", "--no-input", "-v0"], url):  # migrations that landed since it was built
        raise SystemExit("could not migrate the import database")
    copy = VAR / "import.sqlite3"
    for suffix in ("-wal", "-shm"):
        (VAR / f"import.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copyfile(base, copy)
    return f"sqlite:///{copy}"


def import_db_postgres() -> str | None:
    """A fresh PostgreSQL copy of the same tiny registry (the member import on the deployment's
    database), made from a template built once; None without a server."""
    import psycopg

    base, scratch = "dangvu_bench_import_base", "dangvu_bench_import"
    url, marker = f"{PG_BASE}/{base}", VAR / "import-pg.built"
    try:
        with psycopg.connect(f"{PG_BASE}/dangvu", autocommit=True, connect_timeout=5) as conn:
            if not (marker.exists() and marker.read_text().strip() == url):
                marker.unlink(missing_ok=True)
                conn.execute(f'DROP DATABASE IF EXISTS "{base}"')
                conn.execute(f'CREATE DATABASE "{base}"')
                if sh([DANGVU, "migrate", "--no-input", "-v0"], url) or sh(
                    [DANGVU, "synthetic", "--size", "tiny", "--no-samples"], url
                ):
                    print("  NOTE  import on PostgreSQL: building the registry failed — skipped")
                    return None
                marker.write_text(url)
            elif sh([DANGVU, "migrate", "--no-input", "-v0"], url):
                print("  NOTE  import on PostgreSQL: migrating the registry failed — skipped")
                return None
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            conn.execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{base}"')
    except psycopg.Error as e:
        print(f"  NOTE  import on PostgreSQL: not reachable at {PG_BASE} ({e.__class__.__name__}) — skipped")
        return None
    return f"{PG_BASE}/{scratch}"


def run_bench(module: str, size: str, url: str, extra=()) -> list[dict]:
    print(f"== {module} [{size}]", flush=True)
    proc = subprocess.Popen(
        [PY, "-m", f"bench.{module}", *extra], env={**os.environ, "DATABASE_URL": url}, cwd=ROOT,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    rows = []
    for line in proc.stdout:
        if line.startswith(RESULT_PREFIX):
            rows.append(json.loads(line[len(RESULT_PREFIX) :]))
        else:
            print(line, end="", flush=True)
    if proc.wait():
        print(f"  NOTE  bench.{module} [{size}] exited with {proc.returncode}")
    return rows


def main():
    sizes = [s for s in os.environ.get("SIZE", "district,city").split(",") if s]
    wanted = set(filter(None, os.environ.get("BENCH", "indicators,web,reports,imports,handbook").split(",")))
    unknown = [s for s in sizes if s not in PLAN]
    if unknown:
        raise SystemExit(f"unknown SIZE {unknown}; choose among {sorted(PLAN)}")
    started = time.time()
    print(f"bench: sizes {', '.join(sizes)}; {os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    results = []
    for size in sizes:
        if not ensure(size):
            continue
        for module in PLAN[size][1]:
            if module not in wanted:
                continue
            if module == "imports":
                extra = (
                    ["--commit-rows", os.environ["BENCH_IMPORT_ROWS"]] if os.environ.get("BENCH_IMPORT_ROWS") else []
                )
                results += run_bench(module, "workbook", import_db(), extra)
                pg = import_db_postgres()
                if pg:
                    results += run_bench(module, "workbook, PostgreSQL", pg, [*extra, "--only", "members"])
            else:
                results += run_bench(module, size, url_for(size), ["--size", size])
    print(f"\n== summary ({time.time() - started:.0f} s)")
    for r in results:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        print(f"  {r['verdict']:4}  {r['name']}: {r['figure']} | {r['baseline']} | {ratio} | aim {r['aim']}")
    (VAR / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
