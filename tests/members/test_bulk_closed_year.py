"""The bulk registration behind the import and the bulk API (members.bulk) refuses rows dated in a
closed year like member_register does, naming each row, and stores nothing; once the year is
reopened the same rows are taken."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.closing import checker, require_open, unlocked
from dangvu.members.bulk import RowErrors, members_admit_bulk, members_register_bulk
from dangvu.members.models import Member
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D, identity


def test_bulk_rows_in_a_closed_year_are_refused_by_row_until_reopened(actor, tree):
    year_close(actor=actor, org=tree.hm, year=2016)
    registered = dict(org=tree.a1, joined_on=D(2016, 4, 1), admitted_on=D(2010, 2, 3), recognized_on=D(2011, 2, 3),
                      **identity())  # fmt: skip
    elsewhere = dict(org=tree.a1, joined_on=D(2017, 4, 1), admitted_on=D(2010, 2, 3), recognized_on=D(2011, 2, 3),
                     **identity())  # fmt: skip
    with pytest.raises(RowErrors) as e:
        members_register_bulk(actor=actor, rows=[(2, registered), (3, elsewhere)])
    assert set(e.value.rows) == {2}
    assert "Số liệu năm 2016" in " ".join(e.value.rows[2].messages) and "mở lại" in " ".join(e.value.rows[2].messages)
    admitted = dict(
        org=tree.a1, admitted_on=D(2016, 9, 2), decision_no="12-QĐ/QU", **identity(birth_date=D(1990, 1, 1))
    )
    with pytest.raises(RowErrors) as e:
        members_admit_bulk(actor=actor, rows=[(2, admitted)])
    assert "đã chốt" in " ".join(e.value.rows[2].messages)
    assert not Member.objects.exists()

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung danh sách đảng viên nhận muộn")
    assert members_register_bulk(actor=actor, rows=[(2, registered), (3, elsewhere)]).created == 2
    assert members_admit_bulk(actor=actor, rows=[(2, admitted)]).created == 1


def test_the_bulk_check_refuses_what_require_open_refuses_with_the_same_message(actor, tree):
    # The bulk path reads each year's closes once (core.closing.checker) instead of asking per
    # record; a ward and the district above it both closed, the district's close made first.
    year_close(actor=actor, org=tree.hm, year=2016)
    year_close(actor=actor, org=tree.a, year=2016)
    year_close(actor=actor, org=tree.b, year=2017)
    check = checker()
    for org in (tree.hn, tree.hm, tree.a, tree.a1, tree.b1, tree.c):
        for day in (D(2015, 12, 31), D(2016, 6, 1), D(2017, 1, 1)):
            assert _refusal(check, org, day) == _refusal(require_open, org, day), (org.code, day)
    assert _refusal(check, tree.a1, D(2016, 6, 1)) and not _refusal(check, tree.hn, D(2016, 6, 1))
    with unlocked():
        assert _refusal(check, tree.a1, D(2016, 6, 1)) is None


def _refusal(check, org, day):
    try:
        check(org=org, day=day, field="joined_on")
    except ValidationError as e:
        return e.message_dict
    return None
