"""The review pages: scope (404 outside), capabilities, one-page entry of all members with errors
per row, the Excel round trip (atomic), and the deciding page's rule checks and override."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from dangvu.accounts.models import Role
from dangvu.reviews.forms import decision_day_default
from dangvu.reviews.models import MemberResult, OrgResult, Override, Stage
from dangvu.reviews.services import member_results_record_bulk, org_result_record, review_cycle_open


@pytest.fixture
def cycle(tree, actor):
    return review_cycle_open(actor=actor, committee=tree.hm, year=2016)


@pytest.fixture
def members(tree, register):
    return [register(tree.a1, full_name=f"Lê Văn Hàng {i}") for i in range(3)]


def login(client, make_user, role, org):
    client.force_login(make_user(role, org))
    return client


def test_grassroots_clerk_sees_only_their_organizations(client, tree, make_user, cycle, members):
    login(client, make_user, Role.GRASSROOTS, tree.a)
    page = client.get(f"/danh-gia/{cycle.pk}/").content.decode()
    assert "Đảng bộ phường Định Công" in page and "Đại Kim" not in page
    assert client.get(f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/").status_code == 200
    assert client.get(f"/danh-gia/{cycle.pk}/to-chuc/{tree.b.pk}/").status_code == 404
    # Deciding is the committee's: a clerk may not.
    assert client.post(f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/quyet-dinh/", {"cls": "tsvm"}).status_code == 403


def test_all_members_on_one_page_errors_per_row_nothing_saved(client, tree, make_user, cycle, members, register):
    login(client, make_user, Role.GRASSROOTS, tree.a)
    url = f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/"
    page = client.get(url).content.decode()
    assert all(m.full_name in page for m in members) and "Đủ tư cách, hoàn thành tốt nhiệm vụ" in page
    data = {"m-stage": Stage.PROPOSAL, **{f"m-cls_{m.pk}": "good" for m in members}}
    data[f"m-cls_{members[1].pk}"] = "good"
    data[f"m-reason_{members[1].pk}"] = "Ốm dài ngày"  # a class and a reason: refused
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Lê Văn Hàng 1: đã chọn mức xếp loại thì bỏ trống lý do" in response.content.decode()
    assert not MemberResult.objects.exists()
    data[f"m-reason_{members[1].pk}"] = ""
    assert client.post(url, data).status_code == 302
    assert set(MemberResult.objects.values_list("proposed_class", flat=True)) == {"good"}


def test_excel_round_trip_is_atomic(client, tree, make_user, cycle, members):
    login(client, make_user, Role.GRASSROOTS, tree.a)
    base = f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/"
    wb = load_workbook(io.BytesIO(client.get(base + "mau-excel/").content))
    ws = wb.active
    assert [c.value for c in ws[1]][:6] == ["STT", "Mã đảng viên", "Họ và tên", "Ngày sinh", "Xếp loại",
                                            "Lý do không xếp loại"]  # fmt: skip
    assert ws.max_row == 4
    ws["E2"], ws["E3"], ws["E4"] = "Đủ tư cách, hoàn thành tốt nhiệm vụ", "Xuất sắc lắm", "completed"

    def upload(workbook):
        out = io.BytesIO()
        workbook.save(out)
        out.seek(0)
        out.name = "xep-loai.xlsx"
        return client.post(base + "tai-len/", {"file": out, "stage": Stage.DECISION}, follow=True)

    page = upload(wb).content.decode()
    assert "Dòng 3" in page and "Xuất sắc lắm" in page and "Chưa lưu dòng nào" in page
    assert not MemberResult.objects.exists()
    ws["E3"] = "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"
    upload(wb)
    assert sorted(MemberResult.objects.values_list("decided_class", flat=True)) == ["completed", "excellent", "good"]


def test_deciding_page_shows_the_rule_and_takes_an_override(client, tree, make_user, actor, cycle, register):
    # Proposed before the members were rated; then two of its three members fail (HD 27: over 1/2).
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, cls="completed", points=60)
    people = [register(tree.c) for _ in range(3)]
    member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION,
        rows=[{"member": p, "cls": c} for p, c in zip(people, ["failed", "failed", "good"], strict=True)],
    )  # fmt: skip
    login(client, make_user, Role.ORG_BOARD, tree.hm)
    url = f"/danh-gia/{cycle.pk}/to-chuc/{tree.c.pk}/quyet-dinh/"
    page = client.get(url).content.decode()
    assert "2/3 đảng viên không hoàn thành nhiệm vụ" in page and "Hướng dẫn 27-HD/BTCTW" in page
    data = {"stage": Stage.DECISION, "cls": "completed", "points": "60"}
    response = client.post(url, data)
    assert response.status_code == 200 and "2/3 đảng viên" in response.content.decode()
    assert not OrgResult.objects.get(org=tree.c).decided_class
    reason = "Hai đảng viên vi phạm đã chuyển đi, chi bộ đã khắc phục"
    assert client.post(url, {**data, "override_reason": reason}).status_code == 302
    assert Override.objects.get().reason == reason and OrgResult.objects.get(org=tree.c).decided_class == "completed"


@pytest.mark.parametrize(
    "year, today, expected",
    [
        (2025, "10/06/2025", "10/06/2025"),  # decided during the year
        (2025, "15/01/2026", "15/01/2026"),  # the usual January decision
        (2025, "31/03/2026", "31/03/2026"),
        (2025, "01/04/2026", "31/12/2025"),  # typed in later: the year's last day, to correct
        (2016, "04/12/2026", "31/12/2016"),
    ],
)
def test_the_decision_day_offered(year, today, expected):
    day = dt.datetime.strptime(today, "%d/%m/%Y").date()
    assert decision_day_default(year, day).strftime("%d/%m/%Y") == expected


def test_the_deciding_page_asks_the_decision_day_and_checks_it(client, tree, make_user, actor, cycle):
    org_result_record(actor=actor, cycle=cycle, org=tree.b, stage=Stage.PROPOSAL, cls="good", points=80)
    login(client, make_user, Role.ORG_BOARD, tree.hm)
    url = f"/danh-gia/{cycle.pk}/to-chuc/{tree.b.pk}/quyet-dinh/"
    page = client.get(url).content.decode()
    assert "Ngày quyết định" in page and 'value="31/12/2016"' in page  # 2016 typed in 2026: its last day
    data = {"stage": Stage.DECISION, "cls": "good", "points": "80"}
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    for bad, said in (("31/12/2015", "Ngày quyết định 31/12/2015 không hợp lệ: phải từ 01/01/2016"),
                      (tomorrow, f"Ngày quyết định {tomorrow} không hợp lệ"),
                      ("31/02/2017", "31/02/2017 không phải ngày có thật")):  # fmt: skip
        response = client.post(url, {**data, "decided_on": bad})
        assert response.status_code == 200 and said in response.content.decode(), bad
        assert not OrgResult.objects.get(org=tree.b).decided_class
    assert client.post(url, {**data, "decided_on": "05/01/2017"}).status_code == 302
    result = OrgResult.objects.get(org=tree.b)
    assert result.decided_class == "good" and result.decided_on == dt.date(2017, 1, 5)
    # Opened again, the page offers the day recorded.
    assert 'value="05/01/2017"' in client.get(url).content.decode()


def test_the_members_decision_takes_its_day(client, tree, make_user, cycle, members):
    login(client, make_user, Role.GRASSROOTS, tree.a)
    url = f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/"
    assert 'name="m-decided_on"' in client.get(url).content.decode()
    data = {"m-stage": Stage.DECISION, "m-decided_on": "20/12/2016", **{f"m-cls_{m.pk}": "good" for m in members}}
    assert client.post(url, data).status_code == 302
    assert set(MemberResult.objects.values_list("decided_on", flat=True)) == {dt.date(2016, 12, 20)}
    response = client.post(url, {**data, "m-decided_on": "20/12/2015"})
    assert "Ngày quyết định 20/12/2015 không hợp lệ" in response.content.decode()
