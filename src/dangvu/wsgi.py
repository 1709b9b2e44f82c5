import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
application = get_wsgi_application()

# Every view module imported now (the URLconf's include()s import them), then everything made so
# far (Django, the apps, their modules: ~140.000 objects) left out of the garbage collector's
# passes. Without it a worker's full pass walked them all every few hundred requests: a pause of
# ~100 ms on the city's member, unit and search pages, and every request queued behind it in that
# worker waited for it (the tail of bench.web's p95 under 16 clients). Frozen objects are never
# collected, so only what lives as long as the process belongs here: after the imports, before
# the first request.
import dangvu.urls  # noqa: E402, F401

gc.collect()
gc.freeze()
