"""The forms call the services: a service's Vietnamese error shows next to the field it names
and nothing is saved; a valid form saves and returns to the member page with a message."""

from django.urls import reverse

from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.models import Organization

from ..conftest import D


def admit_data(**overrides):
    data = {
        "full_name": "Phạm Thị Hoa",
        "birth_date": "17/05/1990",
        "sex": "F",
        "citizen_id": "001190000777",
        "ethnicity": "Kinh",
        "religion": "Không",
        "admitted_on": "19/05/2016",
        "decision_no": "125-QĐ/QU",
    }
    data.update(overrides)
    return data


def error_next_to(html: str, field: str) -> str:
    """The text of the error list rendered right after the field's input."""
    block = html.split(f'id="id_{field}"', 1)[1].split('class="field', 1)[0]
    assert 'class="errorlist"' in block, f"no error next to {field}"
    return block.split('class="errorlist"', 1)[1].split("</ul>", 1)[0]


def test_admission_creates_the_member_and_returns_to_their_page(board, tree):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(), follow=True)
    member = Member.objects.get(full_name="Phạm Thị Hoa")
    assert response.redirect_chain[-1][0] == reverse("member-detail", args=[member.pk])
    assert member.org == tree.a1 and member.status == "probationary" and member.admitted_on == D(2016, 5, 19)
    assert "Đã kết nạp đồng chí Phạm Thị Hoa" in response.content.decode()


def test_admitting_someone_aged_17_shows_the_age_rule_next_to_the_birth_date(board, tree):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(birth_date="01/12/1998"))
    assert response.status_code == 200
    assert "phải đủ 18 tuổi" in error_next_to(response.content.decode(), "birth_date")
    assert not Member.objects.exists()


def test_a_duplicate_citizen_id_is_refused_next_to_the_field(board, tree, an):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(citizen_id="001080012345"))
    assert "đã có ở đảng viên Nguyễn Văn An" in error_next_to(response.content.decode(), "citizen_id")
    assert Member.objects.count() == 1


def test_a_badly_typed_date_says_how_to_type_it(board, tree):
    response = board.post(reverse("member-admit", args=[tree.a1.pk]), admit_data(admitted_on="2016-19-05"))
    assert "ngày/tháng/năm" in error_next_to(response.content.decode(), "admitted_on")
    assert not Member.objects.exists()


def test_the_age_override_field_is_only_for_those_who_may_override(client, board, tree, make_user):
    assert 'name="age_override_reason"' in board.get(reverse("member-admit", args=[tree.a1.pk])).content.decode()
    client.force_login(make_user("grassroots", tree.a))
    html = client.get(reverse("member-admit", args=[tree.a1.pk])).content.decode()
    assert 'name="birth_date"' in html and 'name="age_override_reason"' not in html


def test_editing_identity_saves_and_keeps_history(board, an):
    data = {"full_name": "Nguyễn Văn Ân", "birth_date": "17/05/1980", "sex": "M",
            "citizen_id": "001080012345", "ethnicity": "Kinh", "religion": "Không",
            "address": "Số 5 ngõ 100 Định Công"}  # fmt: skip
    response = board.post(reverse("member-edit", args=[an.pk]), data, follow=True)
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn Ân" and an.address == "Số 5 ngõ 100 Định Công"
    html = response.content.decode()
    assert "Đã lưu lý lịch" in html and "<del>Nguyễn Văn An</del> → <ins>Nguyễn Văn Ân</ins>" in html


def test_a_transfer_within_the_system_creates_the_event(board, tree, an):
    response = board.post(
        reverse("member-event", args=[an.pk, "transferred"]),
        {"date": "01/09/2016", "to_org": "A2 — Chi bộ tổ dân phố số 2", "decision_no": "40-QĐ/ĐU"},
        follow=True,
    )
    an.refresh_from_db()
    assert an.org == tree.a2
    event = an.events.get(kind="transferred")
    assert event.date == D(2016, 9, 1) and event.to_org == tree.a2 and event.decision_no == "40-QĐ/ĐU"
    assert "Đã ghi nhận" in response.content.decode()


def test_a_transfer_to_the_same_cell_shows_the_service_error_next_to_the_cell(board, tree, an):
    response = board.post(reverse("member-event", args=[an.pk, "transferred"]), {"date": "01/09/2016", "to_org": "A1"})
    assert "trùng với nơi đang sinh hoạt" in error_next_to(response.content.decode(), "to_org")
    assert an.events.count() == 1


def test_recognition_before_twelve_months_is_refused_next_to_the_decision_date(board, an):
    url = reverse("member-event", args=[an.pk, "recognized"])
    response = board.post(url, {"decision_no": "9-QĐ/QU", "decision_date": "01/05/2017"})
    assert "Chưa hết 12 tháng dự bị" in error_next_to(response.content.decode(), "decision_date")
    board.post(url, {"decision_no": "9-QĐ/QU", "decision_date": "02/06/2017"})
    an.refresh_from_db()
    assert an.status == "full" and an.recognized_on == D(2017, 5, 19)


def test_only_the_kinds_that_fit_the_status_are_offered(board, an, actor):
    html = board.get(reverse("member-event-kinds", args=[an.pk])).content.decode()
    assert "Công nhận đảng viên chính thức" in html and "Kết nạp lại" not in html
    assert board.get(reverse("member-event", args=[an.pk, "readmitted"])).status_code == 404
    board.post(reverse("member-event", args=[an.pk, "removed"]), {"date": "01/10/2016", "decision_no": "3-QĐ"})
    an.refresh_from_db()
    assert an.status == "removed"
    html = board.get(reverse("member-event-kinds", args=[an.pk])).content.decode()
    assert "Kết nạp lại" in html and "Công nhận đảng viên chính thức" not in html


def test_a_missing_decision_number_is_asked_for(board, an):
    response = board.post(reverse("member-event", args=[an.pk, "removed"]), {"date": "01/10/2016"})
    assert "Hãy nhập số quyết định" in error_next_to(response.content.decode(), "decision_no")
    assert not MemberEvent.objects.filter(kind="removed").exists()


def test_founding_a_cell_and_dissolving_it(board, tree):
    response = board.post(
        reverse("org-found", args=[tree.a.pk]),
        {
            "code": "A3",
            "name": "Chi bộ tổ dân phố số 3",
            "level": "cell",
            "kind": "ward",
            "founded_on": "01/03/2016",
        },
        follow=True,
    )
    cell = Organization.objects.get(code="A3")
    assert cell.parent == tree.a and "Đã thành lập" in response.content.decode()
    board.post(reverse("org-dissolve", args=[cell.pk]), {"on": "01/10/2016", "decision": "77-QĐ/QU"})
    cell.refresh_from_db()
    assert cell.dissolved_on == D(2016, 10, 1)


def test_moving_a_unit_needs_a_target_in_scope_and_says_why_it_cannot(board, tree, an):
    url = reverse("org-move", args=[tree.a1.pk])
    response = board.post(url, {"new_parent": "HN", "on": "01/06/2016"})
    assert "Không tìm thấy tổ chức có mã HN" in error_next_to(response.content.decode(), "new_parent")
    response = board.post(url, {"new_parent": "A", "on": "01/06/2016"})
    assert "đã trực thuộc" in error_next_to(response.content.decode(), "new_parent")
    board.post(url, {"new_parent": "B", "on": "01/06/2016"})  # a cell under a đảng bộ elsewhere: allowed
    tree.a1.refresh_from_db()
    assert tree.a1.parent == tree.b


def test_merging_moves_the_members_and_ends_the_unit(board, tree, an):
    board.post(reverse("org-merge", args=[tree.a1.pk]), {"target": "A2", "on": "01/07/2016", "decision": "5-QĐ"})
    tree.a1.refresh_from_db()
    an.refresh_from_db()
    assert tree.a1.dissolved_on == D(2016, 7, 1) and tree.a1.merged_into == tree.a2 and an.org == tree.a2


def test_a_plain_select_draws_what_djangos_select_templates_draw():
    from django import forms
    from django.utils.safestring import mark_safe

    from dangvu.web.forms import PlainSelect

    # Escaping, a selected option in a group, boolean attributes, a label already safe.
    choices = [
        ("", "Tất cả"),
        ("1", 'Chi bộ <số 1> & "A"'),
        ("Nhóm", [("2", "x"), ("3", "y")]),
        (4, mark_safe("<i>z</i>")),
    ]
    attrs = {"required": True, "disabled": False, "data-x": 'a"b'}
    for value in ["", "1", "2", 4, None]:
        django = forms.Select(choices=choices, attrs=attrs).render("unit", value, {"id": "id_unit"})
        plain = PlainSelect(choices=choices, attrs=attrs).render("unit", value, {"id": "id_unit"})
        assert plain == django, value
