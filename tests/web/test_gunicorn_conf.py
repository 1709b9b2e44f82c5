"""The deployment's gunicorn settings (dangvu.gunicorn_conf, what the README's command and bench.web
run) load as gunicorn reads them, with the site."""

import os
import pathlib
import subprocess
import sys

GUNICORN = pathlib.Path(sys.executable).with_name("gunicorn")


def test_gunicorn_reads_the_settings_and_the_site():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings"}
    out = subprocess.run(
        [str(GUNICORN), "--check-config", "-c", "python:dangvu.gunicorn_conf", "dangvu.wsgi:application"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    # gunicorn warns when a worker could hold no connection beyond its threads while keeping them alive.
    assert "No keepalived connections" not in out.stderr
