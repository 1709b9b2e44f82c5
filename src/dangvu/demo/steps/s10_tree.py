"""The organization tree of Hoàng Mai: Hà Nội → quận Hoàng Mai → grassroots organizations → cells,
each founded on its date through organizations.services.org_found (see demo.hoang_mai for the plan).

At the end of 2016 there are 54 grassroots organizations, six of them party organizations of
non-state enterprises founded during 2016. The restructurings of the plan (two cells merged in
2012, a school cell moved in 2013, an agency organization merged away in 2014) are carried out by
`restructure()` when the member registry's timeline (s20) reaches their date, so the members
of a merged unit move with it.
"""

from dangvu.members.restructure import org_merge
from dangvu.organizations.models import Organization
from dangvu.organizations.services import org_found, org_move

from ..context import DemoContext
from ..hoang_mai import Merge, Move, plan


def build(ctx: DemoContext) -> None:
    for unit in plan():
        ctx.orgs[unit.code] = org_found(
            actor=ctx.actor,
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            level=unit.level,
            parent=ctx.orgs[unit.parent] if unit.parent else None,
            founded_on=unit.founded_on,
            decision=unit.decision,
        )
    ctx.say(f"Cây tổ chức: {len(ctx.orgs)} tổ chức đảng.")


def restructure(ctx: DemoContext, change: Merge | Move) -> None:
    """Carry out one restructuring of the plan through the organization services."""
    if isinstance(change, Merge):
        org_merge(
            actor=ctx.actor, source=ctx.orgs[change.source], target=ctx.orgs[change.target], on=change.on,
            decision=change.decision,
        )  # fmt: skip
    else:
        ctx.orgs[change.org] = org_move(
            actor=ctx.actor, org=ctx.orgs[change.org], new_parent=ctx.orgs[change.new_parent], on=change.on
        )
    # Paths, superiors and end dates may have changed under the objects the context holds.
    ctx.orgs.update({org.code: org for org in Organization.objects.filter(code__in=list(ctx.orgs))})
