"""The reorganization page: list what the ending units hold, check a plan by a dry run (nothing
written), carry it out; a workbook plan is read back with its row and column named; scope holds."""

import io

from openpyxl import load_workbook

from dangvu.members.models import MemberPeriod
from dangvu.organizations.models import Organization, Reorganization
from tests.conftest import Role

from .test_reorganization import people  # noqa: F401 (a fixture)

NEW = (
    "N1; Đảng bộ phường Hoàng Mai; xã, phường; Xã, phường, thị trấn; HN\nN2; Đảng bộ phường Định Công; xã, phường; ; HN"
)


def _post(client, tree, **extra):
    data = {"decision": "1234-QĐ/TU", "on": "01/07/2025", "ending": "HM, A, B", "new_units": NEW, **extra}
    return client.post(f"/to-chuc/{tree.hn.pk}/sap-xep/", data)


def test_list_check_then_apply(client, tree, people, make_user):  # noqa: F811
    client.force_login(make_user(Role.ORG_BOARD, tree.hn))
    listed = _post(client, tree, action="list").content.decode()
    for name in (
        "Chi bộ tổ dân phố số 1",
        "Chi bộ tổ dân phố số 2",
        "Chi bộ khu dân cư số 1",
        "Chi bộ Trường THCS Tân Mai",
    ):
        assert name in listed
    targets = {"to_A1": "N1", "to_A2": "N2", "to_B1": "N2"}
    missing = _post(client, tree, action="check", **targets).content.decode()
    assert "Chưa phân công tổ chức trực thuộc Chi bộ Trường THCS Tân Mai của Đảng bộ quận Hoàng Mai" in missing
    targets["to_C"] = "N1"
    checked = _post(client, tree, action="check", **targets).content.decode()
    assert "Kiểm tra thử: nếu thực hiện sẽ thành lập 2 tổ chức, chuyển 4 tổ chức trực thuộc" in checked
    assert not Organization.objects.filter(code="N1").exists() and not Reorganization.objects.exists()
    done = _post(client, tree, action="apply", **targets)
    assert done.status_code == 302
    assert Organization.objects.get(code="A1").parent.code == "N1"
    assert Reorganization.objects.get().decision == "1234-QĐ/TU"


def test_a_workbook_plan_names_the_row_and_column(client, tree, people, make_user):  # noqa: F811
    client.force_login(make_user(Role.ORG_BOARD, tree.hn))
    got = client.get(f"/to-chuc/{tree.hn.pk}/sap-xep/mau.xlsx?ket_thuc=A2&ngay=01/07/2025")
    ws = load_workbook(io.BytesIO(got.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    members = [r for r in rows if r[0] == "Đảng viên"]
    assert len(members) == 3  # A2's three members, each to place
    ws.cell(row=2, column=2, value="77-QĐ/TU")
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == "Đảng viên":
            ws.cell(row=r, column=6, value="A1")
    bad_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Đảng viên")
    ws.cell(row=bad_row, column=6, value="B")  # a ward committee, not a cell
    buf = io.BytesIO()
    ws.parent.save(buf)
    buf.name = "phuong-an.xlsx"
    buf.seek(0)
    page = client.post(f"/to-chuc/{tree.hn.pk}/sap-xep/", {"workbook": buf, "action": "upload"}).content.decode()
    assert f"Dòng {bad_row}, cột Chuyển đến: Đảng viên chỉ chuyển đến chi bộ; B không phải chi bộ." in page
    assert MemberPeriod.objects.filter(org=tree.a2, valid_to__isnull=True).count() == 3


def test_outside_the_scope_nothing_is_listed_or_changed(client, tree, people, make_user):  # noqa: F811
    client.force_login(make_user(Role.ORG_BOARD, tree.a))
    assert client.get(f"/to-chuc/{tree.hn.pk}/sap-xep/").status_code in (403, 404)
    page = client.post(
        f"/to-chuc/{tree.a.pk}/sap-xep/",
        {"decision": "1-QĐ", "on": "01/07/2025", "ending": "B", "action": "check", "to_B1": "A1"},
    ).content.decode()
    assert "Không tìm thấy tổ chức mã B trong phạm vi của bạn." in page
    assert Organization.objects.get(code="B").dissolved_on is None
