"""Meeting attendance, the votes taken and the members' dues bases from Excel (issue 16): each row
through the area's own service and its audit, a bad row refused naming row and column, nothing
stored from a failing file, and no unit or member outside the importer's subtree."""

import datetime as dt

from auditlog.models import LogEntry

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.dues.models import DuesBasis, Payment
from dangvu.imports.importers import ImportContext
from dangvu.meetings.models import Attendance, Vote
from dangvu.meetings.services import meeting_create

from .helpers import row
from .test_more_kinds import _first_error, _run

D = dt.date


def _errors(result):
    return [m for r in result.bad for m in r.errors]


def _meetings(tree, actor, register):
    an, binh, chi = (register(tree.a1, party_card_no=f"0100000{i}") for i in (1, 2, 3))
    register(tree.b1, party_card_no="01000009")
    meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 3, 15))
    meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 4, 15))
    meeting_create(actor=actor, org=tree.a1, kind="thematic", date=D(2016, 4, 15))
    return an, binh, chi


def _att(**kw):
    return row("meeting_attendances", **{"org": "A1", "date": "15/03/2016", **kw})


def test_attendance_of_a_cell_meeting(ctx, tree, actor, register):
    an, binh, chi = _meetings(tree, actor, register)
    good = [_att(member="01000001", presence="x"), _att(member="01000002", presence="Vắng có phép", reason="Ốm"),
            _att(member="01000003", presence="Vắng không có lý do"),
            _att(member="01000001", date="15/04/2016", kind="Sinh hoạt chuyên đề", presence="Có mặt")]  # fmt: skip
    bad = [
        _att(member="01000002", date="15/04/2016", kind="Sinh hoạt chuyên đề", presence="Vắng có lý do"),  # no reason
        _att(member="01000009", presence="Có mặt"),  # row 7: a member of cell B1
        _att(member="01000003", date="16/03/2016", presence="Có mặt"),  # row 8: no meeting that day
        _att(member="01000003", date="15/04/2016", presence="Có mặt"),  # row 9: two meetings that day
        _att(member="01000001", presence="Vắng"),  # row 10: not a presence
    ]
    result = _run(ctx(tree.a), "meeting_attendances", *good, *bad, store=True)
    errors = _errors(result)
    member_col = "cột Số thẻ hoặc CCCD đảng viên"
    assert errors[0] == f"Dòng 6, {member_col}: Hãy ghi lý do vắng của đồng chí {binh.full_name}."
    assert errors[1].startswith("Dòng 7, cột Số thẻ hoặc CCCD đảng viên: Đồng chí")
    assert "không sinh hoạt tại" in errors[1]
    assert errors[2].startswith("Dòng 8, cột Ngày họp: Chi bộ")
    assert "chưa có buổi sinh hoạt ngày 16/03/2016" in errors[2]
    assert errors[3].startswith("Dòng 9, cột Loại:") and "hãy ghi cột Loại" in errors[3]
    assert errors[4].startswith("Dòng 10, cột Tham dự: Vắng không có trong danh sách")
    assert result.stored == 0 and not Attendance.objects.exists()
    # the same member twice for one meeting would silently keep only the last row
    twice = _run(ctx(tree.a), "meeting_attendances", *good, _att(member="01000001", presence="Vắng không phép"))
    assert _errors(twice) == [f"Dòng 6, cột Số thẻ hoặc CCCD đảng viên: Đồng chí {an.full_name} đã có ở dòng 2 "
                              "cho buổi sinh hoạt này; hãy giữ một dòng."]  # fmt: skip
    before = LogEntry.objects.count()
    assert _run(ctx(tree.a), "meeting_attendances", *good, store=True).stored == 4
    march = Attendance.objects.filter(meeting__date=D(2016, 3, 15))
    assert dict(march.values_list("member__party_card_no", "presence")) == {
        "01000001": "present", "01000002": "excused", "01000003": "unexcused"
    }  # fmt: skip
    assert Attendance.objects.get(meeting__kind="thematic").member == an
    assert LogEntry.objects.count() - before >= 4  # every row audited (and the meetings touched)


def test_a_ward_clerk_cannot_import_attendance_into_another_ward(tree, actor, register, make_user):
    _meetings(tree, actor, register)
    meeting_create(actor=actor, org=tree.b1, kind="regular", date=D(2016, 3, 15))
    clerk = make_user(Role.GRASSROOTS, tree.a)
    ctx = ImportContext(actor=clerk, scope=Scope.of(clerk), org=tree.a)
    result = _run(ctx, "meeting_attendances", _att(org="B1", member="01000009", presence="Có mặt"), store=True)
    where = [m.split(":")[0] for m in _errors(result)]
    assert where == ["Dòng 2, cột Chi bộ", "Dòng 2, cột Số thẻ hoặc CCCD đảng viên"]
    assert not Attendance.objects.exists()


def test_votes_taken_at_a_meeting(ctx, tree, actor, register):
    _meetings(tree, actor, register)
    _run(ctx(tree.a), "meeting_attendances", *(_att(member=f"0100000{i}", presence="Có mặt") for i in (1, 2, 3)),
         store=True)  # fmt: skip
    good = row("meeting_votes", org="A1", date="15/03/2016", question="Thông qua nghị quyết tháng 3",
               votes_for=3, votes_against=0)  # fmt: skip
    too_many = row("meeting_votes", org="A1", date="15/03/2016", question="Kết nạp quần chúng Lê Văn Cường",
                   votes_for=3, votes_against=1)  # fmt: skip
    result = _run(ctx(tree.a), "meeting_votes", good, too_many, store=True)
    assert _first_error(result) == (
        "Dòng 3, cột Tán thành: Tổng số biểu quyết (4) vượt số đảng viên có mặt (3)."
    )  # fmt: skip
    assert not Vote.objects.exists()
    assert _run(ctx(tree.a), "meeting_votes", good, store=True).stored == 1
    assert Vote.objects.get().votes_for == 3


def _basis(**kw):
    return row("dues_bases", **{"valid_from": "01/01/2016", **kw})


def test_dues_bases_then_payments(ctx, tree, register):
    register(tree.a1, party_card_no="01000001")
    register(tree.a1, party_card_no="01000002")
    good = [_basis(member="01000001", kind="Hưởng lương", base_amount="6.500.000"),
            _basis(member="01000002", kind="Mức cố định", fixed_amount=5000),
            _basis(member="01000001", kind="Hưởng lương", valid_from="1/7/2016", base_amount="7.000.000")]  # fmt: skip
    bad = [
        _basis(member="01000002", kind="Mức cố định", valid_from="15/01/2016", fixed_amount=5000),  # row 5: twice
        _basis(member="01000002", kind="Mức cố định", valid_from="01/03/2016", fixed_amount=50000),  # row 6
        _basis(member="01000002", kind="Hưởng lương hưu", valid_from="01/04/2016"),  # row 7: no pension amount
        _basis(member="01000002", kind="Học sinh, sinh viên", valid_from="01/05/2016"),  # row 8: only from 02/2026
    ]
    result = _run(ctx(tree.a), "dues_bases", *good, *bad, store=True)
    errors = _errors(result)
    assert errors[0].startswith("Dòng 5, cột Áp dụng từ tháng: Đồng chí") and "01/2016 ở dòng 3" in errors[0]
    assert errors[1] == ("Dòng 6, cột Mức cố định (đồng/tháng): Mức cố định phải từ 2.000 đến 30.000 đồng/tháng "
                         "(QĐ 342-QĐ/TW, mục B.I).")  # fmt: skip
    assert errors[2] == ("Dòng 7, cột Tiền lương, lương hưu hoặc lương tối thiểu vùng (đồng): Hãy nhập lương hưu, "
                         "trợ cấp BHXH hằng tháng (đồng).")  # fmt: skip
    assert errors[3].startswith("Dòng 8, cột Đối tượng:")
    assert not DuesBasis.objects.exists()
    assert _run(ctx(tree.a), "dues_bases", *good, store=True).stored == 3
    # The payments import now finds the amount due of each month: 1% of the salary in force.
    paid = [row("dues", member="01000001", month=f"01/{m:02d}/2016", paid_on=f"20/{m:02d}/2016") for m in (6, 7)]
    assert _run(ctx(tree.a), "dues", *paid, store=True).stored == 2
    assert list(Payment.objects.order_by("month").values_list("amount", flat=True)) == [65_000, 70_000]
