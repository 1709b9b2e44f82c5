"""Build the Hoàng Mai 2016 demo: every step, in order, in one transaction."""

import importlib
import pkgutil
import time

from django.db import connection, transaction

from . import steps
from .context import DemoContext, seconds


def step_modules():
    names = sorted(m.name for m in pkgutil.iter_modules(steps.__path__) if m.name.startswith("s"))
    return [importlib.import_module(f"{steps.__name__}.{name}") for name in names]


@transaction.atomic
def build_demo(*, actor=None, scale: float = 1.0, log=print, logins_file=None, progress=None) -> DemoContext:
    """Every step of the demo; `progress(done, total, step)` is told before each (the command's bar)."""
    ctx = DemoContext(actor=actor, scale=scale, logins_file=logins_file)
    modules = list(step_modules())
    for done, module in enumerate(modules):
        if progress is not None:
            progress(done, len(modules), module.__name__.rsplit(".", 1)[-1])
        started = time.perf_counter()
        if connection.vendor == "postgresql":
            # Tables filled by the earlier steps: give the planner their real sizes, or it plans
            # the later steps' queries for empty tables (nested loops over thousands of rows).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        module.build(ctx)
        ctx.say(f"Bước {module.__name__.rsplit('.', 1)[-1]}: {seconds(time.perf_counter() - started)}.")
        for line in ctx.log:
            log(line)
        ctx.log.clear()
    if progress is not None:
        progress(len(modules), len(modules), "xong")
    return ctx
