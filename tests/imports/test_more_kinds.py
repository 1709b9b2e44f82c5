"""Training attendances, cell meetings and party dues from Excel (issue 16, item 5): a good row
is stored through the area's own service, a bad row is refused naming row and column, and
nothing is stored from a failing file."""

import datetime as dt

from dangvu.core.excel.reading import read_rows
from dangvu.dues.models import Payment
from dangvu.dues.services import dues_basis_set
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.meetings.models import Meeting
from dangvu.training.models import Attendance
from dangvu.training.services import training_class_create

from .helpers import headers, row, xlsx

D = dt.date


def _run(ctx, kind, *rows, **kw):
    importer = IMPORTERS[kind]
    sheet = read_rows(xlsx([headers(kind), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def _first_error(result):
    return [m for r in result.bad for m in r.errors][0]


def test_training_attendances(ctx, tree, actor, register):
    register(tree.a1, party_card_no="01000001")
    register(tree.b1, party_card_no="01000002")
    training_class_create(actor=actor, title="Lớp nghiệp vụ công tác đảng 2016", organizer=tree.hm, kind="other",
                          start_date=D(2016, 6, 6), end_date=D(2016, 6, 10))  # fmt: skip
    good = [row("training_attendances", title="lop nghiep vu cong tac dang 2016", start_date="06/06/2016",
                member=card) for card in ("01000001", "01000002")]  # fmt: skip
    twice = row("training_attendances", title="Lớp nghiệp vụ công tác đảng 2016", start_date="06/06/2016",
                member="01000001")  # fmt: skip
    result = _run(ctx(tree.hm), "training_attendances", *good, twice, store=True)
    assert _first_error(result).startswith("Dòng 4, cột Số thẻ hoặc CCCD đảng viên: Đồng chí")
    assert not Attendance.objects.exists()
    unknown = row("training_attendances", title="Lớp khác", start_date="06/06/2016", member="01000001")
    result = _run(ctx(tree.hm), "training_attendances", unknown)
    assert _first_error(result).startswith("Dòng 2, cột Tên lớp: không có lớp nào tên “Lớp khác”")
    assert _run(ctx(tree.hm), "training_attendances", *good, store=True).stored == 2
    assert Attendance.objects.count() == 2


def test_meetings(ctx, tree, register):
    register(tree.a1, party_card_no="01000001")
    register(tree.b1, party_card_no="01000002")
    good = row("meetings", org="A1", date="15/03/2016", chair="01000001", agenda="Sinh hoạt tháng 3")
    thematic = row("meetings", org="A1", kind="Sinh hoạt chuyên đề", date="20/03/2016")
    bad = row("meetings", org="A1", date="15/04/2016", chair="01000002")  # a member of another cell
    result = _run(ctx(tree.a), "meetings", good, thematic, bad, store=True)
    assert _first_error(result).startswith("Dòng 4, cột Người chủ trì (số thẻ hoặc CCCD): Người chủ trì")
    assert not Meeting.objects.exists()
    not_a_cell = row("meetings", org="A", date="15/04/2016")
    assert _first_error(_run(ctx(tree.a), "meetings", not_a_cell)).startswith("Dòng 2, cột Chi bộ: Đảng bộ phường")
    assert _run(ctx(tree.a), "meetings", good, thematic, store=True).stored == 2
    assert sorted(Meeting.objects.values_list("kind", flat=True)) == ["regular", "thematic"]


def test_dues_payments(ctx, tree, actor, register):
    paying = register(tree.a1, party_card_no="01000001")
    register(tree.a1, party_card_no="01000002")  # no basis recorded
    dues_basis_set(actor=actor, member=paying, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    good = [row("dues", member="01000001", month=f"01/{m:02d}/2016", paid_on=f"15/{m:02d}/2016") for m in (1, 2, 3)]
    no_basis = row("dues", member="01000002", month="01/01/2016", paid_on="15/01/2016")
    result = _run(ctx(tree.a), "dues", *good, no_basis, store=True)
    assert _first_error(result).startswith("Dòng 5, cột Tháng: Chưa có căn cứ đóng đảng phí")
    assert not Payment.objects.exists()
    short = row("dues", member="01000001", month="01/04/2016", paid_on="15/04/2016", amount=1000)
    assert _first_error(_run(ctx(tree.a), "dues", short)).startswith("Dòng 2, cột Số tiền (đồng): Số tiền thấp hơn")
    assert _run(ctx(tree.a), "dues", *good, store=True).stored == 3
    assert sorted(Payment.objects.values_list("amount", flat=True)) == [5000, 5000, 5000]


LIST_PAGES = {  # the page where a kind's records are listed -> the kinds it offers to import
    "/to-chuc/cay/": ["organizations"], "/dang-vien/": ["members", "admissions", "events"],
    "/can-bo/": ["cadres"], "/boi-duong/": ["training", "training_attendances"], "/khen-thuong/": ["awards"],
    "/kiem-tra/": ["inspections"], "/kiem-tra/ky-luat/": ["disciplines"], "/bau-cu/": ["elections"],
    "/danh-gia/": ["review_orgs", "review_members"], "/sinh-hoat/": ["meetings"], "/dang-phi/": ["dues"],
}  # fmt: skip


def test_each_list_page_links_to_the_import_of_its_kinds(client, tree, make_user):
    client.force_login(make_user("admin", tree.hm))
    for page, kinds in LIST_PAGES.items():
        html = client.get(page).content.decode()
        for kind in kinds:
            assert kind in IMPORTERS and f"?kind={kind}" in html, (page, kind)
    html = client.get(f"/chi-tieu/{tree.hm.pk}/2016/").content.decode()
    assert "?kind=targets" in html
