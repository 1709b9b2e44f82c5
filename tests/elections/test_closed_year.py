"""Elections of a closed year (core.closing): the turnout is in the issued report, so neither a
new election nor an area's result dated in that year is taken until the year is reopened."""

from dangvu.elections import services
from dangvu.elections.models import ElectionArea
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D
from ..conftest import closed_year_refused as _refused


def test_elections_of_a_closed_year_are_refused_until_reopened(actor, tree):
    election = services.election_create(
        actor=actor, name="Bầu cử ĐBQH khóa XIV", date=D(2016, 5, 22), organizer=tree.hm
    )
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: services.election_create(actor=actor, name="Bầu bổ sung", date=D(2016, 9, 4), organizer=tree.hm),
             "date")  # fmt: skip
    _refused(lambda: services.election_area_record(
        actor=actor, election=election, name="Phường Định Công", org=tree.a, registered=1000, voted=990,
    ), "org")  # fmt: skip
    assert not ElectionArea.objects.exists()

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung kết quả bầu cử nhận muộn")
    services.election_area_record(
        actor=actor, election=election, name="Phường Định Công", org=tree.a, registered=1000, voted=990
    )
    assert ElectionArea.objects.count() == 1
