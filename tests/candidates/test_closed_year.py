"""Admission files in a closed year (core.closing): candidates.in_pipeline counts the files open at
the year's end, so a file opened, advanced or closed on a day of a closed year is refused until
the year is reopened; a later day is taken."""

from dangvu.candidates import services
from dangvu.candidates.models import Candidate, Status, StepKind
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D, identity
from ..conftest import closed_year_refused as _refused


def test_candidate_files_of_a_closed_year_are_refused_until_reopened(actor, tree):
    def open_on(day):
        return services.candidate_open(actor=actor, org=tree.a1, opened_on=day, **identity(birth_date=D(1995, 4, 10)))

    kept = open_on(D(2016, 2, 1))
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: open_on(D(2016, 6, 1)), "opened_on")
    _refused(
        lambda: services.candidate_record_step(actor=actor, candidate=kept, kind=StepKind.COURSE, date=D(2016, 3, 1)),
        "date",
    )
    _refused(
        lambda: services.candidate_close(actor=actor, candidate=kept, closed_on=D(2016, 12, 1), reason="Chuyển đi"),
        "closed_on",
    )
    assert Candidate.objects.count() == 1 and not kept.steps.exists()
    services.candidate_record_step(actor=actor, candidate=kept, kind=StepKind.APPLICATION, date=D(2017, 1, 9))

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung hồ sơ kết nạp nhận muộn")
    services.candidate_close(actor=actor, candidate=kept, closed_on=D(2017, 1, 10), reason="Chuyển đi")
    assert Candidate.objects.get().status == Status.CLOSED
    open_on(D(2016, 6, 1))
