"""The review services: stages, refusals with nothing saved, overrides, closing and reopening."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.members.models import EventKind
from dangvu.members.services import member_record_event
from dangvu.reviews.models import CycleStatus, MemberResult, OrgResult, Override, Stage
from dangvu.reviews.services import (
    member_results_record_bulk,
    org_result_record,
    review_cycle_close,
    review_cycle_open,
    review_cycle_reopen,
)

D = dt.date


@pytest.fixture
def cycle(tree, actor):
    return review_cycle_open(actor=actor, committee=tree.hm, year=2016)


@pytest.fixture
def cycle_2019(tree, actor):
    return review_cycle_open(actor=actor, committee=tree.hm, year=2019)


def test_open_takes_the_rulebook_from_the_year(tree, actor, cycle, cycle_2019):
    assert (cycle.rulebook, cycle_2019.rulebook) == ("hd27_2014", "qd132_2018")
    with pytest.raises(ValidationError, match="đã được mở"):
        review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    with pytest.raises(ValidationError, match="từ năm 2014"):
        review_cycle_open(actor=actor, committee=tree.hm, year=2012)
    with pytest.raises(ValidationError, match="cấp trên cơ sở"):
        review_cycle_open(actor=actor, committee=tree.a, year=2016)


def test_stages_of_an_organization(tree, actor, cycle):
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, cls="tsvm", points=95)
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, cls="tsvm", points=92)
    result = org_result_record(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="tsvm", points=92, exemplary=True
    )
    assert (result.self_class, result.proposed_class, result.decided_class, result.exemplary) == (
        "tsvm", "tsvm", "tsvm", True,
    )  # fmt: skip
    assert result.decided_by == actor and result.self_points == 95


def test_a_class_the_rulebook_does_not_have_is_refused(tree, actor, cycle):
    with pytest.raises(ValidationError) as e:
        org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="excellent")
    assert "không có trong Hướng dẫn 27-HD/BTCTW" in e.value.message_dict["cls"][0]
    assert not OrgResult.objects.exists()


def test_a_broken_rule_is_refused_with_its_source_then_overridden_with_a_reason(tree, actor, cycle):
    with pytest.raises(ValidationError) as e:
        org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, cls="good", points=45)
    message = e.value.message_dict["cls"][0]
    assert "dưới 50" in message and "Hướng dẫn 27-HD/BTCTW" in message and "ghi rõ lý do" in message
    with pytest.raises(ValidationError, match="ghi rõ lý do"):
        org_result_record(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, cls="good", points=45, override_reason="x" * 12
        )
    assert not OrgResult.objects.exists()
    result = org_result_record(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="good", points=45,
        override_reason="Điểm trừ do lỗi khách quan, đã khắc phục trong quý IV",
    )  # fmt: skip
    override = Override.objects.get()
    assert override.rules == ["hd27.org.weak_points"] and override.org == tree.c and override.decided_by == actor
    assert result.override_reason.startswith("Điểm trừ")


def test_an_organization_outside_the_committee_is_refused(tree, actor, django_user_model):
    from dangvu.organizations.models import Kind, Level
    from dangvu.organizations.services import org_found

    other = org_found(
        actor=actor,
        code="X",
        name="Quận X",
        kind=Kind.OTHER,
        level=Level.DISTRICT,
        parent=tree.hn,
        founded_on=D(2004, 1, 1),
    )
    cycle = review_cycle_open(actor=actor, committee=other, year=2016)
    with pytest.raises(ValidationError, match="không thuộc Quận X"):
        org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, cls="good")


def test_bulk_entry_is_atomic_and_names_the_member(tree, actor, cycle, register):
    a1 = [register(tree.a1) for _ in range(3)]
    stranger = register(tree.b1, full_name="Trần Văn Lạ")
    rows = [{"member": m, "cls": "good"} for m in a1] + [{"member": stranger, "cls": "good"}]
    with pytest.raises(ValidationError) as e:
        member_results_record_bulk(actor=actor, cycle=cycle, org=tree.a, stage=Stage.DECISION, rows=rows)
    errors = e.value.message_dict
    assert list(errors) == [f"member_{stranger.pk}"]
    assert (
        "Trần Văn Lạ không sinh hoạt tại Đảng bộ phường Định Công trong năm 2016" in errors[f"member_{stranger.pk}"][0]
    )
    assert not MemberResult.objects.exists()

    saved = member_results_record_bulk(actor=actor, cycle=cycle, org=tree.a, stage=Stage.DECISION, rows=rows[:3])
    assert len(saved) == 3 and set(MemberResult.objects.values_list("decided_class", flat=True)) == {"good"}
    assert LogEntry.objects.filter(content_type__model="memberresult", actor=actor).count() == 3


def test_bulk_entry_refuses_a_class_of_another_rulebook(tree, actor, cycle, register):
    m = register(tree.c)
    with pytest.raises(ValidationError, match="không có trong"):
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, rows=[{"member": m, "cls": "not_completed"}]
        )


def test_member_of_the_year_who_left_is_still_rated_where_they_were(tree, actor, cycle, register):
    m = register(tree.c)
    member_record_event(actor=actor, member=m, kind=EventKind.TRANSFERRED, date=D(2016, 6, 1), to_org=tree.b1)
    member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, rows=[{"member": m, "cls": "good"}]
    )
    late = register(tree.c, joined_on=D(2017, 3, 1))
    with pytest.raises(ValidationError, match="không sinh hoạt"):
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, rows=[{"member": late, "cls": "good"}]
        )


def test_quota_from_2018_exact_20_percent_passes_one_more_fails(tree, actor, cycle_2019, register):
    members = [register(tree.c) for _ in range(12)]
    rows = [{"member": m, "cls": "excellent"} for m in members[:2]] + [
        {"member": m, "cls": "good"} for m in members[2:]
    ]
    member_results_record_bulk(actor=actor, cycle=cycle_2019, org=tree.c, stage=Stage.DECISION, rows=rows)
    with pytest.raises(ValidationError) as e:
        member_results_record_bulk(
            actor=actor,
            cycle=cycle_2019,
            org=tree.c,
            stage=Stage.DECISION,
            rows=[{"member": members[2], "cls": "excellent"}],
        )
    assert "20%" in e.value.message_dict["__all__"][0]
    assert MemberResult.objects.filter(decided_class="excellent").count() == 2
    member_results_record_bulk(
        actor=actor, cycle=cycle_2019, org=tree.c, stage=Stage.DECISION,
        rows=[{"member": members[2], "cls": "excellent"}],
        quota_override_reason="Thành tích đột xuất được Thành ủy khen thưởng",
    )  # fmt: skip
    assert Override.objects.get().rules == ["qd132.member.excellent_quota"]


def test_exempted_member_is_not_rated(tree, actor, cycle, register):
    m = register(tree.c)
    member_record_event(actor=actor, member=m, kind=EventKind.EXEMPTED, date=D(2015, 1, 5), decision_no="1-QĐ")
    with pytest.raises(ValidationError, match="miễn sinh hoạt"):
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": "good"}]
        )
    member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": ""}]
    )
    result = MemberResult.objects.get()
    assert result.decided_class == "" and result.not_rated_reason == "Được miễn sinh hoạt đảng"


def test_disciplined_member_rated_lowest_from_the_discipline_records(tree, actor, cycle_2019, register):
    from dangvu.inspection.services import discipline_record

    m = register(tree.c)
    discipline_record(
        actor=actor, form="reprimand", decided_by=tree.c, decision_no="5-QĐ/CB", decision_date=D(2019, 5, 2),
        violation_date=D(2019, 3, 1), subject_member=m,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="bị kỷ luật trong năm"):
        member_results_record_bulk(
            actor=actor, cycle=cycle_2019, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": "completed"}]
        )
    member_results_record_bulk(
        actor=actor, cycle=cycle_2019, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": "not_completed"}]
    )


def test_closed_cycle_refuses_edits_and_reopening_is_recorded(tree, actor, cycle, register):
    m = register(tree.c)
    review_cycle_close(actor=actor, cycle=cycle)
    with pytest.raises(ValidationError, match="đã khóa"):
        org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, cls="good")
    with pytest.raises(ValidationError, match="đã khóa"):
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, rows=[{"member": m, "cls": "good"}]
        )
    with pytest.raises(ValidationError, match="lý do"):
        review_cycle_reopen(actor=actor, cycle=cycle, reason="sửa")
    cycle = review_cycle_reopen(actor=actor, cycle=cycle, reason="Bổ sung kết quả của Chi bộ Trường THCS Tân Mai")
    reopening = cycle.reopenings.get()
    assert cycle.status == CycleStatus.OPEN and reopening.reopened_by == actor and "Tân Mai" in reopening.reason
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, cls="good")


def test_hd27_cell_with_half_its_members_failing_checked_from_member_results(tree, actor, cycle, register):
    members = [register(tree.c) for _ in range(3)]
    member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION,
        rows=[{"member": members[0], "cls": "failed"}, {"member": members[1], "cls": "failed"},
              {"member": members[2], "cls": "good"}],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="2/3 đảng viên"):
        org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="completed")
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, cls="weak")


def test_subordinate_cells_feed_the_committee_rules(tree, actor, cycle_2019):
    org_result_record(actor=actor, cycle=cycle_2019, org=tree.a1, stage=Stage.DECISION, cls="good")
    with pytest.raises(ValidationError, match="Mới có 1/2"):
        org_result_record(actor=actor, cycle=cycle_2019, org=tree.a, stage=Stage.DECISION, cls="excellent")
    org_result_record(actor=actor, cycle=cycle_2019, org=tree.a2, stage=Stage.DECISION, cls="excellent")
    org_result_record(actor=actor, cycle=cycle_2019, org=tree.a, stage=Stage.DECISION, cls="excellent")


def test_bulk_entry_takes_the_same_queries_for_3_or_12_members(tree, actor, cycle, register):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = [register(tree.a1) for _ in range(3)]
    many = [register(tree.b1) for _ in range(12)]

    def queries(org, members):
        # Both calls start with Django's content-type cache empty: the audit entries' first lookup
        # of MemberResult's type is one query more for whichever call comes first.
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as q:
            member_results_record_bulk(
                actor=actor,
                cycle=cycle,
                org=org,
                stage=Stage.DECISION,
                rows=[{"member": m, "cls": "good"} for m in members],
            )
        return len(q.captured_queries)

    assert queries(tree.a, few) == queries(tree.b, many)


def _entries(since: int):
    """The MemberResult audit entries after `since`, with ids and times blanked."""
    out = []
    for e in LogEntry.objects.filter(pk__gt=since, content_type__model="memberresult").order_by("timestamp", "pk"):
        changes = {
            k: ["<id>" if k == "id" else "<time>" if k in ("created_at", "updated_at") else v for v in pair]
            for k, pair in e.changes.items()
        }  # fmt: skip
        out.append((e.action, e.object_repr, e.actor_id, e.actor_email, e.remote_addr, e.cid, changes))
    return out


def test_bulk_entry_writes_the_audit_entries_of_one_save_per_result(tree, actor, cycle, register):
    """The history of a result reads the same whether it was entered on the bulk page or saved one
    by one (the admin): creation at the proposal, then the decision as an update."""
    from django.db import transaction

    from dangvu.core.audit import acting_as

    m = register(tree.c, full_name="Đặng Văn Hòa")
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    with transaction.atomic():
        with acting_as(actor):
            result = MemberResult(cycle=cycle, member=m, org=tree.c, proposed_class="good")
            result.save()
            result.decided_class, result.decided_by = "good", actor
            result.decided_on = timezone.localdate()
            result.save()
        expected = _entries(last)
        transaction.set_rollback(True)
    for stage in (Stage.PROPOSAL, Stage.DECISION):
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=stage, rows=[{"member": m, "cls": "good"}]
        )
    assert _entries(last) == expected
    assert [(action, changes.get("decided_class")) for action, *_, changes in expected] == [
        (0, ["None", ""]),
        (1, ["", "good"]),
    ]
    assert expected[1][1] == "Đặng Văn Hòa — 2016: good"


def test_a_decision_keeps_its_own_day_apart_from_when_it_was_typed_in(tree, actor, cycle, register):
    m = register(tree.c, full_name="Lê Thị Mai")
    day = dt.date(cycle.year, 12, 26)
    [saved] = member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": "good"}],
        decided_on=day,
    )  # fmt: skip
    assert MemberResult.objects.get(pk=saved.pk).decided_on == day
    with pytest.raises(ValidationError) as e:
        member_results_record_bulk(
            actor=actor, cycle=cycle, org=tree.c, stage=Stage.DECISION, rows=[{"member": m, "cls": "good"}],
            decided_on=dt.date(cycle.year - 1, 12, 31),
        )  # fmt: skip
    assert f"phải từ 01/01/{cycle.year}" in str(e.value)
