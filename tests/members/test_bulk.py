"""members_register_bulk stores exactly what member_register stores row by row — members, events,
periods and the audit trail — refuses the same rows with the same messages, and is all or nothing."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dangvu.members import bulk
from dangvu.members.bulk import RowErrors, members_register_bulk
from dangvu.members.models import Member, MemberEvent, MemberPeriod
from dangvu.members.services import member_register

D = dt.date


def _rows(tree):
    return [
        # recognized after joining: REGISTERED as probationary, then RECOGNIZED (and a status update)
        dict(org=tree.a1, joined_on=D(2005, 2, 3), admitted_on=D(2005, 2, 3), recognized_on=D(2006, 2, 3),
             full_name="Nguyễn Văn An", birth_date=D(1980, 5, 17), sex="M", citizen_id="001080000001",
             party_card_no="01000001", hometown="Thanh Trì", phone="0912345678",
             # the rest of the record sheet, as the import brings it
             alias="Hai Ân", foreign_languages="Tiếng Anh B1", youth_union_joined_on=D(1996, 3, 26),
             mass_org_positions="Chi hội trưởng Cựu chiến binh", health="Tốt"),
        # recognized before joining the cell: one REGISTERED event as a full member
        dict(org=tree.a2, joined_on=D(2010, 1, 1), admitted_on=D(1990, 3, 2), recognized_on=D(1991, 3, 2),
             full_name="  Trần   Thị Bình ", birth_date=D(1965, 1, 9), sex="F", citizen_id="001165000002"),
        # transferred in from outside, still probationary, no numbers
        dict(org=tree.b1, joined_on=D(2016, 3, 1), admitted_on=D(2015, 9, 2), transferred_in=True,
             place="Đảng bộ xã Tả Thanh Oai", decision_no="12-QĐ/HU", full_name="Lê Văn Cường",
             birth_date=D(1990, 7, 1), sex="M", ethnicity="Tày", religion="Phật giáo"),
        # a grassroots cell
        dict(org=tree.c, joined_on=D(2012, 9, 5), admitted_on=D(2008, 5, 19), recognized_on=D(2009, 5, 19),
             full_name="Phạm Thị Dung", birth_date=D(1982, 2, 28), sex="F", party_card_no=" 0100 0004 ",
             citizen_id=""),
    ]  # fmt: skip


def _snapshot():
    """Members, events and periods as plain values, keyed by name: no ids, no timestamps."""
    skip = {"id", "created_at", "updated_at"}
    name = dict(Member.objects.values_list("pk", "full_name"))

    def plain(row):
        out = {k: v for k, v in row.items() if k not in skip}
        if "member_id" in out:
            out["member_id"] = name[out["member_id"]]
        return out

    members = sorted((plain(r) for r in Member.objects.values()), key=lambda r: r["full_name"])
    events = sorted((plain(r) for r in MemberEvent.objects.values()), key=lambda r: (r["member_id"], r["date"]))
    periods = sorted((plain(r) for r in MemberPeriod.objects.values()),
                     key=lambda r: (r["member_id"], r["valid_from"]))  # fmt: skip
    return members, events, periods


def _audit(since: int):
    """The audit entries written after `since`, with ids and timestamps blanked."""
    out = []
    for e in LogEntry.objects.filter(pk__gt=since).order_by("timestamp", "pk"):
        changes = {
            k: ["<id>" if k in ("id", "member") else "<time>" if k in ("created_at", "updated_at") else v for v in pair]
            for k, pair in e.changes.items()
        }  # fmt: skip
        out.append((e.content_type_id, e.action, e.object_repr, e.actor_id, e.actor_email, e.remote_addr,
                     e.remote_port, e.cid, e.serialized_data, e.additional_data, e.changes_text, changes))  # fmt: skip
    return out


def _one_by_one(actor, rows):
    with transaction.atomic():
        since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for row in rows:
            member_register(actor=actor, **row)
        state = _snapshot(), _audit(since)
        transaction.set_rollback(True)
    return state


def test_bulk_stores_the_same_members_events_periods_and_audit_as_one_by_one(tree, actor):
    rows = _rows(tree)
    expected_state, expected_audit = _one_by_one(actor, rows)
    assert not Member.objects.exists()
    since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    result = members_register_bulk(actor=actor, rows=enumerate(rows, start=2))
    assert result.created == 4 and not result.errors
    assert _snapshot() == expected_state
    names = dict(Member.objects.values_list("pk", "full_name"))  # each row's member, for the caller
    assert {n: names[pk] for n, pk in result.ids.items()} == {
        2: "Nguyễn Văn An", 3: "Trần Thị Bình", 4: "Lê Văn Cường", 5: "Phạm Thị Dung"
    }  # fmt: skip
    assert len(expected_state[1]) == 5 and len(expected_state[2]) == 5  # the recognition made a second period
    assert _audit(since) == expected_audit
    assert len(expected_audit) == 4 + 5 + 1  # four members, five events, one status update


def test_the_audit_names_the_actor_and_reads_in_the_order_of_writing(tree, actor):
    members_register_bulk(actor=actor, rows=[(2, _rows(tree)[0])])
    m = Member.objects.get()
    history = list(LogEntry.objects.get_for_object(m).order_by("timestamp"))
    assert [(e.action, e.actor, e.actor_email) for e in history] == [(0, actor, actor.email), (1, actor, actor.email)]
    assert history[1].changes == {"status": ["probationary", "full"]}
    assert history[0].changes["full_name"] == ["None", "Nguyễn Văn An"]
    assert history[0].changes["status"] == ["None", "probationary"]


def _errors_of_member_register(actor, row, before=()):
    with transaction.atomic():
        for earlier in before:
            member_register(actor=actor, **earlier)
        try:
            member_register(actor=actor, **row)
        except ValidationError as e:
            return e.message_dict
        finally:
            transaction.set_rollback(True)
    raise AssertionError("member_register accepted the row")


def test_every_failing_row_is_reported_with_member_registers_message_and_nothing_is_stored(tree, actor, register):
    register(tree.a2, full_name="Hồ Văn Khánh", citizen_id="001070000009")
    good = _rows(tree)
    bad = {
        3: {**good[1], "full_name": "Bình", "citizen_id": "12345"},  # two identity errors at once
        4: {**good[2], "citizen_id": "001070000009"},  # stored already
        5: {**good[2], "place": "", "full_name": "Lê Văn Cường Em"},  # transferred in without the place
        6: {**good[3], "party_card_no": "01000001"},  # the card of row 2, in the same call
        7: {**good[0], "citizen_id": "001080000077", "party_card_no": "", "joined_on": D(2004, 1, 1),
            "admitted_on": D(2005, 2, 3)},  # joined before admitted
        8: {**good[0], "citizen_id": "001080000078", "party_card_no": "", "org": tree.a},  # not a cell
        9: {**good[0], "citizen_id": "001080000079", "party_card_no": "", "recognized_on": D(2005, 6, 1)},
        10: {**good[0], "citizen_id": "001080000080", "party_card_no": "",
             "admitted_on": D(2099, 1, 1)},  # in the future
    }  # fmt: skip
    rows = [(2, good[0]), *bad.items()]
    with pytest.raises(RowErrors) as caught:
        members_register_bulk(actor=actor, rows=rows)
    assert sorted(caught.value.rows) == sorted(bad)
    for number, row in bad.items():
        before = [good[0]] if number == 6 else []
        assert caught.value.rows[number].message_dict == _errors_of_member_register(actor, row, before), number
    assert caught.value.rows[3].message_dict == {
        "full_name": ["Hãy nhập đủ họ và tên (ít nhất hai chữ), ví dụ Nguyễn Văn An."],
        "citizen_id": ["Số CCCD 12345 không hợp lệ: phải gồm đúng 12 chữ số."],
    }
    assert caught.value.rows[6].message_dict == {
        "party_card_no": ["Số thẻ đảng viên 01000001 đã có ở đảng viên Nguyễn Văn An; hãy kiểm tra lại."]
    }
    assert Member.objects.count() == 1  # the one registered before


def test_skip_invalid_stores_the_valid_rows_and_returns_the_failures(tree, actor):
    good = _rows(tree)
    rows = [(2, good[0]), (3, {**good[1], "sex": "X"}), (4, good[2])]
    result = members_register_bulk(actor=actor, rows=rows, skip_invalid=True)
    assert result.created == 2 and list(result.errors) == [3]
    assert result.errors[3].message_dict == {"sex": ["Giới tính phải là Nam hoặc Nữ."]}
    assert set(Member.objects.values_list("full_name", flat=True)) == {"Nguyễn Văn An", "Lê Văn Cường"}


def test_many_rows_in_several_batches_match_one_by_one(tree, actor, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 3)
    cells = [tree.a1, tree.a2, tree.b1, tree.c]
    rows = [
        dict(org=cells[i % 4], joined_on=D(2004 + i % 7, 1 + i % 12, 1), admitted_on=D(2003, 1 + i % 12, 1),
             recognized_on=D(2004 + i % 3, 2 + i % 10, 1), full_name=f"Nguyễn Văn Số {i}", birth_date=D(1970, 1, 1),
             sex="M", citizen_id=f"{2_000_000 + i:012d}", party_card_no=f"{2_000_000 + i:09d}")
        for i in range(10)
    ]  # fmt: skip
    expected = _one_by_one(actor, rows)
    since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert members_register_bulk(actor=actor, rows=enumerate(rows, start=2)).created == 10
    assert (_snapshot(), _audit(since)) == expected


def test_a_later_batch_naming_a_stored_number_comes_out_as_row_by_row(tree, actor, register, monkeypatch):
    """On PostgreSQL a batch is checked while the one before is written, before the stored members
    can be read (core.bulk.WritesBehind), then again when they hold a number it names. Row 4 takes
    a stored member's citizen ID and has a bad sex too: both messages. Row 5 shares row 4's card
    number: since row 4 is refused, row 5 is not a duplicate of it and is stored, as when each row
    is registered in turn (the same on SQLite, which checks each batch once)."""
    monkeypatch.setattr(bulk, "BATCH", 2)
    register(tree.a2, full_name="Hồ Văn Khánh", citizen_id="001090000099")

    def row(n, **kw):
        return dict(org=tree.a1, joined_on=D(2010, 1, 1), admitted_on=D(2005, 1, 1), full_name=f"Đỗ Văn Tư {n}",
                    birth_date=D(1980, 1, 1), sex="M", citizen_id=f"0010900000{n:02d}", **kw)  # fmt: skip

    refused = {**row(4), "citizen_id": "001090000099", "sex": "X", "party_card_no": "01009999"}
    rows = [(2, row(2)), (3, row(3)), (4, refused), (5, row(5, party_card_no="01009999"))]
    result = members_register_bulk(actor=actor, rows=rows, skip_invalid=True)
    assert list(result.errors) == [4]
    assert result.errors[4].message_dict == {
        "sex": ["Giới tính phải là Nam hoặc Nữ."],
        "citizen_id": ["Số CCCD 001090000099 đã có ở đảng viên Hồ Văn Khánh; hãy kiểm tra lại."],
    }
    assert result.created == 3
    assert Member.objects.get(party_card_no="01009999").full_name == "Đỗ Văn Tư 5"


def test_a_database_error_part_way_leaves_nothing_written(tree, actor, register, monkeypatch):
    """Someone else stores the citizen ID of row 4 after it was checked: the insert of the second
    batch fails on the unique index, and the first batch is rolled back with it."""
    monkeypatch.setattr(bulk, "BATCH", 2)
    register(tree.a2, full_name="Hồ Văn Khánh", citizen_id="001090000004")
    checked = bulk._stored_numbers
    monkeypatch.setattr(bulk, "_stored_numbers", lambda batch: {k: v for k, v in checked(batch).items()
                                                                 if k[1] != "001090000004"})  # fmt: skip
    rows = [
        (n, dict(org=tree.a1, joined_on=D(2010, 1, 1), admitted_on=D(2005, 1, 1), full_name=f"Đỗ Văn Tư {n}",
                 birth_date=D(1980, 1, 1), sex="M", citizen_id=f"0010900000{n:02d}"))
        for n in range(1, 5)
    ]  # fmt: skip
    entries = LogEntry.objects.count()
    with pytest.raises(IntegrityError):
        members_register_bulk(actor=actor, rows=rows)
    assert list(Member.objects.values_list("full_name", flat=True)) == ["Hồ Văn Khánh"]
    assert not MemberEvent.objects.exclude(member__full_name="Hồ Văn Khánh").exists()
    assert LogEntry.objects.count() == entries


def test_ids_come_from_the_database_sequence_so_later_saves_and_deleted_ids_do_not_clash(tree, actor, register):
    gone = register(tree.a1, full_name="Ngô Văn Cũ")
    gone_id = gone.pk
    Member.objects.filter(pk=gone_id).delete()  # its audit history keeps the id: it must not be reused
    members_register_bulk(actor=actor, rows=enumerate(_rows(tree), start=2))
    ids = sorted(Member.objects.values_list("pk", flat=True))
    assert ids[0] > gone_id
    later = register(tree.a2, full_name="Đinh Văn Sau")
    assert later.pk > ids[-1]
    event_ids = sorted(MemberEvent.objects.values_list("pk", flat=True))
    assert later.events.get().pk == event_ids[-1]
