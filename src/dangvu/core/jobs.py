"""What every background job shares (imports' large files, reports' large documents): a heartbeat
file per job, the rule that a job whose heartbeat stopped was cut off, what the worker does when it
starts, and the user's one list of jobs.

Progress lives in a small file (DATA_DIR/jobs/<space><id>.json, replaced atomically), not in the
job's row: an import is one transaction, and on SQLite it holds the only write lock until it ends,
so a progress row could not be written beside it (and on PostgreSQL it would be invisible until
the commit). The file's time is the job's heartbeat: a job still "running" whose heartbeat is older
than STALE seconds was cut off (a restart, a killed worker) and is shown as failed.

Each app keeps its own job model and registers here, in its AppConfig.ready(), what the worker must
fail at start (`at_worker_start`) and how its jobs are listed (`lister`): core knows neither."""

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

STALE = 120  # seconds without a heartbeat before a running job counts as cut off
REFRESH_SECONDS = 2  # a running job's page reloads itself this often (a Refresh header, no script)


def beat_path(space: str, job_id: int) -> Path:
    path = Path(settings.DATA_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path / f"{space}{job_id}.json"


def beat(space: str, job_id: int, **progress):
    """Write the job's progress (any JSON values) with the time: the job is alive."""
    path = beat_path(space, job_id)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({**progress, "at": time.time()}))
    os.replace(tmp, path)


def beat_read(space: str, job_id: int) -> dict | None:
    path = beat_path(space, job_id)
    return json.loads(path.read_text()) if path.exists() else None


def stopped(space: str, job_id: int, started_at: dt.datetime | None) -> bool:
    """True when the job's last heartbeat (or its start, if it never beat) is older than STALE."""
    path = beat_path(space, job_id)
    last = path.stat().st_mtime if path.exists() else (started_at.timestamp() if started_at else 0)
    return last < time.time() - STALE


def seconds_left(started_at: dt.datetime | None, done: int, total: int) -> int | None:
    """Time left at the pace so far; None before the first step or after the last."""
    if not started_at or not 0 < done < total:
        return None
    elapsed = (timezone.now() - started_at).total_seconds()
    return round(elapsed / done * (total - done))


_AT_WORKER_START: list[Callable[[], int]] = []


def at_worker_start(fail_running: Callable[[], int]):
    """Register what `dangvu worker` calls before taking jobs: nothing can be running yet, so an
    app's jobs left running were cut off; the callable marks them failed and says how many."""
    if fail_running not in _AT_WORKER_START:
        _AT_WORKER_START.append(fail_running)


def worker_start() -> int:
    return sum(fail() for fail in _AT_WORKER_START)


@dataclass(frozen=True)
class Listed:
    """One job in the user's list, whatever its app: when it was asked for, what it is, where its
    page is, the unit, its state and its result in words."""

    created_at: dt.datetime
    kind: str
    name: str
    url: str
    unit: str
    state: str
    result: str


_LISTERS: list[Callable[..., list[Listed]]] = []


def lister(jobs_of: Callable[..., list[Listed]]):
    """Register `jobs_of(user, limit)`: an app's recent jobs of that user (stale ones failed first)."""
    if jobs_of not in _LISTERS:
        _LISTERS.append(jobs_of)


def jobs_listed(user, limit: int = 100) -> list[Listed]:
    """The user's jobs of every app, newest first."""
    rows = [row for jobs_of in _LISTERS for row in jobs_of(user, limit)]
    return sorted(rows, key=lambda r: r.created_at, reverse=True)[:limit]
