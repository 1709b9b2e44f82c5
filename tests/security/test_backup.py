"""`dangvu backup` / `dangvu restore` round trips on SQLite and PostgreSQL, and an import killed
half-way leaves the database as it was. Each runs the real commands in subprocesses against a
database of its own (a temporary DANGVU_DATA_DIR, or a scratch PostgreSQL database)."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

DANGVU = str(Path(sys.executable).parent / "dangvu")
PG_URL = os.environ.get("DANGVU_TEST_PG", "postgres://dangvu:dangvu@127.0.0.1:5432/")

BUILD = """
import datetime as dt
from dangvu.accounts.services import user_create
from dangvu.members.services import member_register
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found
D = dt.date
hm = org_found(actor=None, code="HM", name="Đảng bộ quận Hoàng Mai", kind=Kind.OTHER, level=Level.DISTRICT,
               parent=None, founded_on=D(2004, 1, 1))
a1 = org_found(actor=None, code="A1", name="Chi bộ tổ dân phố số 1", kind=Kind.WARD, level=Level.GRASSROOTS_CELL,
               parent=hm, founded_on=D(2004, 1, 1))
for i, name in enumerate(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]):
    member_register(actor=None, org=a1, joined_on=D(2004, 1, 1), admitted_on=D(1990, 2, 3),
                    recognized_on=D(1991, 2, 3), full_name=name, birth_date=D(1970, 1, 1), sex="M",
                    citizen_id=f"00107000000{i}")
"""
STATE = """
from dangvu.members.models import Member
print("STATE", sorted(Member.objects.values_list("full_name", flat=True)))
"""
CHANGE = """
from dangvu.members.models import Member
from dangvu.members.services import member_update
m = Member.objects.get(full_name="Nguyễn Văn An")
member_update(actor=None, member=m, full_name="Nguyễn Văn Đổi")
Member.objects.get(full_name="Lê Văn Cường").delete()
"""


def dangvu(env, *args, timeout=180):
    done = subprocess.run([DANGVU, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def state(env):
    out = dangvu(env, "shell", "-c", STATE)
    return next(line for line in out.splitlines() if line.startswith("STATE"))


def _env(tmp_path, database_url=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["DANGVU_DATA_DIR"] = str(tmp_path / "data")
    env["DANGVU_CACHE_DIR"] = str(tmp_path / "cache")  # shared by the commands, as by a server's workers
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def round_trip(env, backup_file):
    dangvu(env, "migrate", "--no-input", timeout=300)
    dangvu(env, "shell", "-c", textwrap.dedent(BUILD))
    before = state(env)
    assert "Nguyễn Văn An" in before
    out = dangvu(env, "backup", "-o", str(backup_file))
    assert "Đã sao lưu" in out and backup_file.stat().st_size > 0
    dangvu(env, "shell", "-c", CHANGE)
    changed = state(env)
    assert changed != before and "Nguyễn Văn Đổi" in changed
    dangvu(env, "shell", "-c", "from django.core.cache import cache; cache.set('page', 'before the restore')")
    assert "Đã khôi phục" in dangvu(env, "restore", str(backup_file))
    assert state(env) == before
    # Pages cached from the database as it was are gone with it.
    assert "CACHED None" in dangvu(
        env, "shell", "-c", "from django.core.cache import cache; print('CACHED', cache.get('page'))"
    )


def test_sqlite_backup_and_restore_round_trip(tmp_path):
    round_trip(_env(tmp_path), tmp_path / "sao-luu.sqlite3")


def test_a_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path):
    """The online backup copies a snapshot even with a writer holding an open transaction."""
    import sqlite3

    from dangvu.core import backup as backup_module

    db = tmp_path / "live.sqlite3"
    live = sqlite3.connect(db)
    live.execute("pragma journal_mode=wal")
    live.execute("create table t (x integer)")
    live.executemany("insert into t values (?)", [(i,) for i in range(1000)])
    live.commit()
    live.execute("begin")
    live.executemany("insert into t values (?)", [(i,) for i in range(500)])  # not committed
    settings_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db)}
    from django.test import override_settings

    with override_settings(DATABASES={"default": settings_db, "copy": settings_db}):
        target = backup_module.backup(tmp_path / "copy.sqlite3", alias="copy")
    live.rollback()
    live.close()
    assert sqlite3.connect(target).execute("select count(*) from t").fetchone() == (1000,)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    env = _env(tmp_path)
    bad = tmp_path / "khong-phai.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    done = subprocess.run([DANGVU, "restore", str(bad)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "không phải bản sao lưu" in done.stderr


def _pg_available():
    try:
        import psycopg

        with psycopg.connect(PG_URL + "postgres", connect_timeout=3, autocommit=True):
            return True
    except Exception:  # noqa: BLE001
        return False


@pytest.mark.skipif(not _pg_available(), reason="PostgreSQL is not reachable at DANGVU_TEST_PG")
def test_postgresql_backup_and_restore_round_trip(tmp_path):
    import psycopg

    name = f"dangvu_backup_test_{os.getpid()}"
    with psycopg.connect(PG_URL + "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _env(tmp_path, PG_URL + name)
        round_trip(env, tmp_path / "sao-luu.dump")
    finally:
        with psycopg.connect(PG_URL + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_postgresql_password_goes_through_the_environment_not_the_command_line(tmp_path, monkeypatch):
    from django.test import override_settings

    from dangvu.core import backup as backup_module

    seen = {}

    def fake_run(args, env, **kw):
        seen["args"], seen["env"] = args, env
        Path(args[args.index("-f") + 1]).write_bytes(b"PGDMP")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(backup_module.subprocess, "run", fake_run)
    db = {"ENGINE": "django.db.backends.postgresql", "NAME": "dangvu", "USER": "dangvu", "PASSWORD": "bi-mat-9",
          "HOST": "127.0.0.1", "PORT": 5432}  # fmt: skip
    with override_settings(DATABASES={"default": db}):
        backup_module.backup(tmp_path / "x.dump")
    assert "bi-mat-9" not in " ".join(seen["args"]) and seen["env"]["PGPASSWORD"] == "bi-mat-9"
    assert "-Fc" in seen["args"] and (tmp_path / "x.dump").read_bytes() == b"PGDMP"


def _write_locked(db: Path) -> bool:
    """Whether another connection holds the database's write lock (an open write transaction)."""
    import sqlite3

    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:  # database is locked
        return True
    finally:
        probe.close()


def test_an_import_killed_half_way_leaves_the_database_as_before(tmp_path):
    env = _env(tmp_path)
    dangvu(env, "migrate", "--no-input", timeout=300)
    dangvu(env, "shell", "-c", textwrap.dedent(BUILD))
    before = state(env)
    from dangvu.imports.synthetic import member_rows, workbook

    big = tmp_path / "ds-lon.xlsx"
    big.write_bytes(workbook(member_rows(12_000, cells=["A1"], seed=7, id_base=5_000_000)))
    process = subprocess.Popen(
        [DANGVU, "import", "members", str(big), "--org", "A1"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Wait until the import's transaction is writing: its batches of members are in, so it holds
    # SQLite's write lock and another connection cannot begin a write. (Its pages may all still be
    # in its 128 MB page cache: the file and its write-ahead log need not grow before the commit.)
    deadline, seen = time.monotonic() + 120, 0
    while time.monotonic() < deadline and process.poll() is None and seen < 3:
        seen = seen + 1 if _write_locked(tmp_path / "data" / "dangvu.sqlite3") else 0
        time.sleep(0.05)
    assert process.poll() is None, "the import ended before it could be killed: " + process.stdout.read()[-500:]
    os.kill(process.pid, signal.SIGKILL)  # … and kill it: no clean-up code runs.
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert state(env) == before
    out = dangvu(env, "shell", "-c", "from dangvu.members.models import Member; print('N', Member.objects.count())")
    assert "N 3" in out
