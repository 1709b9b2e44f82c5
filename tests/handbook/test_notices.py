"""In-app notices: a meeting called by the secretary, a correction answered, a document published;
the unread count in the member's header; the secretary's page that calls a meeting ahead."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.handbook.corrections import correction_decide, correction_request_create
from dangvu.handbook.documents import document_publish
from dangvu.handbook.models import Notice
from dangvu.meetings.models import Meeting

TODAY = dt.date.today()


def unread_badge(client) -> str:
    page = client.get("/so-tay/").content.decode()
    start = page.find('class="notices-link"')
    return page[start : page.find("</a>", start)]


def test_the_secretary_calls_a_meeting_and_the_cells_members_are_told(tree, make_user, client):
    me = make_user(Role.MEMBER, tree.a1, "dv-a1")
    elsewhere = make_user(Role.MEMBER, tree.a2, "dv-a2")
    client.force_login(make_user(Role.GRASSROOTS, tree.a, "vp-a"))
    day = TODAY + dt.timedelta(days=5)
    too_far = TODAY + dt.timedelta(days=90)
    refused = client.post("/so-tay/chi-bo/A1/trieu-tap/", {"kind": "regular", "date": too_far.strftime("%d/%m/%Y")})
    assert "chỉ triệu tập trước" in refused.content.decode() and not Meeting.objects.exists()
    response = client.post("/so-tay/chi-bo/A1/trieu-tap/", {
        "kind": "regular", "date": day.strftime("%d/%m/%Y"), "place": "Nhà văn hóa tổ 1", "agenda": "Nghị quyết quý",
    })  # fmt: skip
    assert response.status_code == 302
    meeting = Meeting.objects.get(org=tree.a1)
    client.force_login(me)
    assert ">1<" in unread_badge(client)
    page = client.get("/so-tay/thong-bao/").content.decode()
    assert f"ngày {day:%d/%m/%Y} tại Nhà văn hóa tổ 1" in page
    assert "notices-link" in page and ">1<" not in unread_badge(client)  # seen once opened
    client.post(f"/so-tay/sinh-hoat/{meeting.pk}/tra-loi/", {"tham-du": "co"})
    client.force_login(make_user(Role.GRASSROOTS, tree.a, "vp-a-2"))
    sheet = client.get("/so-tay/chi-bo/A1/trieu-tap/").content.decode()
    assert "<td>1</td><td>0</td>" in sheet  # one coming, none absent
    assert not Notice.objects.filter(member=elsewhere.member_account.member).exists()


def test_a_clerk_calls_no_meeting_outside_the_subtree(tree, make_user, client):
    client.force_login(make_user(Role.GRASSROOTS, tree.b, "vp-b"))
    day = (TODAY + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    assert client.post("/so-tay/chi-bo/A1/trieu-tap/", {"kind": "regular", "date": day}).status_code == 404
    assert client.get("/so-tay/chi-bo/B/trieu-tap/").status_code == 404  # a ward is not a cell
    assert not Meeting.objects.exists()


def test_an_answered_correction_and_a_published_document_are_notices(tree, make_user, actor, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    me = make_user(Role.MEMBER, tree.a1, "dv-a1")
    member = me.member_account.member
    clerk = make_user(Role.GRASSROOTS, tree.a, "vp-a")
    asked = correction_request_create(actor=me, member=member, field="phone", proposed_value="0912345678")
    correction_decide(actor=clerk, scope=Scope.of(clerk), request=asked, accept=False, answer="Số không đúng")
    document_publish(actor=clerk, scope=Scope.of(clerk), kind="plan", number="7-KH/ĐU", issued_on=TODAY,
                     issuer="Đảng ủy", title="Kế hoạch học tập", today=TODAY,
                     file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4"))  # fmt: skip
    texts = list(Notice.objects.filter(member=member).values_list("text", flat=True))
    assert texts == ["Văn bản mới: Kế hoạch số 7-KH/ĐU — Kế hoạch học tập",
                     "Đề nghị sửa điện thoại của đồng chí không được chấp nhận: Số không đúng"]  # fmt: skip
