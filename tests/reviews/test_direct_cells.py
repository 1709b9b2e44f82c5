"""From 1/7/2025 a ward committee opens its own review and rates its grassroots organizations and
the cells directly under it; the two are counted apart."""

from dangvu.indicators.selectors import evaluate
from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Organization
from dangvu.reviews.models import Stage
from dangvu.reviews.services import org_result_record, review_cycle_open
from tests.organizations.test_reorganization import _plan, people  # noqa: F401 (a fixture)


def test_a_ward_committee_rates_its_direct_cells_and_its_grassroots_apart(tree, people, actor):  # noqa: F811
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    ward = Organization.objects.get(code="N1")  # holds the agency cell C and the cells A1, N1-01
    cycle = review_cycle_open(actor=actor, committee=ward, year=2025)
    top = cycle.get_rulebook().org_classes[0].code
    why = "Đánh giá thử nghiệm theo quyết định của ban thường vụ"
    for unit in (tree.a1, tree.c):
        org_result_record(actor=actor, cycle=cycle, org=unit, stage=Stage.DECISION, cls=top, points=95,
                          override_reason=why)  # fmt: skip
    keys = ["review.orgs.rated", "review.orgs.top", "review.cells.rated", "review.cells.top"]
    figures = {f.key: f.value for f in evaluate(ward, 2025, keys)}
    assert figures == {"review.orgs.rated": 1, "review.orgs.top": 1, "review.cells.rated": 1, "review.cells.top": 1}
    # The old district's 2016 review had no cells directly under a committee above the grassroots.
    assert {f.key: f.value for f in evaluate(tree.hm, 2016, ["review.cells.rated"])} == {"review.cells.rated": 0}


def test_the_members_of_a_cell_directly_under_the_ward_are_rated_in_that_cell(tree, people, actor, client):  # noqa: F811
    """A cell held directly by the ward committee has no grassroots organization above it: its
    members' classes are recorded under the cell itself, and count for the ward and the city."""
    import pytest
    from django.core.exceptions import ValidationError

    from dangvu.reviews.facts import grassroots_of
    from dangvu.reviews.models import MemberResult
    from dangvu.reviews.selectors import cycle_rows
    from dangvu.reviews.services import member_results_record_bulk

    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    ward = Organization.objects.get(code="N1")
    cell = Organization.objects.get(code="A1")  # now directly under N1, with its two members
    cycle = review_cycle_open(actor=actor, committee=ward, year=2025)
    rows = [{"member": m, "cls": "good"} for m in people["a1"]]
    with pytest.raises(ValidationError, match="chi bộ trực thuộc đảng ủy cấp trên cơ sở"):
        member_results_record_bulk(actor=actor, cycle=cycle, org=ward, stage=Stage.DECISION, rows=rows)
    # A member of another cell of the ward is not rated in this one.
    stranger = [{"member": people["a2"][0], "cls": "good"}]  # went to N1-01
    with pytest.raises(ValidationError):
        member_results_record_bulk(actor=actor, cycle=cycle, org=cell, stage=Stage.DECISION, rows=stranger)

    saved = member_results_record_bulk(actor=actor, cycle=cycle, org=cell, stage=Stage.DECISION, rows=rows)
    assert {r.org_id for r in saved} == {cell.pk} and MemberResult.objects.count() == 2
    keys = ["review.members.rated", "review.members.good_or_better"]
    for unit in (ward, tree.hn):
        assert {f.key: f.value for f in evaluate(unit, 2025, keys)} == dict.fromkeys(keys, 2)
    # Its members' home in the review is the cell, and the cycle's page lists it with its count.
    assert grassroots_of(cell) == cell
    assert grassroots_of(tree.a2) == tree.a  # before 1/7/2025 a cell's home was its ward (still stored so)
    listed = {o.code: rated for o, _result, rated in cycle_rows(cycle, ward)}
    assert listed["A1"] == 2 and "C" in listed and "N1" not in listed
