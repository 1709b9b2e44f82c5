"""The demo's meetings and dues of two wards: the figures come out of the records, and the
removal list names the members the steps made absent or unpaid."""

import datetime as dt

from dangvu.indicators import registry
from dangvu.indicators.registry import Period
from dangvu.meetings.selectors import removal_flags


def test_two_wards_meet_monthly_collect_dues_and_flag_absent_or_unpaid_members(db, demo_data):
    year = Period.year(2016)
    dinh_cong, dai_kim, hm = demo_data.dinh_cong, demo_data.dai_kim, demo_data.hm
    held = registry.compute("meetings.held", hm, year)
    assert held == registry.compute("meetings.held", dinh_cong, year) + registry.compute("meetings.held", dai_kim, year)
    assert held >= 2 * 12
    assert registry.compute("dues.collected", hm, year) > 0
    flags = removal_flags(hm, 2016, as_of=dt.date(2017, 1, 5))
    assert any(len(f.absent_months) >= 3 for f in flags) and any(len(f.unpaid_months) >= 3 for f in flags)
    assert all(f.member.org.path.startswith((dinh_cong.path, dai_kim.path)) for f in flags)
