"""The committee and residence-contact pages: scoped reads, who may write, errors next to the field."""

import pytest

from dangvu.committees import residence
from dangvu.committees.models import Congress, ResidenceContact, Seat
from dangvu.committees.services import congress_record

from ..conftest import D


@pytest.fixture
def congress(tree, actor, register):
    tree.hang = register(tree.a1, full_name="Trần Thị Hằng", party_card_no="09000001")
    tree.other = register(tree.b1, full_name="Lê Văn Ngoài", party_card_no="09000002")
    return congress_record(actor=actor, org=tree.a, held_on=D(2015, 5, 20), term_start=2015, term_end=2020, delegates=1)


def _add(client, congress, card, role="secretary"):
    data = {"member": card, "role": role, "entry": "congress", "on": "20/05/2015", "decision_no": ""}
    return client.post(f"/cap-uy/dai-hoi/{congress.pk}/", data)


def test_a_grassroots_clerk_elects_their_own_committee_and_sees_the_refusal_in_the_form(client, tree, congress,
                                                                                         make_user):  # fmt: skip
    client.force_login(make_user("grassroots", tree.a))
    assert _add(client, congress, "09000001").status_code == 302
    assert Seat.objects.get().member == tree.hang
    page = client.get(f"/cap-uy/don-vi/{tree.a.pk}/").content.decode()
    assert "Trần Thị Hằng" in page and "Bí thư" in page
    # A member of another ward is not even found within the clerk's scope.
    response = _add(client, congress, "09000002", role="member")
    assert response.status_code == 200 and "Không tìm thấy đảng viên" in response.content.decode()


def test_the_board_sees_the_not_a_member_refusal_next_to_the_field(client, tree, congress, make_user):
    client.force_login(make_user("org_board", tree.hm))
    response = _add(client, congress, "09000002", role="member")
    assert "Lê Văn Ngoài không phải đảng viên của Đảng bộ phường Định Công" in response.content.decode()
    assert not Seat.objects.exists()


def test_pages_are_scoped_and_writes_need_the_capability(client, tree, congress, make_user):
    client.force_login(make_user("grassroots", tree.b))
    assert client.get(f"/cap-uy/dai-hoi/{congress.pk}/").status_code == 404
    assert client.get(f"/cap-uy/don-vi/{tree.a.pk}/").status_code == 404
    assert congress.name not in client.get("/cap-uy/").content.decode()
    client.force_login(make_user("leader", tree.hm))
    assert client.get(f"/cap-uy/dai-hoi/{congress.pk}/").status_code == 200
    assert _add(client, congress, "09000001").status_code == 403
    assert client.get(f"/cap-uy/don-vi/{tree.a.pk}/dai-hoi/them/").status_code == 403


def test_the_board_records_a_congress_through_the_form(client, tree, register, make_user):
    register(tree.c)
    client.force_login(make_user("org_board", tree.hm))
    url = f"/cap-uy/don-vi/{tree.c.pk}/dai-hoi/them/"
    data = {"held_on": "12/04/2015", "term_start": 2015, "term_end": 2021, "delegates": 1}
    assert "tối đa 5 năm" in client.post(url, data).content.decode()
    assert client.post(url, data | {"term_end": 2020}).status_code == 302
    assert Congress.objects.get().name == "Đại hội Chi bộ Trường THCS Tân Mai, nhiệm kỳ 2015–2020"


def test_the_congress_form_shows_every_error_on_the_first_submit(client, tree, register, make_user):
    """Issue 20, item 3: a term over five years, a day in another year than the term opens and more
    delegates than members answer together, each beside its field; no congress is stored."""
    register(tree.c)
    client.force_login(make_user("org_board", tree.hm))
    data = {"held_on": "12/04/2013", "term_start": 2015, "term_end": 2021, "delegates": 5}
    form = client.post(f"/cap-uy/don-vi/{tree.c.pk}/dai-hoi/them/", data).context["form"]
    assert "dài hơn 5 năm" in form.errors["term_end"][0]
    assert "phải họp trong năm 2015 (hoặc cuối năm 2014)" in form.errors["held_on"][0]
    assert "có 1 đảng viên vào ngày 12/04/2013, ít hơn 5 đại biểu" in form.errors["delegates"][0]
    assert not Congress.objects.exists()


def test_a_ward_clerk_cannot_pull_a_member_of_another_unit_by_typing_a_number(client, tree, register, make_user):
    """Issue 14, finding 2: ward B's clerk posted ward A's member's card or citizen ID number to the
    residence form and got a contact, the name and cell on the confirmation, and could comment."""
    register(tree.a1, full_name="Trần Thị Láng", party_card_no="09000011", citizen_id="001080000011")
    client.force_login(make_user("grassroots", tree.b))
    for number in ("09000011", "001080000011", "09009999"):  # the last exists nowhere: the same answer
        page = client.post(
            "/cap-uy/lien-he-noi-cu-tru/", {"member": number, "ward": "B", "introduced_on": "01/02/2016"}
        ).content.decode()
        assert f"Không tìm thấy đảng viên có số thẻ hoặc số CCCD {number} trong phạm vi của bạn" in page
        assert "Trần Thị Láng" not in page and "Chi bộ tổ dân phố số 1" not in page
    assert not ResidenceContact.objects.exists()


def test_introduced_by_the_school_received_by_the_ward_the_comment_read_by_the_school(
    client, tree, register, make_user
):
    teacher = register(tree.c, full_name="Phạm Văn Giáo", party_card_no="09000003", citizen_id="001080000003")
    school, ward_a, ward_b = (make_user("grassroots", org, f"thu-ky-{org.code}") for org in (tree.c, tree.a, tree.b))
    client.force_login(school)
    response = client.post(
        "/cap-uy/lien-he-noi-cu-tru/",
        {"member": "09000003", "ward": "A — Đảng bộ phường Định Công", "introduced_on": "20/01/2016",
         "letter_no": "12-GGT/CB", "address": "Số 5 ngõ 12 Định Công"},
    )  # fmt: skip
    contact = ResidenceContact.objects.get()
    assert response.status_code == 302 and contact.introduced_by == tree.c and contact.ward == tree.a
    url = f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/"
    # The school may not act for the residence.
    confirm = {"action": "confirm", "confirm-cell": tree.a1.pk, "confirm-since": "01/02/2016"}
    assert client.post(url, confirm).status_code == 403
    client.force_login(ward_a)
    listing = client.get("/cap-uy/lien-he-noi-cu-tru/").content.decode()
    assert "Phạm Văn Giáo" in listing and "Chi bộ Trường THCS Tân Mai" in listing
    detail = client.get(url).content.decode()
    # What the contact needs, not the member's record: no link to it, no citizen ID, no birth date.
    assert f"/dang-vien/{teacher.pk}/" not in detail and "001080000003" not in detail and "1980" not in detail
    assert client.get(f"/dang-vien/{teacher.pk}/").status_code == 404
    assert client.post(url, confirm | {"confirm-cell": tree.b1.pk}).status_code == 200  # not a cell of ward A
    assert client.post(url, confirm).status_code == 302
    comment = {"action": "comment", "comment-year": 2016, "comment-assessment": "exemplary",
               "comment-text": "Gương mẫu ở tổ dân phố.", "comment-commented_on": "10/12/2016"}  # fmt: skip
    assert client.post(url, comment).status_code == 302
    client.force_login(school)
    page = client.get(url).content.decode()
    assert "Năm 2016" in page and "Gương mẫu ở tổ dân phố." in page and "Chi bộ tổ dân phố số 1" in page
    assert client.post(url, comment).status_code == 403  # the comment is the residence's to write
    client.force_login(ward_b)
    assert client.get(url).status_code == 404
    assert "Phạm Văn Giáo" not in client.get("/cap-uy/lien-he-noi-cu-tru/").content.decode()
    assert client.post(url, comment).status_code == 404
    assert residence.comments_for_review([teacher.pk], 2016)[teacher.pk].text == "Gương mẫu ở tổ dân phố."


def test_a_returned_introduction_stays_in_the_senders_list_with_the_reason(client, tree, register, make_user):
    teacher = register(tree.c, full_name="Phạm Văn Giáo")
    school, ward = make_user("grassroots", tree.c, "thu-ky-c"), make_user("grassroots", tree.a, "thu-ky-a")
    contact = residence.contact_introduce(actor=school, member=teacher, ward=tree.a, introduced_on=D(2016, 1, 20))
    client.force_login(ward)
    decline = {"action": "decline", "decline-reason": "Không cư trú trên địa bàn phường"}
    assert client.post(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/", decline).status_code == 302
    assert "Phạm Văn Giáo" not in client.get("/cap-uy/lien-he-noi-cu-tru/").content.decode()  # closed for the ward
    client.force_login(school)
    listing = client.get("/cap-uy/lien-he-noi-cu-tru/").content.decode()
    assert "Phạm Văn Giáo" in listing and "Nơi cư trú trả lại giấy giới thiệu" in listing
    page = client.get(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/").content.decode()
    assert "Không cư trú trên địa bàn phường" in page
