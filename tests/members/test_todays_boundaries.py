"""The member flows of a ward formed on 1/7/2025, in today's boundaries and as they stood.

In today's boundaries (the default) the ward starts 2025 with the members of the cells and the
members it received from its predecessors: they are neither an increase nor a decrease when they
pass, while what happened to them before (an admission, a death) is the ward's own. As they stood,
the ward starts from nothing and everyone it received is an increase. Either way the start of the
year plus the increase minus the decrease is the end of the year, on every unit."""

import pytest

from dangvu.core.catalogue import Period, compute, records
from dangvu.members.models import EventKind
from dangvu.members.reorganization import org_reorganize
from dangvu.members.services import member_record_event
from dangvu.organizations.lineage import counted_as_stood
from dangvu.organizations.models import Organization
from dangvu.organizations.reorganization import MEMBER, Assignment
from tests.conftest import D
from tests.organizations.test_reorganization import _plan, people  # noqa: F401 (a fixture)

Y2025 = Period.year(2025)
KEYS = ("start", "members.increase", "members.decrease", "members.total")


def _flows(org, period=Y2025):
    out = {"start": compute("members.total", org, Period(period.day_before, period.day_before))}
    out.update({k: compute(k, org, period) for k in KEYS[1:]})
    assert out["start"] + out["members.increase"] - out["members.decrease"] == out["members.total"], (org.code, out)
    return out


@pytest.fixture
def formed(tree, people, actor, admit, register):  # noqa: F811
    """Before 1/7: one admission in A1 (passes whole to N1), one death in A1, and a member of the
    divided cell A2 who goes to N1-01 was admitted there. Then the plan of test_reorganization."""
    admitted = admit(tree.a1, on=D(2025, 3, 2))
    died = register(tree.a1)
    member_record_event(actor=actor, member=died, kind=EventKind.DIED, date=D(2025, 4, 1), decision_no="")
    newcomer = admit(tree.a2, on=D(2025, 5, 2))
    plan = _plan(people)
    plan.assignments.append(Assignment(MEMBER, newcomer.citizen_id, "N1-01", row=len(plan.assignments) + 2))
    assert org_reorganize(actor=actor, plan=plan).ok
    return {"admitted": admitted, "newcomer": newcomer, "died": died}


def test_a_new_ward_starts_the_year_with_what_it_received(tree, formed):
    n1, n2 = Organization.objects.get(code="N1"), Organization.objects.get(code="N2")
    # N1 received A1 (two members, one more admitted 2/3, one died 1/4), C (one), and two members
    # of A2 (one of them admitted 2/5): at the end of 2024, A1's three and C's one and the one of A2.
    assert _flows(n1) == {"start": 5, "members.increase": 2, "members.decrease": 1, "members.total": 6}
    increase = records("members.increase", n1, Y2025)
    assert {p.member_id for p in increase} == {formed["admitted"].pk, formed["newcomer"].pk}
    assert {p.member_id for p in records("members.decrease", n1, Y2025)} == {formed["died"].pk}
    # N2 received B1 (one) and two members of A2: nothing came or went for it in 2025.
    assert _flows(n2) == {"start": 3, "members.increase": 0, "members.decrease": 0, "members.total": 3}

    with counted_as_stood():
        assert _flows(n1) == {"start": 0, "members.increase": 6, "members.decrease": 0, "members.total": 6}
        assert _flows(n2) == {"start": 0, "members.increase": 3, "members.decrease": 0, "members.total": 3}


def test_the_old_units_and_the_city_count_the_same_either_way(tree, formed):
    for stood in (False, True):
        with counted_as_stood(stood):
            # The old ward A gave everything away on 1/7: its members left it, as they stood.
            assert _flows(tree.a) == {"start": 6, "members.increase": 2, "members.decrease": 8, "members.total": 0}
            # The city holds old and new wards alike: each member once, only admissions and the death.
            assert _flows(tree.hn) == {"start": 8, "members.increase": 2, "members.decrease": 1, "members.total": 9}


def test_the_ward_in_the_year_before_its_formation(tree, formed, admit):
    """2024 in today's boundaries: the parts it received, as they were then; as it stood, nothing."""
    admit(tree.c, on=D(2024, 6, 3))  # C passed whole to N1
    n1 = Organization.objects.get(code="N1")
    y2024 = Period.year(2024)
    assert _flows(n1, y2024) == {"start": 5, "members.increase": 1, "members.decrease": 0, "members.total": 6}
    with counted_as_stood():
        assert _flows(n1, y2024) == dict.fromkeys(KEYS, 0)
