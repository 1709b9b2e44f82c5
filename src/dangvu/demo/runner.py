"""Build the Hoàng Mai 2016 demo: every step, in order, in one transaction."""

import importlib
import pkgutil

from django.db import transaction

from . import steps
from .context import DemoContext


def step_modules():
    names = sorted(m.name for m in pkgutil.iter_modules(steps.__path__) if m.name.startswith("s"))
    return [importlib.import_module(f"{steps.__name__}.{name}") for name in names]


@transaction.atomic
def build_demo(*, actor=None, scale: float = 1.0, log=print) -> DemoContext:
    ctx = DemoContext(actor=actor, scale=scale)
    for module in step_modules():
        module.build(ctx)
        for line in ctx.log:
            log(line)
        ctx.log.clear()
    return ctx
