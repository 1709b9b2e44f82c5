"""The demo gives some members a filled record sheet (languages, health, work history …)
through member_update, invented and reproducible, without touching the seed's figures."""

import pytest

from dangvu.members.models import IN_PARTY_STATUSES, Member, MemberWorkPeriod
from dangvu.reports.member_sheet import sheet_html

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_the_example_member_and_one_in_twenty_have_a_filled_record_sheet(demo_data):
    demo_data.ensure()
    an = Member.objects.get(full_name="Nguyễn Văn An", org__code="HM-DC-01")
    lines = list(an.work_periods.all())
    assert an.health and lines
    assert lines[-1].ended_on is None or an.occupation == "Hưu trí"  # the last line runs to this day
    assert all(p.ended_on is None or p.started_on <= p.ended_on for p in MemberWorkPeriod.objects.all())
    in_party = Member.objects.filter(status__in=IN_PARTY_STATUSES).count()
    filled = Member.objects.exclude(health="").count()
    assert in_party // 20 <= filled <= in_party // 20 + 2
    html = sheet_html(an, show_citizen_id=False)
    assert lines[0].work in html and f"{lines[0].started_on:%m/%Y}" in html
