"""Recording inspections and discipline through the services: each refusal says in Vietnamese
what is wrong, names the field, and stores nothing."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.inspection.models import Discipline, Inspection
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.members.models import MemberEvent

from ..conftest import D


def refused(call, **kw) -> dict:
    with pytest.raises(ValidationError) as e:
        call(**kw)
    return e.value.message_dict


def stored():
    return Inspection.objects.count(), Discipline.objects.count(), MemberEvent.objects.count()


def discipline(actor, member=None, org=None, **kw):
    data = {
        "actor": actor, "form": "reprimand", "decided_by": kw.pop("decided_by", None), "decision_no": "12-QĐ/UBKTQU",
        "decision_date": D(2016, 6, 1), "violation_date": D(2016, 1, 10), "subject_member": member, "subject_org": org,
    }  # fmt: skip
    data.update(kw)
    return data


# --- inspections ---------------------------------------------------------------------------------


def test_an_inspection_of_a_cell_member_by_the_district_is_recorded_and_audited(tree, register, actor):
    m = register(tree.a1)
    item = inspection_record(
        actor=actor, kind="inspection", mode="thematic", conducted_by=tree.hm, subject_member=m,
        start_date=D(2016, 4, 4), end_date=D(2016, 4, 20), content="Việc thực hiện Chỉ thị 05",
        violations_found=True, violation_date=D(2015, 8, 1),
    )  # fmt: skip
    assert item.subject == m
    assert LogEntry.objects.get_for_object(item).get().actor == actor


def test_a_conclusion_of_several_lines_keeps_them_on_the_record_and_the_page(tree, register, actor, client):
    item = inspection_record(
        actor=actor, kind="inspection", mode="thematic", conducted_by=tree.hm, subject_org=tree.a,
        start_date=D(2016, 4, 4), end_date=D(2016, 4, 20), content="Việc thực hiện Chỉ thị 05",
        conclusion="Kết luận:\r\n1. Thực hiện tốt.\r\n2. Cần khắc phục hạn chế.",
    )  # fmt: skip
    item.refresh_from_db()
    assert item.conclusion == "Kết luận:\n1. Thực hiện tốt.\n2. Cần khắc phục hạn chế."
    client.force_login(actor)
    page = client.get(reverse("inspection-detail", args=[item.pk])).content.decode()
    assert "Kết luận:<br>1. Thực hiện tốt.<br>2. Cần khắc phục hạn chế." in page


@pytest.mark.parametrize(
    "subjects, field",
    [({}, "subject_org"), ({"both": True}, "subject_org")],
    ids=["no subject", "two subjects"],
)
def test_an_inspection_needs_exactly_one_subject(tree, register, actor, subjects, field):
    m = register(tree.a1)
    before = stored()
    extra = {"subject_org": tree.a, "subject_member": m} if subjects else {}
    errors = refused(
        inspection_record, actor=actor, kind="supervision", conducted_by=tree.hm, start_date=D(2016, 4, 4),
        content="Giám sát", **extra,
    )  # fmt: skip
    assert "đúng một đối tượng" in errors[field][0]
    assert stored() == before


def test_inspection_dates_must_be_in_order_and_not_in_the_future(tree, actor):
    before = stored()
    common = {"actor": actor, "kind": "inspection", "conducted_by": tree.hm, "subject_org": tree.a, "content": "X"}
    errors = refused(inspection_record, start_date=D(2016, 5, 2), end_date=D(2016, 5, 1), **common)
    assert errors["end_date"] == ["Ngày kết thúc 01/05/2016 trước ngày bắt đầu 02/05/2016."]
    errors = refused(inspection_record, start_date=D(2999, 1, 1), **common)
    assert "ở tương lai" in errors["start_date"][0]
    assert stored() == before


def test_a_ward_cannot_inspect_another_wards_unit_or_member(tree, register, actor):
    theirs = register(tree.b1)
    before = stored()
    common = {"actor": actor, "kind": "inspection", "conducted_by": tree.a, "start_date": D(2016, 5, 2), "content": "X"}
    errors = refused(inspection_record, subject_org=tree.b1, **common)
    assert errors["subject_org"] == [
        "Ngày 02/05/2016, Chi bộ khu dân cư số 1 không thuộc Đảng bộ phường Định Công; "
        "chỉ kiểm tra, giám sát được tổ chức trong phạm vi của mình."
    ]
    errors = refused(inspection_record, subject_member=theirs, **common)
    assert "không sinh hoạt trong Đảng bộ phường Định Công" in errors["subject_member"][0]
    assert stored() == before


# --- discipline: forms ----------------------------------------------------------------------------


def test_a_probationary_member_cannot_be_removed_from_post(tree, admit, actor):
    m = admit(tree.a1, on=D(2016, 3, 2), full_name="Lê Văn Bình")
    before = stored()
    errors = refused(discipline_record, **discipline(actor, m, decided_by=tree.a, form="removal"))
    assert errors["form"] == [
        "Không thể kỷ luật đảng viên dự bị bằng hình thức cách chức; đảng viên dự bị chỉ có thể bị khiển trách, "
        "cảnh cáo (Điều lệ Đảng, Điều 36; Quy định 102-QĐ/TW ngày 15/11/2017). "
        "Ngày 01/06/2016, Lê Văn Bình là đảng viên dự bị."
    ]
    assert stored() == before


def test_the_standing_that_counts_is_the_one_on_the_decision_date(tree, admit, actor):
    m = admit(tree.a1, on=D(2014, 3, 2))
    from dangvu.members.services import member_recognize

    member_recognize(actor=actor, member=m, decision_no="5-QĐ/QU", decision_date=D(2015, 4, 1))
    with pytest.raises(ValidationError):  # on 1/3/2015 still probationary
        discipline_record(**discipline(actor, m, decided_by=tree.a, form="removal", decision_date=D(2015, 3, 1),
                                       violation_date=D(2015, 1, 5)))  # fmt: skip
    d = discipline_record(**discipline(actor, m, decided_by=tree.a, form="removal"))
    assert d.standing == "full"


def test_an_organization_cannot_be_removed_from_post(tree, actor):
    before = stored()
    errors = refused(discipline_record, **discipline(actor, org=tree.a1, decided_by=tree.a, form="removal"))
    assert errors["form"][0].startswith(
        "Không thể kỷ luật tổ chức đảng bằng hình thức cách chức; tổ chức đảng chỉ có thể bị khiển trách, "
        "cảnh cáo, giải tán"
    )
    assert stored() == before


def test_an_organization_is_disciplined_by_its_superior_not_itself(tree, actor):
    errors = refused(discipline_record, **discipline(actor, org=tree.a, decided_by=tree.a))
    assert "do cấp ủy cấp trên quyết định" in errors["subject_org"][0]


def test_dissolution_as_discipline_leaves_the_organization_standing(tree, actor):
    discipline_record(**discipline(actor, org=tree.a2, decided_by=tree.hm, form="dissolution"))
    tree.a2.refresh_from_db()
    assert tree.a2.dissolved_on is None


def test_decision_number_and_date_are_required(tree, register, actor):
    m = register(tree.a1)
    errors = refused(discipline_record, **discipline(actor, m, decided_by=tree.a, decision_no=" "))
    assert "số quyết định" in errors["decision_no"][0]
    errors = refused(discipline_record, **discipline(actor, m, decided_by=tree.a, decision_date=None))
    assert "ngày quyết định" in errors["decision_date"][0]


# --- discipline: statute of limitations -------------------------------------------------------------


@pytest.mark.parametrize(
    "form, years", [("reprimand", 5), ("warning", 10), ("removal", 10)], ids=["khiển trách", "cảnh cáo", "cách chức"]
)
def test_the_limitation_ends_on_the_same_day_years_later(tree, register, actor, form, years):
    m = register(tree.a1)
    violation = D(2016 - years, 3, 10)
    common = {"decided_by": tree.a, "form": form, "violation_date": violation}
    ok = discipline_record(**discipline(actor, m, decision_date=D(2016, 3, 10), **common))
    assert ok.pk
    before = stored()
    late = discipline(actor, m, decision_date=D(2016, 3, 11), decision_no="13-QĐ/UBKTQU", **common)
    errors = refused(discipline_record, **late)
    assert errors["decision_date"][0].startswith(
        f"Đã hết thời hiệu kỷ luật {ok.get_form_display().lower()} ({years} năm kể từ ngày vi phạm "
        f"10/03/{2016 - years}): thời hiệu hết ngày 10/03/2016, trước ngày quyết định 11/03/2016"
    )
    assert "Quy định 102-QĐ/TW" in errors["decision_date"][0]
    assert stored() == before


def test_expulsion_has_no_limitation_and_records_the_expelled_event(tree, register, actor):
    m = register(tree.a1)
    d = discipline_record(**discipline(actor, m, decided_by=tree.hm, form="expulsion", violation_date=D(1995, 1, 1),
                                       decision_no="7-QĐ/QU", reason="Vi phạm nghiêm trọng"))  # fmt: skip
    m.refresh_from_db()
    assert m.status == "expelled"
    event = m.events.get(kind="expelled")
    assert (event.date, event.decision_no) == (d.decision_date, "7-QĐ/QU")


def test_an_expelled_member_cannot_be_disciplined_again(tree, register, actor):
    m = register(tree.a1)
    discipline_record(**discipline(actor, m, decided_by=tree.hm, form="expulsion"))
    before = stored()
    errors = refused(discipline_record, **discipline(actor, m, decided_by=tree.hm, decision_date=D(2016, 7, 1)))
    assert "không còn là đảng viên đang sinh hoạt" in errors["subject_member"][0]
    assert stored() == before
