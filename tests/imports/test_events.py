"""A member's standing from Excel (issue 16, item 4): the `events` kind records recognition,
exemption and suspension with their dates, transfers out (into the tree or outside) and back in,
removal, "cho ra khỏi Đảng", expulsion and death, each through the lifecycle's own services, in
date order whatever the file's order; each bad row is refused naming row and column, and nothing
is stored."""

import datetime as dt

import pytest

from dangvu.accounts.scope import Scope
from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS, ImportContext
from dangvu.members.models import Activity, EventKind, Member, MemberEvent, MemberPeriod, Status

from .helpers import headers, row, xlsx

D = dt.date
KIND = "events"


def _run(ctx, *rows, **kw):
    importer = IMPORTERS[KIND]
    sheet = read_rows(xlsx([headers(KIND), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def ev(member, kind, date, **kw):
    return row(KIND, member=member, kind=kind, date=date, **kw)


@pytest.fixture
def people(tree, register, admit):
    out = {n: register(tree.a1, party_card_no=f"0100000{n}") for n in range(1, 9)}
    out["p"] = admit(tree.a1, on=D(2015, 3, 2), party_card_no="01000099")
    return out


def _state(member):
    member.refresh_from_db()
    return member.status, member.activity, member.org.code


def test_a_year_of_events_imports_through_the_lifecycle(ctx, tree, people):
    rows = [
        ev("01000099", "Công nhận chính thức", "02/03/2016", decision_no="1-QĐ/ĐU", decision_date="10/03/2016"),
        ev("01000001", "Miễn sinh hoạt và công tác", "01/03/2016", until="01/09/2016", reason="Tuổi cao"),
        ev("01000002", "Đình chỉ sinh hoạt", "01/05/2016", decision_no="2-QĐ/ĐU"),
        ev("01000003", "Chuyển đi", "01/06/2016", other="B1", decision_no="3-QĐ/QU"),
        # back in later the same year, listed before the transfer out: applied in date order
        ev("01000004", "Chuyển đến", "01/11/2016", other="Đảng bộ xã Tả Thanh Oai", org="A2"),
        ev("01000004", "Chuyển sinh hoạt đi", "01/06/2016", other="Đảng bộ xã Tả Thanh Oai"),
        ev("01000005", "Từ trần", "10/10/2016"),
        ev("01000006", "Cho ra khỏi Đảng", "12/12/2016", decision_no="4-QĐ/QU", reason="Tự nguyện xin ra"),
        ev("01000007", "Khai trừ", "15/12/2016", decision_no="5-QĐ/QU"),
        ev("01000008", "Xóa tên", "20/12/2016", decision_no="6-QĐ/QU"),
    ]
    preview = _run(ctx(tree.hm), *rows)
    assert preview.messages() == [] and not MemberEvent.objects.filter(date__year=2016).exists()
    result = _run(ctx(tree.hm), *rows, store=True)
    assert result.messages() == [] and result.stored == len(rows)
    p = people
    p["p"].refresh_from_db()
    assert (p["p"].status, p["p"].recognized_on) == (Status.FULL, D(2016, 3, 2))
    assert _state(p[1]) == (Status.FULL, Activity.ACTIVE, "A1")
    exempt = MemberPeriod.objects.filter(member=p[1], activity=Activity.EXEMPT)
    assert list(exempt.values_list("valid_from", "valid_to")) == [(D(2016, 3, 1), D(2016, 9, 1))]
    assert _state(p[2]) == (Status.FULL, Activity.SUSPENDED, "A1")
    assert _state(p[3]) == (Status.FULL, Activity.ACTIVE, "B1")
    assert _state(p[4]) == (Status.FULL, Activity.ACTIVE, "A2")
    assert [e.kind for e in p[4].events.order_by("date")][-2:] == [EventKind.TRANSFERRED_OUT, EventKind.TRANSFERRED_IN]
    assert _state(p[5])[0] == Status.DIED
    # Cho ra khỏi Đảng is its own event and status, not a removal (xóa tên) with a note.
    assert _state(p[6])[0] == Status.DISMISSED
    assert p[6].events.get(kind=EventKind.DISMISSED).reason == "Tự nguyện xin ra"
    assert not p[6].events.filter(kind=EventKind.REMOVED).exists()
    assert _state(p[7])[0] == Status.EXPELLED
    assert _state(p[8])[0] == Status.REMOVED


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (ev("01000001", "Công nhận chính thức", "02/03/2016", decision_no="1"),
         "Dòng 3, cột Sự kiện: Không thể công nhận chính thức: đảng viên đã là đảng viên chính thức."),
        (ev("09999999", "Từ trần", "02/03/2016"),
         "Dòng 3, cột Số thẻ hoặc CCCD đảng viên: không tìm thấy đảng viên có số thẻ hoặc số CCCD 09999999"),
        (ev("01000001", "Từ trần", "02/03/1980"), "Dòng 3, cột Ngày hiệu lực: Ngày hiệu lực phải sau ngày vào Đảng"),
        (ev("01000001", "Xóa tên", "02/03/2016"), "Dòng 3, cột Số quyết định: Hãy nhập số quyết định."),
        (ev("01000001", "Chuyển đi", "02/03/2016"), "Dòng 3, cột Nơi đi / nơi đến: Hãy nhập nơi chuyển đến"),
        (ev("01000002", "Miễn sinh hoạt", "02/03/2016"), "Dòng 3, cột Sự kiện: Không thể miễn sinh hoạt đảng: "
                                                          "đảng viên đã từ trần."),
        (ev("01000001", "Miễn sinh hoạt", "02/03/2016", until="01/03/2016"),
         "Dòng 3, cột Đến ngày: “Đến ngày” phải sau"),
        (ev("01000001", "Nghỉ hưu", "02/03/2016"), "Dòng 3, cột Sự kiện: Nghỉ hưu không có trong danh sách"),
        (ev("01000099", "Công nhận chính thức", "02/03/2016", decision_no="1", decision_date="01/02/2016"),
         "Dòng 3, cột Ngày quyết định: Chưa hết 12 tháng dự bị: sớm nhất ngày 02/03/2016"),
    ],
    ids=["recognize-full", "unknown-member", "before-admission", "removal-without-decision", "transfer-without-place",
         "after-death", "until-before-date", "unknown-event", "recognition-too-early"],
)  # fmt: skip
def test_each_bad_row_is_refused_naming_row_and_column_and_nothing_is_stored(ctx, tree, people, bad, expected):
    good = ev("01000002", "Từ trần", "01/01/2016")  # row 2, fine on its own
    before = (MemberEvent.objects.count(), MemberPeriod.objects.count())
    result = _run(ctx(tree.hm), good, bad, store=True)
    assert [e for r in result.bad for e in r.errors][0].startswith(expected), result.messages()
    assert result.stored == 0
    assert (MemberEvent.objects.count(), MemberPeriod.objects.count()) == before
    assert Member.objects.get(party_card_no="01000002").status == Status.FULL


def test_a_member_outside_the_users_scope_is_not_found(tree, people, register, make_user):
    """Ward A's clerk cannot record an event of ward B's member, though the card number exists."""
    register(tree.b1, party_card_no="02000001")
    clerk = make_user("grassroots", tree.a)
    ctx = ImportContext(actor=clerk, scope=Scope.of(clerk), org=tree.a)
    result = _run(ctx, ev("02000001", "Từ trần", "01/01/2016"), store=True)
    assert result.bad[0].errors[0].startswith("Dòng 2, cột Số thẻ hoặc CCCD đảng viên: không tìm thấy đảng viên")
    assert not MemberEvent.objects.filter(kind=EventKind.DIED).exists()
