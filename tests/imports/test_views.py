"""The import pages: template → upload → (mapping) → preview → commit, with the file kept on the
server under a random name, visible to its uploader only, and deleted after the commit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from dangvu.imports import storage
from dangvu.members.models import Member

from ..conftest import Role
from .helpers import headers, member, xlsx


def _upload(client, tree, data, name="ds.xlsx", kind="members", unit=None):
    return client.post("/nhap-du-lieu/", {
        "kind": kind, "unit": (unit or tree.a1).code, "action": "upload",
        "file": SimpleUploadedFile(name, data),
    })  # fmt: skip


@pytest.fixture
def clerk(client, tree, make_user):
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    return client


def test_the_template_has_the_vietnamese_headers_and_an_example_row(clerk, tree):
    response = clerk.post("/nhap-du-lieu/", {"kind": "members", "unit": tree.a1.code, "action": "template"})
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in ws[1]][:3] == ["Họ và tên", "Ngày sinh", "Giới tính"]
    assert ws["A2"].value == "Nguyễn Văn An"
    # The rest of the record sheet (Mẫu 2-HSĐV) can come with the member.
    headers_row = [c.value for c in ws[1]]
    for header in ("Bí danh", "Nơi tạm trú", "Học hàm", "Học vị", "Ngoại ngữ", "Tin học", "Tiếng dân tộc thiểu số",
                   "Ngày vào Đoàn", "Chức vụ đoàn thể", "Tình trạng sức khỏe"):  # fmt: skip
        assert header in headers_row
    # The template reads back as a file with only the example row: nothing to import.
    preview = clerk.get(_upload(clerk, tree, response.content)["Location"])
    assert preview.context["result"].total == 0


def test_a_clean_file_goes_straight_to_the_preview_and_commits(clerk, tree, tmp_path):
    response = _upload(clerk, tree, xlsx([headers(), member()]))
    token = response["Location"].strip("/").split("/")[-1]
    assert response["Location"] == f"/nhap-du-lieu/{token}/"
    assert (tmp_path / "uploads" / f"{token}.bin").exists()
    assert token not in str(clerk.session.items())  # the file is never in the session
    preview = clerk.get(response["Location"])
    assert "1 hợp lệ" in preview.content.decode() and not Member.objects.exists()
    done = clerk.post(f"/nhap-du-lieu/{token}/nhap/")
    assert done.status_code == 302 and done["Location"].startswith("/dang-vien/?unit=")
    assert Member.objects.get().org == tree.a1
    assert not (tmp_path / "uploads" / f"{token}.bin").exists()


def test_a_file_with_a_bad_row_shows_it_offers_the_failed_rows_and_commits_only_when_asked(clerk, tree):
    bad = member(full_name="Lê Văn Cường", birth_date="31/02/1990", citizen_id="001090000002", party_card_no="0102")
    token = _upload(clerk, tree, xlsx([headers(), member(), bad]))["Location"].strip("/").split("/")[-1]
    page = clerk.get(f"/nhap-du-lieu/{token}/").content.decode()
    assert "Dòng 3, cột Ngày sinh: 31/02/1990 không phải ngày có thật" in page
    # The button says what it does (issue 20): with bad rows, only the valid ones; the bad cell is marked.
    assert "Chỉ nhập 1 dòng hợp lệ, bỏ qua 1 dòng lỗi</button>" in page and "Nhập 1 dòng</button>" not in page
    assert 'class="bad-cell" title="Dòng 3, cột Ngày sinh: 31/02/1990 không phải ngày có thật' in page
    failed = load_workbook(io.BytesIO(clerk.get(f"/nhap-du-lieu/{token}/dong-loi/").content)).active
    rows = [[c.value for c in r] for r in failed.iter_rows()]
    assert rows[0][-1] == "Lỗi cần sửa" and len(rows) == 2
    assert rows[1][0] == "Lê Văn Cường" and "31/02/1990 không phải ngày có thật" in rows[1][-1]
    refused = clerk.post(f"/nhap-du-lieu/{token}/nhap/")
    assert refused.status_code == 200 and "chưa nhập dòng nào" in refused.content.decode()
    assert not Member.objects.exists()
    clerk.post(f"/nhap-du-lieu/{token}/nhap/", {"only_valid": "1"})
    assert list(Member.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn An"]


def test_the_failed_rows_file_fixed_and_uploaded_again_imports(clerk, tree):
    bad = member(birth_date="31/02/1990")
    token = _upload(clerk, tree, xlsx([headers(), bad]))["Location"].strip("/").split("/")[-1]
    failed = load_workbook(io.BytesIO(clerk.get(f"/nhap-du-lieu/{token}/dong-loi/").content))
    failed.active["B2"] = "28/02/1990"
    out = io.BytesIO()
    failed.save(out)
    again = _upload(clerk, tree, out.getvalue())["Location"]
    clerk.post(again + "nhap/")
    assert Member.objects.get().birth_date.isoformat() == "1990-02-28"


def test_a_file_with_other_headers_asks_for_the_mapping_first(clerk, tree):
    data = xlsx([["STT", "Họ tên", "Ngày/tháng/năm sinh", "Nam/Nữ", "Ngày vào Đảng"],
                 [1, "Nguyễn Văn An", "17/05/1985", "Nam", "03/02/2005"]])  # fmt: skip
    location = _upload(clerk, tree, data)["Location"]
    assert location.endswith("/ghep-cot/")
    page = clerk.get(location)
    form = page.context["form"]
    assert form["full_name"].initial == "1" and form["admitted_on"].initial == "4"
    chosen = {name: form[name].initial or "" for name in form.fields}
    chosen.update({"birth_date": "2", "sex": "3"})
    preview = clerk.post(location, chosen)
    assert preview.status_code == 302
    clerk.post(preview["Location"] + "nhap/")
    assert Member.objects.get().full_name == "Nguyễn Văn An"


def test_a_bad_file_is_refused_on_the_first_page(clerk, tree):
    page = _upload(clerk, tree, b"%PDF-1.4", name="ds.xlsx")
    assert page.status_code == 200
    assert "nội dung là tệp PDF" in page.content.decode()
    assert not list(storage.directory().glob("*.bin"))


def test_another_users_upload_is_not_found(client, clerk, tree, make_user):
    token = _upload(clerk, tree, xlsx([headers(), member()]))["Location"].strip("/").split("/")[-1]
    client.force_login(make_user(Role.GRASSROOTS, tree.a, username="ban-khac"))
    assert client.get(f"/nhap-du-lieu/{token}/").status_code == 404
    assert client.post(f"/nhap-du-lieu/{token}/nhap/").status_code == 404
    assert client.get("/nhap-du-lieu/khong-co/").status_code == 404


def test_a_unit_outside_the_scope_cannot_be_chosen(clerk, tree):
    page = _upload(clerk, tree, xlsx([headers(), member()]), unit=tree.b1)
    assert page.status_code == 200 and "Không tìm thấy tổ chức có mã B1" in page.content.decode()


def test_a_role_without_the_capability_is_not_offered_the_kind(client, tree, make_user):
    client.force_login(make_user(Role.LEADER, tree.hm))
    page = client.get("/nhap-du-lieu/")
    assert page.context["form"].fields["kind"].choices == []
    assert _upload(client, tree, xlsx([headers(), member()])).status_code == 200
    assert not list(storage.directory().glob("*.bin"))


def test_uploads_older_than_a_day_are_deleted(tree, tmp_path):
    old = storage.create(data=b"x", user_id=1, kind="members", org_id=1, filename="a.xlsx")
    assert storage.purge(max_age=-1) == 2 and not old.data_path.exists()


@pytest.mark.parametrize("kind", ["cadres", "training", "awards", "inspections", "disciplines", "elections"])
def test_every_kinds_template_downloads_and_reads_back_as_nothing_to_import(client, tree, make_user, kind):
    client.force_login(make_user(Role.ADMIN, tree.hm))
    response = client.post("/nhap-du-lieu/", {"kind": kind, "unit": tree.hm.code, "action": "template"})
    assert response["Content-Disposition"] == f'attachment; filename="mau-nhap-{kind}-HM.xlsx"'
    preview = client.get(_upload(client, tree, response.content, kind=kind, unit=tree.hm)["Location"])
    assert preview.context["result"].total == 0 and not preview.context["result"].file_errors


def test_a_formula_saved_without_its_value_is_named_for_what_it_is_not_blank(clerk, tree):
    # openpyxl, like any program but Excel, saves a formula without its computed value.
    formula = '=CONCAT("Nguyễn ","Văn An")'
    response = _upload(clerk, tree, xlsx([headers(), member(full_name=formula)]))
    page = clerk.get(response["Location"]).content.decode()
    assert "Dòng 2, cột Họ và tên: ô là công thức =CONCAT(" in page
    assert "chưa có giá trị tính sẵn (không phải ô trống); hãy mở tệp bằng Excel rồi lưu lại" in page
    assert "Dòng 2, cột Họ và tên: để trống" not in page and not Member.objects.exists()


def test_another_programs_headers_map_to_the_member_kind_and_a_correction_is_saved_and_reused(clerk, tree):
    from dangvu.imports.models import SavedMapping

    sheet = [["STT", "Họ tên", "Ngày sinh (dd/mm/yyyy)", "Phái", "Số CCCD", "Vào Đảng ngày"],
             [1, "Nguyễn Văn An", "17/05/1985", "Nam", "001085012345", "03/02/2005"]]  # fmt: skip
    location = _upload(clerk, tree, xlsx(sheet))["Location"]
    assert location.endswith("/ghep-cot/")  # not the template's headers: the clerk is asked
    form = clerk.get(location).context["form"]
    proposed = {name: form[name].initial for name in ("full_name", "birth_date", "citizen_id")}
    assert proposed == {"full_name": "1", "birth_date": "2", "citizen_id": "4"}
    assert form["sex"].initial == ""  # "Phái" is not like "Giới tính": the clerk picks it
    chosen = {name: form[name].initial or "" for name in form.fields}
    chosen.update({"sex": "3", "admitted_on": "5"})
    assert clerk.post(location, chosen).status_code == 302
    saved = SavedMapping.objects.get(org=tree.a1, kind="members")
    assert saved.mapping["sex"] == 3 and saved.mapping["admitted_on"] == 5
    # Next month's export of the same program (same headers, other rows) goes straight to the
    # preview with the corrected mapping, which the preview shows.
    sheet[1] = [1, "Trần Thị Bình", "02/03/1990", "Nữ", "001190012345", "04/05/2015"]
    again = _upload(clerk, tree, xlsx(sheet))["Location"]
    assert not again.endswith("/ghep-cot/")
    page = clerk.get(again)
    assert ("Giới tính", "Cột D: Phái") in page.context["mapped"]
    assert "1 hợp lệ" in page.content.decode()
    clerk.post(again + "nhap/")
    stored = Member.objects.get()
    assert (stored.full_name, stored.sex, stored.admitted_on.year) == ("Trần Thị Bình", "F", 2015)
    # Another unit does not get this unit's mapping.
    other = _upload(clerk, tree, xlsx(sheet), unit=tree.a2)["Location"]
    assert other.endswith("/ghep-cot/")
