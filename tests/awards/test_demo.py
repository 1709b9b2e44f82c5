"""The demo step builds the seed's awards of 2016 on the demo's organization tree, and its pick of
the 27 TSVM organizations is reproducible and kept for the review step."""

from dangvu.awards.models import Award
from dangvu.core.catalogue import Period, compute
from dangvu.demo import tsvm
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s10_tree, s70_awards
from dangvu.members.services import member_register
from dangvu.organizations.models import Level, Organization

from ..conftest import D, identity


def test_the_step_honours_6_plus_21_organizations_and_27_collectives_and_43_persons_under_ct03(db, actor):
    ctx = DemoContext(actor=actor)
    s10_tree.build(ctx)
    cells = Organization.objects.filter(code__startswith="HM-", level=Level.CELL).order_by("code")[:10]
    for cell in cells:
        member_register(actor=actor, org=cell, joined_on=D(2010, 1, 4), admitted_on=D(1995, 2, 3),
                        recognized_on=D(1996, 2, 3), **identity())  # fmt: skip
    s70_awards.build(ctx)
    hm, year = ctx.orgs["HM"], Period.year(2016)
    assert [compute(key, hm, year) for key in s70_awards.SEED_KEYS] == [6, 21, 27, 43]
    assert len(ctx.tsvm) == 27 and set(ctx.tsvm_exemplary) < set(ctx.tsvm)
    honoured = Award.objects.filter(program="review", decision_date__year=2016)
    assert sorted(honoured.values_list("recipient_org__code", flat=True)) == sorted(ctx.tsvm)
    assert all(a.decision_date <= D(2016, 12, 31) for a in honoured)
    assert Award.objects.filter(program="ct03", recipient_member__isnull=False, decision_date__year=2016).count() == 10
    # Another step asking later, or alone, gets the same 27.
    assert tsvm.top_choice(DemoContext(actor=actor)) == (ctx.tsvm, ctx.tsvm_exemplary)
