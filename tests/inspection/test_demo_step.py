"""The demo step on the hand-built tree: deterministic, and exactly four members disciplined in
2016, counted by the indicator."""

import dangvu.inspection.indicators  # noqa: F401
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s60_inspection
from dangvu.inspection.models import Discipline, Inspection


def build(tree, register, actor):
    for cell in (tree.a1, tree.a2, tree.b1, tree.c) * 3:
        register(cell)
    ctx = DemoContext(actor=actor, scale=0.01)
    s60_inspection.build(ctx)
    return ctx


def test_exactly_four_members_are_disciplined_in_2016(tree, register, actor):
    ctx = build(tree, register, actor)
    y2016 = Period.year(2016)
    assert catalogue.compute("discipline.members", tree.hm, y2016) == 4
    assert sorted(ctx.disciplined_2016) == sorted(
        Discipline.objects.filter(decision_date__year=2016).values_list("subject_member_id", flat=True)
    )
    forms_2016 = Discipline.objects.filter(decision_date__year=2016).values_list("form", flat=True)
    assert sorted(forms_2016) == ["removal", "reprimand", "reprimand", "warning"]
    assert catalogue.compute("discipline.orgs", tree.hm, Period.year(2015)) == 1
    for year in (2014, 2015, 2016):
        assert catalogue.compute("inspection.orgs", tree.hm, Period.year(year)) > 0
        assert catalogue.compute("supervision.members", tree.hm, Period.year(year)) > 0


def test_the_step_is_deterministic(tree, register, actor):
    ctx = build(tree, register, actor)
    first = list(Inspection.objects.order_by("id").values_list("kind", "subject_org", "subject_member", "start_date"))
    Discipline.objects.all().delete()
    Inspection.objects.all().delete()
    ctx2 = DemoContext(actor=actor)
    s60_inspection.build(ctx2)
    again = list(Inspection.objects.order_by("id").values_list("kind", "subject_org", "subject_member", "start_date"))
    assert again == first and ctx2.disciplined_2016 == ctx.disciplined_2016
