"""Review results of a closed year (core.closing): the year's classes are in its issued report, so
a class recorded for that year — even decided in January after it — is refused until the year is
reopened."""

from dangvu.reports.services import year_close, year_reopen
from dangvu.reviews.models import OrgResult, Stage
from dangvu.reviews.services import member_results_record_bulk, org_result_record, review_cycle_open

from ..conftest import D
from ..conftest import closed_year_refused as _refused


def test_review_results_of_a_closed_year_are_refused_until_reopened(actor, tree, register):
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    member = register(tree.c)
    year_close(actor=actor, org=tree.hm, year=2016)

    def decide(day):
        return org_result_record(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="tsvm", points=95, decided_on=day
        )

    assert "31/12/2016" in _refused(lambda: decide(D(2017, 1, 12)), "cls")  # decided in January, counted in 2016
    _refused(lambda: member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, rows=[{"member": member, "cls": "good"}],
        decided_on=D(2016, 12, 26),
    ), "__all__")  # fmt: skip
    assert not OrgResult.objects.exists()

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung kết quả xếp loại nhận muộn")
    assert decide(D(2017, 1, 12)).decided_on == D(2017, 1, 12)
