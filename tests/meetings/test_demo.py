"""The demo's meetings and dues of two wards: the figures come out of the records, and the
removal list names the members the steps made absent or unpaid."""

import datetime as dt

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.meetings.selectors import removal_flags
from dangvu.members.models import MemberPeriod


def test_two_wards_meet_monthly_collect_dues_and_flag_absent_or_unpaid_members(db, demo_data):
    year = Period.year(2016)
    dinh_cong, dai_kim, hm = demo_data.dinh_cong, demo_data.dai_kim, demo_data.hm
    held = catalogue.compute("meetings.held", hm, year)
    assert held == sum(catalogue.compute("meetings.held", ward, year) for ward in (dinh_cong, dai_kim))
    assert held >= 2 * 12
    assert catalogue.compute("dues.collected", hm, year) > 0
    flags = removal_flags(hm, 2016, as_of=dt.date(2017, 1, 5))
    assert any(len(f.absent_months) >= 3 for f in flags) and any(len(f.unpaid_months) >= 3 for f in flags)
    # Flagged members were in the two wards' cells in 2016 (some have moved on since).
    in_wards = set(
        MemberPeriod.objects.filter(org__path__startswith=dinh_cong.path, valid_from__lte=year.end).values_list(
            "member_id", flat=True
        )
    ) | set(
        MemberPeriod.objects.filter(org__path__startswith=dai_kim.path, valid_from__lte=year.end).values_list(
            "member_id", flat=True
        )
    )
    assert {f.member.pk for f in flags} <= in_wards
