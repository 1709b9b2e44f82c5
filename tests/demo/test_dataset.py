"""The demo data set as the seed describes Hoàng Mai 2016, counted from the records with the
selectors the indicators use (built once per session at a small scale by `demo_data`)."""

import datetime as dt
import re

import pytest
from django.db.models import Count

from dangvu.core.dates import add_months
from dangvu.members.models import EventKind, Member, MemberEvent, Status
from dangvu.members.selectors import member_count_on, members_on, search
from dangvu.organizations.models import GRASSROOTS_LEVELS, Kind, Organization
from dangvu.organizations.selectors import path_on, subtree_ids_during, subtree_periods_on

pytestmark = [pytest.mark.demo, pytest.mark.django_db]
D = dt.date
END = D(2016, 12, 31)


def grassroots_on(root, day) -> int:
    return subtree_periods_on(root, day).filter(org__level__in=GRASSROOTS_LEVELS).count()


def admitted_in(root, year) -> int:
    start, end = D(year, 1, 1), D(year, 12, 31)
    return MemberEvent.objects.filter(
        kind=EventKind.ADMITTED, date__range=(start, end), org_id__in=subtree_ids_during(root, start, end)
    ).count()


def test_fifty_four_grassroots_organizations_at_the_end_of_2016(demo_data):
    assert grassroots_on(demo_data.hm, END) == 54
    wards = subtree_periods_on(demo_data.hm, END).filter(org__kind=Kind.WARD, org__level="grassroots_committee")
    assert wards.count() == 14


def test_six_party_organizations_founded_in_non_state_enterprises_in_2016(demo_data):
    founded = Organization.objects.filter(
        path__startswith=demo_data.hm.path, kind=Kind.NON_STATE_ENTERPRISE, founded_on__year=2016
    )
    assert founded.count() == 6
    assert all(o.is_grassroots for o in founded)
    assert len({o.founded_on.month for o in founded}) == 6  # spread over the year


def test_the_tree_as_of_a_date_shows_the_restructurings(demo_data):
    hm = demo_data.hm
    # 2014: the land-clearance board's chi bộ merged away; 2016: six new enterprise organizations.
    assert grassroots_on(hm, D(2013, 12, 31)) == 49
    assert grassroots_on(hm, D(2015, 12, 31)) == 48
    # 2012: Định Công's cells 31 and 30 merged.
    dc = demo_data.dinh_cong
    assert subtree_periods_on(dc, D(2012, 6, 30)).count() - subtree_periods_on(dc, D(2012, 7, 1)).count() == 1
    # 2013: a kindergarten's cell moved from Hoàng Liệt to Thịnh Liệt.
    cell = Organization.objects.get(code="HM-HL-MN2")
    assert path_on(cell, D(2013, 8, 14)).startswith(demo_data.org("HM-HL").path)
    assert path_on(cell, END).startswith(demo_data.org("HM-TL").path)
    # The members of a merged unit moved with it, each with a dated event.
    for code, target, day in (("HM-DC-31", "HM-DC-30", D(2012, 7, 1)), ("HM-GPMB", "HM-PTQD", D(2014, 9, 1))):
        merged = Organization.objects.get(code=code)
        assert merged.dissolved_on == day and merged.merged_into.code == target
        before = member_count_on(merged, day - dt.timedelta(days=1), include_subtree=False)
        assert member_count_on(merged, day, include_subtree=False) == 0
        moved = MemberEvent.objects.filter(kind=EventKind.MOVED, date=day, org=merged, to_org=merged.merged_into)
        assert moved.count() == before
    assert MemberEvent.objects.filter(kind=EventKind.MOVED).exists()


def test_codes_are_readable(demo_data):
    cell = demo_data.org("HM-DK-01")
    assert cell.parent.code == "HM-DK" and cell.parent.name == "Đảng bộ phường Đại Kim"
    assert demo_data.hm.parent.code == "HN"


def test_209_members_admitted_in_2016_and_admissions_every_year_since_2006(demo_data):
    assert admitted_in(demo_data.hm, 2016) == 209
    for year in range(2006, 2016):
        assert admitted_in(demo_data.hm, year) > 0, year


def test_no_admission_in_a_new_enterprise_cell_before_it_was_founded(demo_data):
    for org in Organization.objects.filter(kind=Kind.NON_STATE_ENTERPRISE, founded_on__year=2016):
        assert not MemberEvent.objects.filter(org=org, date__lt=org.founded_on).exists()
    assert MemberEvent.objects.filter(org__kind=Kind.NON_STATE_ENTERPRISE, kind=EventKind.ADMITTED).exists()


def test_every_admission_fits_the_age_rule_and_recognition_comes_after_twelve_months(demo_data):
    admitted = MemberEvent.objects.filter(kind=EventKind.ADMITTED).select_related("member")
    for ev in admitted:
        age_months = (ev.date.year - ev.member.birth_date.year) * 12 + ev.date.month - ev.member.birth_date.month
        assert 18 * 12 <= age_months <= 60 * 12 + 1, ev.member
        assert re.fullmatch(r"\d+-QĐ/QU", ev.decision_no)
    for ev in MemberEvent.objects.filter(kind=EventKind.RECOGNIZED, member__in=admitted.values("member")):
        assert ev.date == add_months(ev.member.admitted_on, 12)
        assert ev.decision_date >= ev.date


def test_the_history_holds_every_kind_of_event(demo_data):
    kinds = set(MemberEvent.objects.filter(date__gte=D(2006, 1, 1)).values_list("kind", flat=True))
    for kind in (EventKind.RECOGNIZED, EventKind.PROBATION_FAILED, EventKind.DIED, EventKind.TRANSFERRED,
                 EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT, EventKind.REMOVED, EventKind.EXEMPTED,
                 EventKind.MOVED):  # fmt: skip
        assert kind in kinds, kind
    # Everyone present at the start was registered on 1/1/2006; later arrivals are increases.
    assert not MemberEvent.objects.filter(kind=EventKind.REGISTERED).exclude(date=D(2006, 1, 1)).exists()


def test_each_year_start_plus_increase_minus_decrease_is_the_end(demo_data):
    hm = demo_data.hm
    plus = (EventKind.ADMITTED, EventKind.TRANSFERRED_IN)
    minus = (EventKind.TRANSFERRED_OUT, EventKind.DIED, EventKind.REMOVED, EventKind.PROBATION_FAILED)
    for year in range(2007, 2017):
        start, end = D(year, 1, 1), D(year, 12, 31)
        counts = dict(
            MemberEvent.objects.filter(date__range=(start, end), org_id__in=subtree_ids_during(hm, start, end))
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        change = sum(counts.get(k, 0) for k in plus) - sum(counts.get(k, 0) for k in minus)
        assert member_count_on(hm, D(year - 1, 12, 31)) + change == member_count_on(hm, end), year


def test_identities_look_real_and_full_members_hold_a_card(demo_data):
    members = list(Member.objects.all())
    assert len({m.citizen_id for m in members}) == len(members)
    for m in members:
        assert re.fullmatch(r"001[01]\d{8}", m.citizen_id)
        assert m.citizen_id[3] == ("1" if m.sex == "F" else "0")
        assert m.citizen_id[4:6] == f"{m.birth_date.year % 100:02d}"
        if m.status == Status.FULL:
            assert re.fullmatch(r"\d{8}", m.party_card_no or ""), m
    sexes = Member.objects.values("sex").annotate(n=Count("id"))
    share_f = next(x["n"] for x in sexes if x["sex"] == "F") / len(members)
    assert 0.3 < share_f < 0.6
    assert Member.objects.exclude(ethnicity="Kinh").exists() and Member.objects.exclude(religion="Không").exists()


def test_nguyen_van_an_is_a_member_of_dinh_cong(demo_data):
    found = search(members_on(demo_data.dinh_cong, END), "nguyen van an")
    assert "Nguyễn Văn An" in {m.full_name for m in found}
