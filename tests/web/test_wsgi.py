"""The WSGI module a gunicorn worker loads: the site answers, and everything loaded at start is left
out of the garbage collector's passes (a worker's full pass over it paused every request queued
behind it for ~100 ms on the city's pages)."""

import os
import subprocess
import sys

CODE = """
import gc, sys
import dangvu.wsgi
print(gc.get_freeze_count(), "dangvu.members.views" in sys.modules, callable(dangvu.wsgi.application))
"""


def test_the_worker_freezes_what_it_loaded_with_the_views_in_it():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings"}
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    frozen, views, app = out.stdout.split()
    # The views are imported before the freeze, so their modules' objects are among the frozen:
    # without the freeze the count is 0, without the import it is far smaller.
    assert views == "True" and app == "True"
    assert int(frozen) > 100_000
