"""Backup and restore of the whole database, while the server runs.

SQLite: sqlite3's online backup API (Connection.backup) copies a consistent snapshot page by
page even while other connections write; restore copies the file back the same way, so the
running server sees the restored data at its next query. PostgreSQL: pg_dump's custom format
(-Fc, one consistent snapshot) and pg_restore --clean. The password goes to pg_dump through the
PGPASSWORD environment variable, never on the command line (where `ps` would show it).
"""

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(Exception):
    pass


def _db(alias: str = "default") -> dict:
    return settings.DATABASES[alias]


def engine(alias: str = "default") -> str:
    name = _db(alias)["ENGINE"]
    if name.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {name}.")


def default_file(alias: str = "default") -> Path:
    suffix = "sqlite3" if engine(alias) == "sqlite" else "dump"
    return Path(settings.DATA_DIR) / "backups" / f"dangvu-{dt.datetime.now():%Y%m%d-%H%M%S}.{suffix}"


def _sqlite_path(alias: str) -> str:
    name = str(_db(alias)["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("Cơ sở dữ liệu SQLite nằm trong bộ nhớ, không có tệp để sao lưu.")
    return name


def _pg_command(program: str, alias: str) -> tuple[list[str], dict]:
    db = _db(alias)
    exe = shutil.which(program)
    if exe is None:
        raise BackupError(f"Không tìm thấy chương trình {program}; hãy cài gói postgresql-client.")
    args = [exe, "--no-password"]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict):
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} báo lỗi: {done.stderr.strip()[:2000]}")


def backup(target: Path | str | None = None, alias: str = "default") -> Path:
    """Write a consistent copy of the database to `target` (default: DATA_DIR/backups/…)."""
    target = Path(target) if target else default_file(alias)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if engine(alias) == "sqlite":
        source = sqlite3.connect(_sqlite_path(alias))
        dest = sqlite3.connect(partial)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
    else:
        args, env = _pg_command("pg_dump", alias)
        _run([*args, "-Fc", "-f", str(partial), "-d", str(_db(alias)["NAME"])], env)
    partial.replace(target)  # a half-written file never carries the final name
    return target


def restore(source: Path | str, alias: str = "default") -> None:
    """Replace the database's content with the backup `source`."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    connections[alias].close()
    if engine(alias) == "sqlite":
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            src.execute("select count(*) from sqlite_master").fetchone()
        except sqlite3.DatabaseError as e:
            raise BackupError(f"Tệp {source.name} không phải bản sao lưu SQLite ({e}).") from None
        dest = sqlite3.connect(_sqlite_path(alias), timeout=30)
        try:
            with dest:
                src.backup(dest)
        finally:
            dest.close()
            src.close()
    else:
        args, env = _pg_command("pg_restore", alias)
        _run([*args, "--clean", "--if-exists", "--no-owner", "--single-transaction", "-d", str(_db(alias)["NAME"]),
              str(source)], env)  # fmt: skip
    # Cached pages are keyed by the audit's newest entry, which a restored database may repeat.
    from django.core.cache import cache

    cache.clear()
