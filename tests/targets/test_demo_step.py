"""The 2016 targets the demo sets: the city's 5 for Hoàng Mai, Hoàng Mai's own plan of 180
admissions, and a plan per ward; the percentages come from the indicators."""

from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s30_targets
from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Organization
from dangvu.targets.models import Target
from dangvu.targets.selectors import target_for


def test_the_demo_sets_the_seeds_targets(tree, actor, admit):
    ctx = DemoContext(actor=actor, orgs={o.code: o for o in Organization.objects.all()})
    s30_targets.build(ctx)
    city = target_for(tree.hm, "orgs.founded.non_state_enterprise", 2016)
    assert (city.value, city.assigned_by) == (5, tree.hn)
    plan = target_for(tree.hm, "members.admitted", 2016)
    assert (plan.value, plan.assigned_by) == (180, tree.hm)
    wards = Target.objects.filter(org__in=[tree.a, tree.b], indicator_key="members.admitted", year=2016)
    assert {t.org for t in wards} == {tree.a, tree.b} and all(4 < t.value < 10 and t.is_own_plan for t in wards)
    assert not Target.objects.filter(org=tree.c).exists()  # a school, not a ward
    admit(tree.a1, on=tree.a1.founded_on.replace(year=2016))
    figure = next(f for f in evaluate(tree.hm, 2016) if f.key == "members.admitted")
    assert (figure.value, figure.target, figure.percent) == (1, 180, 0.6)
    assert figure.subordinate_target_sum == sum(t.value for t in wards)
