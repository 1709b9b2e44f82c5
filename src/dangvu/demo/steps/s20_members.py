"""The member registry of Hoàng Mai, 2006–2016, through members.services (see demo.timeline).

At scale 1.0 about 16,000 members at the end of 2016; `ctx.scale` shrinks the members present in
2006 and the admissions of earlier years, never the seed's 209 admissions of 2016.
"""

from ..context import DemoContext
from ..timeline import Timeline


def build(ctx: DemoContext) -> None:
    Timeline(ctx).run()
