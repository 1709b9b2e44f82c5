"""The rest of the record sheet (Mẫu 2-HSĐV) kept in the registry: alias, temporary residence,
titles, languages, IT, Youth Union date, mass-organization posts, health and the work history —
typed on the member form (audited), printed on the PDF, refused plainly when a line of the work
history ends before it starts."""

import shutil
import subprocess

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.members.models import Member, MemberWorkPeriod
from dangvu.members.services import member_update, version_of
from dangvu.reports.member_sheet import sheet_pdf

from ..conftest import D

RECORD = {
    "alias": "Út Mười",
    "temporary_address": "Số 12 ngõ 83 Tân Mai, phường Tân Mai",
    "academic_title": "Phó Giáo sư",
    "academic_degree": "Tiến sĩ",
    "foreign_languages": "Tiếng Anh B1, tiếng Nga A",
    "it_skills": "Ứng dụng CNTT cơ bản",
    "minority_languages": "Tiếng Mường (nghe, nói thành thạo)",
    "mass_org_positions": "Chủ tịch Công đoàn cơ sở",
    "health": "Tốt",
}


def _form(member, **changes):
    """What the edit page posts: the identity as loaded, the record fields, two work-history lines."""
    data = {
        "full_name": member.full_name, "birth_date": member.birth_date.strftime("%d/%m/%Y"), "sex": member.sex,
        "citizen_id": member.citizen_id or "", "ethnicity": member.ethnicity, "religion": member.religion,
        "version": version_of(member), **RECORD, "youth_union_joined_on": "26/03/1996",
        "qtct-TOTAL_FORMS": "3", "qtct-INITIAL_FORMS": "0",
        "qtct-0-started_on": "09/2002", "qtct-0-ended_on": "08/2010", "qtct-0-work": "Giáo viên Ngữ văn",
        "qtct-0-place": "Trường THCS Tân Mai",
        "qtct-1-started_on": "09/2010", "qtct-1-ended_on": "", "qtct-1-work": "Phó Hiệu trưởng",
        "qtct-1-place": "Trường THCS Định Công",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def clerk(tree, make_user, client):
    user = make_user(Role.GRASSROOTS, tree.a)
    client.force_login(user)
    return user


def test_the_form_saves_the_record_fields_and_work_history_and_the_audit_keeps_them(tree, register, clerk, client):
    member = register(tree.a1, ethnicity="Mường")
    response = client.post(reverse("member-edit", args=[member.pk]), _form(member))
    assert response.status_code == 302
    member.refresh_from_db()
    assert {k: getattr(member, k) for k in RECORD} == RECORD
    assert member.youth_union_joined_on == D(1996, 3, 26)
    lines = list(member.work_periods.values_list("started_on", "ended_on", "work", "place"))
    assert lines == [
        (D(2002, 9, 1), D(2010, 8, 1), "Giáo viên Ngữ văn", "Trường THCS Tân Mai"),
        (D(2010, 9, 1), None, "Phó Hiệu trưởng", "Trường THCS Định Công"),
    ]
    # The audit names the clerk for the member's new fields and for each work-history line.
    member_entry = LogEntry.objects.get_for_object(member).filter(actor=clerk).get()
    assert {"alias", "foreign_languages", "youth_union_joined_on", "health"} <= set(member_entry.changes_dict)
    line_type = ContentType.objects.get_for_model(MemberWorkPeriod)
    assert LogEntry.objects.filter(content_type=line_type, actor=clerk, action=LogEntry.Action.CREATE).count() == 2
    # The member's page shows them, with the change history.
    page = client.get(reverse("member-detail", args=[member.pk])).content.decode()
    for text in ("Út Mười", "Tiếng Anh B1, tiếng Nga A", "26/03/1996", "Phó Hiệu trưởng", "09/2010", "Ngoại ngữ"):
        assert text in page, text


def test_a_line_corrected_or_removed_on_the_form_is_updated_or_deleted_not_duplicated(tree, register, clerk, client):
    member = register(tree.a1)
    client.post(reverse("member-edit", args=[member.pk]), _form(member))
    member.refresh_from_db()
    first, second = member.work_periods.all()
    data = _form(member, **{
        "qtct-TOTAL_FORMS": "4", "qtct-INITIAL_FORMS": "2",
        "qtct-0-id": str(first.pk), "qtct-0-work": "Giáo viên Ngữ văn, tổ trưởng chuyên môn",
        "qtct-1-id": str(second.pk), "qtct-1-DELETE": "on",
    })  # fmt: skip
    assert client.post(reverse("member-edit", args=[member.pk]), data).status_code == 302
    assert list(member.work_periods.values_list("pk", "work")) == [
        (first.pk, "Giáo viên Ngữ văn, tổ trưởng chuyên môn")
    ]
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(MemberWorkPeriod), actor=clerk)
    assert entries.filter(action=LogEntry.Action.UPDATE, object_pk=str(first.pk)).count() == 1
    assert entries.filter(action=LogEntry.Action.DELETE, object_pk=str(second.pk)).count() == 1


def test_a_work_line_ending_before_it_starts_is_refused_naming_the_line_and_nothing_is_saved(
    tree, register, clerk, client
):
    member = register(tree.a1)
    data = _form(member, **{"qtct-1-started_on": "09/2012", "qtct-1-ended_on": "06/2011"})
    response = client.post(reverse("member-edit", args=[member.pk]), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dòng 2 của quá trình công tác: tháng bắt đầu 09/2012 sau tháng kết thúc 06/2011" in text
    member.refresh_from_db()
    assert member.alias == "" and not member.work_periods.exists()


def test_the_service_checks_the_work_history_too_and_names_the_line(tree, register, actor):
    member = register(tree.a1)
    lines = [
        {"started_on": D(2001, 1, 1), "ended_on": D(2005, 12, 1), "work": "Kế toán viên", "place": "Xí nghiệp"},
        {"started_on": D(2006, 1, 1), "ended_on": D(2005, 1, 1), "work": "Kế toán trưởng", "place": "Xí nghiệp"},
        {"started_on": D(2007, 1, 1), "ended_on": None, "work": " ", "place": ""},
    ]
    with pytest.raises(ValidationError) as refused:
        member_update(actor=actor, member=member, alias="Ba Hưng", work_history=lines)
    messages = refused.value.message_dict["work_history"]
    assert messages[0].startswith("Dòng 2: tháng bắt đầu 01/2006 sau tháng kết thúc 01/2005")
    assert messages[1].startswith("Dòng 3: hãy ghi công việc, chức vụ")
    member.refresh_from_db()
    assert member.alias == "" and not member.work_periods.exists()


def test_a_youth_union_date_before_birth_is_refused(tree, register, actor):
    member = register(tree.a1, birth_date=D(1980, 5, 17))
    with pytest.raises(ValidationError) as refused:
        member_update(actor=actor, member=member, youth_union_joined_on=D(1979, 3, 26))
    assert "Ngày vào Đoàn phải sau ngày sinh" in refused.value.message_dict["youth_union_joined_on"][0]


def test_a_post_without_the_work_lines_keeps_the_history(tree, register, clerk, client):
    member = register(tree.a1)
    client.post(reverse("member-edit", args=[member.pk]), _form(member))
    member.refresh_from_db()
    data = {k: v for k, v in _form(member, phone="0912345678").items() if not k.startswith("qtct-")}
    assert client.post(reverse("member-edit", args=[member.pk]), data).status_code == 302
    assert member.work_periods.count() == 2 and Member.objects.get(pk=member.pk).phone == "0912345678"


def test_the_pdf_prints_the_record_fields_and_work_history_in_vietnamese(tree, register, actor):
    member = register(tree.a1, full_name="Lê Thị Hồng Nhung", ethnicity="Mường")
    member_update(
        actor=actor, member=member, **RECORD, youth_union_joined_on=D(1996, 3, 26),
        work_history=[
            {"started_on": D(2002, 9, 1), "ended_on": D(2010, 8, 1), "work": "Giáo viên Ngữ văn",
             "place": "Trường THCS Tân Mai"},
            {"started_on": D(2010, 9, 1), "ended_on": None, "work": "Phó Hiệu trưởng",
             "place": "Trường THCS Định Công"},
        ],
    )  # fmt: skip
    pdf = sheet_pdf(Member.objects.get(pk=member.pk), show_citizen_id=False)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is needed to read the PDF back")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = " ".join(text.decode("utf-8").split())  # table cells wrap: compare with spaces collapsed
    for words in ("Bí danh: Út Mười", "Nơi tạm trú: Số 12 ngõ 83 Tân Mai", "Học hàm, học vị: Phó Giáo sư, Tiến sĩ",
                  "Ngoại ngữ: Tiếng Anh B1, tiếng Nga A", "Tin học: Ứng dụng CNTT cơ bản",
                  "Tiếng dân tộc thiểu số: Tiếng Mường", "Chức vụ đoàn thể: Chủ tịch Công đoàn cơ sở",
                  "Ngày vào Đoàn TNCS Hồ Chí Minh: 26/03/1996", "Tình trạng sức khỏe: Tốt",
                  "09/2002", "08/2010", "Giáo viên Ngữ văn", "Phó Hiệu trưởng", "Trường THCS Định Công"):  # fmt: skip
        assert words in text, words
