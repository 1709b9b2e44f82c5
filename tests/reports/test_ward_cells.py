"""A ward committee of 2025 holds cells directly beside its grassroots organizations: its report
counts them ("… tổ chức cơ sở đảng và … chi bộ trực thuộc với … đảng viên"), lists them with their
members and admissions, and writes their review beside the grassroots organizations'."""

from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Organization
from dangvu.reports.context import build_context
from dangvu.reviews.models import Stage
from dangvu.reviews.services import org_result_record, review_cycle_open
from tests.organizations.test_reorganization import _plan, people  # noqa: F401 (a fixture)


def _text(context) -> str:
    return "\n".join(p for s in context["sections"] for p in s["paragraphs"])


def test_a_ward_s_report_counts_lists_and_rates_its_direct_cells(tree, people, actor):  # noqa: F811
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    ward = Organization.objects.get(code="N1")  # the agency cell C (grassroots), the cells A1 and N1-01
    cycle = review_cycle_open(actor=actor, committee=ward, year=2025)
    top = cycle.get_rulebook().org_classes[0].code
    why = "Đánh giá thử nghiệm theo quyết định của ban thường vụ"
    for unit in (tree.a1, tree.c):
        org_result_record(actor=actor, cycle=cycle, org=unit, stage=Stage.DECISION, cls=top, points=95,
                          override_reason=why)  # fmt: skip

    context = build_context(ward, 2025)
    v = {k: f["value"] for k, f in context["figures"].items()}
    assert (v["orgs.grassroots"], v["orgs.cells_direct"]) == (1, 2)
    text = _text(context)
    members = v["members.total"]
    assert f"Đảng bộ có 1 tổ chức cơ sở đảng và 2 chi bộ trực thuộc với {members} đảng viên" in text
    assert "1/1 chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên, đạt tỷ lệ 100%, trong đó 1 chi bộ" in text
    assert "và 1/1 chi bộ trực thuộc được xếp loại" in "\n".join(context["brief"])

    tables = {t["key"]: t for t in context["annex"]}
    assert ["Chi bộ trực thuộc", "2"] in tables["members_status"]["rows"]
    units = tables["units"]
    assert units["title"].endswith("theo tổ chức cơ sở đảng và chi bộ trực thuộc")
    listed = [row[1] for row in units["rows"][:-1]]
    cells = sorted(o.name for o in Organization.objects.filter(code__in=["A1", "N1-01"]))
    assert listed[0] == tree.c.name and sorted(listed[1:]) == cells
    # each unit's members at year end, and the total row the ward's own figure
    assert sum(int(row[2]) for row in units["rows"][:-1]) == members == int(units["rows"][-1][2])


def test_a_district_s_report_reads_as_before(tree, actor):
    """No cell directly under the district: the sentence and the tables are the seed's."""
    text = _text(build_context(tree.hm, 2016))
    assert "Đảng bộ có 3 tổ chức cơ sở đảng với" in text and "chi bộ trực thuộc" not in text
