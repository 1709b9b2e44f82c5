"""The deployment's gunicorn settings (dangvu.gunicorn_conf, what the README's command and bench.web
run), read as gunicorn reads them: threaded workers, each taking one connection beyond its threads
and keeping none alive (so waiting requests go to the first worker with room), one a core."""

import logging
import os
import pathlib
import subprocess
import sys

from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.workers.gthread import ThreadWorker

GUNICORN = pathlib.Path(sys.executable).with_name("gunicorn")
COMMAND = ["-c", "python:dangvu.gunicorn_conf", "dangvu.wsgi:application"]


def test_gunicorn_loads_the_settings_and_the_site():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings"}
    out = subprocess.run([str(GUNICORN), "--check-config", *COMMAND], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_threaded_workers_take_one_connection_beyond_their_threads_and_keep_none(monkeypatch, caplog):
    monkeypatch.setattr(sys, "argv", ["gunicorn", *COMMAND])
    cfg = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    assert cfg.worker_class_str == "gthread" and cfg.threads == 2
    assert cfg.worker_connections == cfg.threads + 1 and cfg.keepalive == 0
    assert cfg.workers == len(os.sched_getaffinity(0))
    # gunicorn's own check, run when the server starts: it warns when connections kept alive
    # would find no room beyond the threads.
    with caplog.at_level(logging.WARNING):
        ThreadWorker.check_config(cfg, logging.getLogger("gunicorn.error"))
    assert not caplog.records
