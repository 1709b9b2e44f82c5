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
