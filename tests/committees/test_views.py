"""The committee and residence-contact pages: scoped reads, who may write, errors next to the field."""

import pytest

from dangvu.committees import residence
from dangvu.committees.models import Congress, Seat
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


def test_residence_contacts_are_seen_from_both_sides_and_written_by_the_residential_side(
    client, tree, register, make_user
):
    teacher = register(tree.c, full_name="Phạm Văn Giáo", party_card_no="09000003")
    client.force_login(make_user("grassroots", tree.a))
    response = client.post(
        "/cap-uy/lien-he-noi-cu-tru/", {"member": "09000003", "cell": tree.a1.pk, "since": "01/02/2016"}
    )
    contact = residence.visible_contacts(tree.a).get()
    assert response.status_code == 302 and contact.member == teacher
    note = {
        "action": "comment",
        "comment-year": 2016,
        "comment-assessment": "exemplary",
        "comment-commented_on": "10/12/2016",
    }
    assert client.post(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/", note).status_code == 302
    client.force_login(make_user("grassroots", tree.c))  # the teacher's own school sees it, read-only
    page = client.get(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/")
    assert page.status_code == 200 and "Năm 2016" in page.content.decode()
    assert client.post(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/", note).status_code == 403
    client.force_login(make_user("grassroots", tree.b))
    assert client.get(f"/cap-uy/lien-he-noi-cu-tru/{contact.pk}/").status_code == 404
    assert "Phạm Văn Giáo" not in client.get("/cap-uy/lien-he-noi-cu-tru/").content.decode()
