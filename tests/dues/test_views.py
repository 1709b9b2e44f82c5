"""Party dues pages: the month's collection sheet (HTML and Excel), a member's basis and payments,
the receipt (print page and PDF), arrears and the share passed up; another ward gets 404 and
writes nothing; a month paid twice is refused in the form."""

import datetime as dt
import io
import shutil
import subprocess

import openpyxl
import pytest

from dangvu.core.models import ExportLog
from dangvu.dues import services
from dangvu.dues.models import DuesBasis, Payment
from dangvu.dues.receipts import amount_in_words
from dangvu.dues.sheets import SHEET_HEADERS

from ..conftest import D


@pytest.fixture
def cell(tree, actor, register):
    tree.lan = register(tree.a1, full_name="Trần Thị Lan", party_card_no="06000001")
    tree.minh = register(tree.a1, full_name="Lê Văn Minh")
    tree.hoa = register(tree.a1, full_name="Phạm Thị Hoa")
    services.dues_basis_set(
        actor=actor, member=tree.lan, kind="salary", base_amount=6_000_000, valid_from=D(2016, 1, 1)
    )
    services.dues_basis_set(actor=actor, member=tree.minh, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    tree.paid = services.dues_pay(
        actor=actor, member=tree.lan, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), receipt_no="BL-0308",
        collected_by="Nguyễn Thu Ngân",
    )  # fmt: skip
    return tree


@pytest.fixture
def clerk_a(client, tree, make_user):
    client.force_login(make_user("grassroots", tree.a))
    return client


def test_the_month_sheet_shows_every_member_with_due_paid_and_arrears(clerk_a, cell):
    page = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2016").content.decode()
    for text in ("Trần Thị Lan", "Lê Văn Minh", "Phạm Thị Hoa", "60.000", "08/03/2016", "BL-0308", "Chưa có căn cứ"):
        assert text in page, text
    assert "1, 2, 3" in page  # Minh has paid nothing since January
    assert "Nộp lên cấp trên" in page and "42.000" in page  # 70% of 60.000 passes up


def test_the_sheet_as_excel_has_the_vietnamese_headers_and_the_rows(clerk_a, cell, actor):
    services.dues_basis_set(actor=actor, member=cell.hoa, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1),
                            note="=HYPERLINK(\"http://x\")")  # fmt: skip
    cell.hoa.full_name = "=1+2 Phạm"
    cell.hoa.save()
    response = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2016&xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == SHEET_HEADERS and "Họ và tên" in rows[0] and "Mức phải đóng (đồng)" in rows[0]
    by_name = {r[1]: r for r in rows[1:4]}
    assert by_name["Trần Thị Lan"][4:6] == (60_000, 60_000) and by_name["Trần Thị Lan"][7] == "BL-0308"
    assert by_name["=1+2 Phạm"][5] is None  # written as text, not a formula
    assert ws.cell(row=4, column=2).data_type == "s"
    log = ExportLog.objects.get(kind="dues_sheet")
    assert log.user.username == "grassroots-a" and log.row_count == 3


def test_a_payment_through_the_form_and_a_month_already_paid_is_refused(clerk_a, cell):
    url = f"/dang-phi/dang-vien/{cell.lan.pk}/"
    data = {"action": "pay", "pay-month": "03/2016", "pay-paid_on": "02/04/2016", "pay-receipt_no": "BL-2"}
    page = clerk_a.post(url, data).content.decode()
    assert "đã nộp đảng phí tháng 03/2016 ngày 08/03/2016 (biên lai số BL-0308)" in page and "has-error" in page
    assert Payment.objects.count() == 1
    assert clerk_a.post(url, data | {"pay-month": "04/2016"}).status_code == 302
    assert Payment.objects.get(month=D(2016, 4, 1)).amount == 60_000


def test_the_basis_form_and_its_refusal(clerk_a, cell):
    url = f"/dang-phi/dang-vien/{cell.hoa.pk}/"
    data = {"action": "basis", "basis-kind": "fixed", "basis-valid_from": "01/2016", "basis-fixed_amount": 50_000}
    assert "2.000 đến 30.000" in clerk_a.post(url, data).content.decode()
    assert not DuesBasis.objects.filter(member=cell.hoa).exists()
    assert clerk_a.post(url, data | {"basis-fixed_amount": 10_000}).status_code == 302
    assert DuesBasis.objects.get(member=cell.hoa).valid_from == D(2016, 1, 1)


def test_the_payment_form_shows_every_error_on_the_first_submit(clerk_a, cell):
    """Issue 20, item 3: a month already paid, a day paid in the future and an amount below the
    rate answer together, each beside its field, and nothing is recorded."""
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    data = {"action": "pay", "pay-month": "03/2016", "pay-paid_on": future, "pay-amount": "1000"}
    form = clerk_a.post(f"/dang-phi/dang-vien/{cell.lan.pk}/", data).context["forms"]["pay"]
    assert "đã nộp đảng phí tháng 03/2016 ngày 08/03/2016" in form.errors["month"][0]
    assert form.errors["paid_on"] == [f"Ngày nộp {future} ở tương lai; hãy nhập ngày đã nộp."]
    assert form.errors["amount"] == ["Số tiền thấp hơn mức phải đóng tháng 03/2016 (60.000 đồng)."]
    assert Payment.objects.count() == 1


def test_the_basis_form_shows_every_error_on_the_first_submit(clerk_a, cell):
    """A fixed amount chosen for a month of Quy định 01 and an amount outside 2.000–30.000 answer
    together; no basis is stored."""
    data = {"action": "basis", "basis-kind": "fixed", "basis-valid_from": "03/2026", "basis-fixed_amount": 50_000}
    form = clerk_a.post(f"/dang-phi/dang-vien/{cell.hoa.pk}/", data).context["forms"]["basis"]
    assert "Từ tháng 02/2026" in form.errors["kind"][0] and "không còn mức cố định" in form.errors["kind"][0]
    assert "2.000 đến 30.000" in form.errors["fixed_amount"][0]
    assert not DuesBasis.objects.filter(member=cell.hoa).exists()


def test_the_receipt_as_a_print_page_and_a_pdf(clerk_a, cell, tmp_path):
    page = clerk_a.get(f"/dang-phi/bien-lai/{cell.paid.pk}/").content.decode()
    assert "BIÊN LAI THU ĐẢNG PHÍ" in page and "Trần Thị Lan" in page and "Sáu mươi nghìn đồng" in page
    response = clerk_a.get(f"/dang-phi/bien-lai/{cell.paid.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") and shutil.which("pdffonts"):  # poppler-utils: read the PDF back
        (tmp_path / "bl.pdf").write_bytes(response.content)
        fonts = subprocess.run(["pdffonts", str(tmp_path / "bl.pdf")], capture_output=True, check=True, text=True)
        rows = fonts.stdout.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows)  # every font embedded
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                              check=True).stdout.decode()  # fmt: skip
        for words in ("BIÊN LAI THU ĐẢNG PHÍ", "Trần Thị Lan", "Sáu mươi nghìn đồng", "Chi bộ tổ dân phố số 1"):
            assert words in text, words
    assert amount_in_words(46_500) == "Bốn mươi sáu nghìn năm trăm đồng"
    assert amount_in_words(1_005_021) == "Một triệu không trăm linh năm nghìn không trăm hai mươi mốt đồng"


def test_arrears_and_the_share_passed_up(clerk_a, cell):
    page = clerk_a.get("/dang-phi/no-dong/?nam=2016").content.decode()
    assert "Lê Văn Minh" in page and "Trần Thị Lan" in page and "Phạm Thị Hoa" not in page  # Hoa has no basis
    page = clerk_a.get(f"/dang-phi/don-vi/{cell.a.pk}/trich-nop/?nam=2016").content.decode()
    assert "03/2016" in page and "60.000" in page and "18.000" in page and "42.000" in page


def test_collecting_the_whole_month_from_the_sheet(clerk_a, cell):
    url = f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2016"
    assert clerk_a.post(url, {"paid_on": "10/03/2016", "collected_by": "Nguyễn Thu Ngân"}).status_code == 302
    assert set(Payment.objects.filter(month=D(2016, 3, 1)).values_list("member__full_name", flat=True)) == {
        "Trần Thị Lan", "Lê Văn Minh",
    }  # fmt: skip


def test_another_ward_gets_404_and_writes_nothing(client, tree, cell, make_user):
    client.force_login(make_user("grassroots", tree.b))
    for url in (f"/dang-phi/chi-bo/{tree.a1.pk}/?thang=03/2016", f"/dang-phi/chi-bo/{tree.a1.pk}/?xuat=xlsx",
                f"/dang-phi/bien-lai/{cell.paid.pk}/", f"/dang-phi/bien-lai/{cell.paid.pk}/pdf/",
                f"/dang-phi/dang-vien/{cell.lan.pk}/", f"/dang-phi/don-vi/{tree.a.pk}/trich-nop/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    pay = {"action": "pay", "pay-month": "04/2016", "pay-paid_on": "02/04/2016"}
    assert client.post(f"/dang-phi/dang-vien/{cell.lan.pk}/", pay).status_code == 404
    assert client.post(f"/dang-phi/chi-bo/{tree.a1.pk}/?thang=04/2016", {"paid_on": "10/04/2016"}).status_code == 404
    assert Payment.objects.count() == 1
    assert "Lê Văn Minh" not in client.get("/dang-phi/no-dong/?nam=2016").content.decode()


def test_the_paid_date_is_offered_only_for_the_month_being_collected_now(clerk_a, cell):
    """A past month's receipts typed in later must not be saved as paid today (issue 20)."""
    past = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2016").content.decode()
    assert 'name="paid_on"' in past and 'name="paid_on" value=' not in past
    now = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/").content.decode()
    assert f'name="paid_on" value="{dt.date.today():%d/%m/%Y}"' in now


def test_arrears_carry_into_the_next_year(clerk_a, cell, actor):
    """Minh (5.000 đồng a month from 01/2016, nothing paid) owes 12 months of 2016 in January 2017:
    the January sheet says so instead of starting the year from zero (issue 20)."""
    services.dues_pay(actor=actor, member=cell.minh, month=D(2017, 1, 1), paid_on=D(2017, 1, 10))
    page = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=01/2017").content.decode()
    row = page.split("Lê Văn Minh", 1)[1].split("</tr>", 1)[0]
    assert "01/2016, 02/2016" in row and "12/2016" in row
    assert '<td class="num" data-label="Còn nợ">60.000</td>' in row


def test_the_sheet_states_the_rates_of_the_regulation_in_force_for_its_month(clerk_a, cell):
    """A 2026 sheet under Quy định 01 must not quote QĐ 342's 2.000–30.000 đồng, nor 2016's QĐ 01."""
    old = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2016").content.decode()
    assert "Mức đóng tháng 03/2016 theo Quyết định 342-QĐ/TW" in old and "2.000–30.000 đồng" in old
    assert "01-QĐ/TW" not in old
    page = clerk_a.get(f"/dang-phi/chi-bo/{cell.a1.pk}/?thang=03/2026").content.decode()
    new = page[page.index("Mức đóng tháng") :]
    assert new.startswith("Mức đóng tháng 03/2026 theo Quy định 01-QĐ/TW (03/02/2026)")
    assert "học sinh, sinh viên: 5.000 đồng/tháng" in new and "2.000–30.000" not in new
    assert "chưa đối chiếu" in new  # the exemptions, not computed, say so
