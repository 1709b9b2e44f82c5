"""The demo step builds the seed's 64 classes and over 10,600 attendances of 2016 through the services."""

from dangvu.core.catalogue import Period, compute
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s50_training
from dangvu.training.models import Attendance

from ..conftest import D


def test_the_step_makes_64_classes_with_10_6_thousand_attendances_in_2016(tree, actor, admit):
    newcomers = [admit(tree.a1 if n % 2 else tree.b1, on=D(2016, 3, n + 1)) for n in range(5)]
    s50_training.build(DemoContext(actor=actor))
    year = Period.year(2016)
    assert compute("training.classes", tree.hm, year) == 64
    assert 10_600 <= compute("training.attendances", tree.hm, year) < 10_700
    assert set(Attendance.objects.values_list("member", flat=True)) == {m.pk for m in newcomers}
    assert compute("training.classes", tree.hm, Period.year(2015)) > 0
