"""The election of 22/5/2016 as the demo builds it: the district turnout the indicator computes is
the seed's 99,35%."""

import random

import dangvu.elections.indicators  # noqa: F401
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s65_elections
from dangvu.elections.models import ElectionArea


def test_the_district_turnout_is_the_seeds(tree, actor):
    s65_elections.build(DemoContext(actor=actor))
    assert catalogue.compute("elections.turnout", tree.hm, Period.year(2016)) == 99.35
    areas = ElectionArea.objects.all()
    assert areas.count() == 15
    assert all(15_000 <= a.registered <= 30_000 for a in areas if a.name.startswith("Phường"))
    # Wards with a party organization count in its subtree; the tree has Định Công and Đại Kim.
    assert {a.org.code for a in areas if a.name in ("Phường Định Công", "Phường Đại Kim")} == {"A", "B"}


def test_any_electorate_gets_an_absentee_count_for_the_seeds_turnout():
    rng = random.Random(1)
    for registered in [rng.randint(200_000, 450_000) for _ in range(200)]:
        absent = s65_elections.absentees_for(registered)
        assert s65_elections.turnout(registered, registered - absent) == 99.35
