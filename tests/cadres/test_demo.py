"""The demo step builds the seed's 126 cadre actions of 2016 through the services, on any tree
with a district HM and grassroots organizations under it."""

from dangvu.cadres.models import CadreAction
from dangvu.core.catalogue import Period, compute
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s40_cadres


def test_the_step_makes_126_counted_actions_in_2016_and_a_history(tree, actor, register):
    for n in range(12):
        register(tree.a1 if n % 2 else tree.b1)
    s40_cadres.build(DemoContext(actor=actor))
    assert compute("cadres.actions", tree.hm, Period.year(2016)) == 126
    assert compute("cadres.actions", tree.hm, Period.year(2015)) > 0
    assert compute("cadres.actions", tree.hm, Period.year(2014)) > 0
    assert CadreAction.objects.filter(effective_date__year=2016, kind="dismissal").exists()
    assert CadreAction.objects.filter(member__isnull=False).exists()
    renewed = CadreAction.objects.filter(kind="reappointment", note="").first()
    assert CadreAction.objects.filter(kind="appointment", full_name=renewed.full_name, position=renewed.position,
                                      term_end__year=2016).exists()  # fmt: skip
