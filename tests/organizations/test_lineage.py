"""Figures in today's boundaries: a ward formed on 1/7/2025 counts the admissions made before its
formation in the cells and among the members it received; as they stood, it does not."""

from dangvu.indicators.selectors import evaluate
from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.lineage import predecessors
from dangvu.organizations.models import Organization
from dangvu.organizations.reorganization import MEMBER, Assignment
from tests.conftest import D

from .test_reorganization import _plan, people  # noqa: F401 (a fixture)


def _admitted(org, year, **kw):
    return {f.key: f.value for f in evaluate(org, year, ["members.admitted"], **kw)}["members.admitted"]


def test_admissions_before_the_formation_day_count_for_the_new_ward(tree, people, actor, admit):  # noqa: F811
    admit(tree.a1, on=D(2025, 3, 2))  # in a cell that passes whole to N1
    newcomer = admit(tree.a2, on=D(2025, 4, 2))  # in a cell divided: this member goes to N1's new cell
    admit(tree.b1, on=D(2024, 5, 6))  # a year before: counts for N2's 2024 in today's boundaries
    plan = _plan(people)
    plan.assignments.append(Assignment(MEMBER, newcomer.citizen_id, "N1-01", row=len(plan.assignments) + 2))
    assert org_reorganize(actor=actor, plan=plan).ok
    admit(Organization.objects.get(code="N1-01"), on=D(2025, 9, 9))  # after: counts either way
    n1, n2 = Organization.objects.get(code="N1"), Organization.objects.get(code="N2")

    assert _admitted(n1, 2025) == 3
    assert _admitted(n1, 2025, as_stood=True) == 1
    assert _admitted(n2, 2025) == 0
    assert _admitted(n2, 2024) == 1 and _admitted(n2, 2024, as_stood=True) == 0
    # The old district keeps its own records as they stood; the city counts each admission once.
    assert _admitted(tree.hm, 2025) == 2 == _admitted(tree.hm, 2025, as_stood=True)
    assert _admitted(tree.hn, 2025) == 3 == _admitted(tree.hn, 2025, as_stood=True)
    # Its predecessors, named as a report would (the ward, not the divided cell).
    assert {o.code for o in predecessors(n1, D(2025, 1, 1), D(2025, 12, 31))} == {"A", "HM"}  # C came from HM
    assert {o.code for o in predecessors(n2, D(2025, 1, 1), D(2025, 12, 31))} == {"A", "B"}
    assert predecessors(n1, D(2026, 1, 1), D(2026, 12, 31)) == []


def test_a_new_ward_counts_its_grassroots_organizations_and_its_direct_cells_apart(tree, people, actor):  # noqa: F811
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    n1 = Organization.objects.get(code="N1")

    def figures(org, year):
        return {f.key: f.value for f in evaluate(org, year, ["orgs.grassroots", "orgs.cells_direct"])}

    # N1: the agency cell C (chi bộ cơ sở) beside the residential cells A1 and N1-01.
    assert figures(n1, 2025) == {"orgs.grassroots": 1, "orgs.cells_direct": 2}
    # 2016: the district's cells sat under its ward committees, none directly under it.
    assert figures(tree.hm, 2016) == {"orgs.grassroots": 3, "orgs.cells_direct": 0}
    assert figures(tree.a, 2016)["orgs.cells_direct"] == 2


def test_dues_and_discipline_of_a_member_received_one_by_one_count_for_the_new_ward(tree, people, actor):  # noqa: F811
    """A member of the divided cell A2 goes to N1's new cell on 1/7: their dues paid to A2 and their
    discipline decided by the old ward A before then are N1's in today's boundaries, A's as stood."""
    from dangvu.dues.services import dues_basis_set, dues_pay
    from dangvu.inspection.services import discipline_record
    from dangvu.organizations.lineage import counted_as_stood
    from dangvu.reviews.facts import disciplined_member_ids
    from dangvu.reviews.services import review_cycle_open

    mover = people["a2"][0]  # assigned to N1-01 by _plan
    dues_basis_set(actor=actor, member=mover, kind="fixed", fixed_amount=20_000, valid_from=D(2025, 1, 1))
    dues_pay(actor=actor, member=mover, month=D(2025, 3, 1), paid_on=D(2025, 3, 10))
    discipline_record(actor=actor, form="reprimand", decided_by=tree.a, decision_no="3-QĐ/ĐU",
                      decision_date=D(2025, 5, 5), violation_date=D(2025, 4, 1), subject_member=mover)  # fmt: skip
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    n1, n2 = Organization.objects.get(code="N1"), Organization.objects.get(code="N2")
    keys = ["dues.collected", "discipline.members"]

    def figures(org, **kw):
        return {f.key: f.value for f in evaluate(org, 2025, keys, **kw)}

    assert figures(n1) == {"dues.collected": 20_000, "discipline.members": 1}
    assert figures(n1, as_stood=True) == {"dues.collected": 0, "discipline.members": 0}
    assert figures(n2) == {"dues.collected": 0, "discipline.members": 0}
    # The old ward keeps its records; the city counts them once.
    for unit in (tree.a, tree.hn):
        assert figures(unit) == figures(unit, as_stood=True) == {"dues.collected": 20_000, "discipline.members": 1}
    # The ward's 2025 review sees the member as disciplined in the year, as its figures do.
    cycle = review_cycle_open(actor=actor, committee=n1, year=2025)
    assert disciplined_member_ids(cycle, n1) == {mover.pk}
    with counted_as_stood():
        assert disciplined_member_ids(cycle, n1) == set()


def test_one_reading_in_both_modes_counts_each_as_its_own(tree, people, actor, admit):  # noqa: F811
    """A report that reads the figures in today's boundaries and as they stood within one evaluation
    (their shared readings kept for the whole of it) gets each mode's own figures, in either order."""
    from dangvu.core.catalogue import evaluation

    admit(tree.a1, on=D(2024, 3, 2))
    admit(tree.a1, on=D(2025, 3, 2))
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    admit(Organization.objects.get(code="N1-01"), on=D(2025, 9, 9))
    n1 = Organization.objects.get(code="N1")
    keys = ["members.total", "members.admitted", "members.increase", "members.decrease", "orgs.grassroots"]

    def figures(year, **kw):
        return {f.key: f.value for f in evaluate(n1, year, keys, **kw)}

    for year in (2024, 2025):
        today, stood = figures(year), figures(year, as_stood=True)
        assert today != stood
        with evaluation():
            assert (figures(year), figures(year, as_stood=True)) == (today, stood)
        with evaluation():
            assert (figures(year, as_stood=True), figures(year)) == (stood, today)
