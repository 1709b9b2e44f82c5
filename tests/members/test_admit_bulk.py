"""members_admit_bulk (the admission import's path) stores exactly what member_admit stores row by
row — members, events, periods and the audit trail — and refuses the same rows with the same
messages, all or nothing (issue 16, item 4)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.members.bulk import RowErrors, members_admit_bulk
from dangvu.members.models import Member
from dangvu.members.services import member_admit

from .test_bulk import _audit, _snapshot

D = dt.date


def _rows(tree):
    return [
        dict(org=tree.a1, admitted_on=D(2016, 5, 19), decision_no="125-QĐ/ĐU", decision_date=D(2016, 5, 20),
             full_name="Nguyễn Văn An", birth_date=D(1990, 5, 17), sex="M", citizen_id="001090000001",
             party_card_no="01000001", hometown="Thanh Trì", foreign_languages="Tiếng Anh B1"),
        dict(org=tree.c, admitted_on=D(2016, 9, 2), decision_no="7-QĐ/QU", full_name="  Trần   Thị Bình ",
             birth_date=D(1995, 1, 9), sex="F", citizen_id="001195000002"),
        dict(org=tree.b1, admitted_on=D(2016, 3, 1), decision_no="8-QĐ/ĐU", full_name="Lê Văn Cường",
             birth_date=D(1988, 7, 1), sex="M", ethnicity="Tày"),
    ]  # fmt: skip


def _one_by_one(actor, rows):
    with transaction.atomic():
        since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for row in rows:
            member_admit(actor=actor, **row)
        state = _snapshot(), _audit(since)
        transaction.set_rollback(True)
    return state


def test_bulk_admission_stores_what_member_admit_stores(tree, actor):
    rows = _rows(tree)
    expected_state, expected_audit = _one_by_one(actor, rows)
    since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    result = members_admit_bulk(actor=actor, rows=enumerate(rows, start=2))
    assert result.created == 3 and not result.errors
    assert _snapshot() == expected_state
    assert _audit(since) == expected_audit
    assert len(expected_audit) == 3 + 3  # three members, three admissions
    assert set(Member.objects.values_list("status", flat=True)) == {"probationary"}


def _errors_of_member_admit(actor, row, before=()):
    with transaction.atomic():
        for earlier in before:
            member_admit(actor=actor, **earlier)
        try:
            member_admit(actor=actor, **row)
        except ValidationError as e:
            return e.message_dict
        finally:
            transaction.set_rollback(True)
    raise AssertionError("member_admit accepted the row")


def test_every_failing_admission_is_reported_with_member_admits_message_and_nothing_is_stored(tree, actor, register):
    register(tree.a2, full_name="Hồ Văn Khánh", citizen_id="001070000009")
    good = _rows(tree)
    bad = {
        3: {**good[1], "birth_date": D(2000, 1, 1)},  # 16 years old on the day
        4: {**good[2], "citizen_id": "001070000009"},  # stored already
        5: {**good[2], "party_card_no": "01000001", "full_name": "Lê Văn Cường Em"},  # row 2's card
        6: {**good[2], "decision_no": " "},
        7: {**good[2], "org": tree.a},  # not a cell
        8: {**good[2], "admitted_on": D(2099, 1, 1)},
    }  # fmt: skip
    with pytest.raises(RowErrors) as caught:
        members_admit_bulk(actor=actor, rows=[(2, good[0]), *bad.items()])
    assert sorted(caught.value.rows) == sorted(bad)
    for number, row in bad.items():
        before = [good[0]] if number == 5 else []
        assert caught.value.rows[number].message_dict == _errors_of_member_admit(actor, row, before), number
    assert Member.objects.count() == 1  # the one registered before
