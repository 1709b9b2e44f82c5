"""Setting targets: what is refused and why, who assigned it, and the plan achievement."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from dangvu.targets.models import Target
from dangvu.targets.selectors import achievement, subordinate_targets_sum, target_for
from dangvu.targets.services import target_delete, target_set


def set_(actor, org, key="members.admitted", year=2016, value=180, **kw):
    return target_set(actor=actor, org=org, indicator_key=key, year=year, value=value, **kw)


def refused(field, **kw) -> str:
    with pytest.raises(ValidationError) as e:
        set_(**kw)
    assert Target.objects.count() == 0
    return e.value.message_dict[field][0]


def test_a_units_own_plan_and_a_target_from_its_superior(tree, actor):
    plan = set_(actor, tree.hm, value=180, note="kế hoạch")
    given = set_(actor, tree.hm, key="orgs.founded.non_state_enterprise", value=5, assigned_by=tree.hn)
    assert plan.assigned_by == tree.hm and plan.is_own_plan and plan.set_by == actor
    assert given.assigned_by == tree.hn and not given.is_own_plan
    assert target_for(tree.hm, "members.admitted", 2016).value == 180
    assert target_for(tree.hm, "members.admitted", 2017) is None
    assert LogEntry.objects.get_for_object(plan).first().actor == actor


def test_setting_again_replaces_the_value(tree, actor):
    set_(actor, tree.hm, value=180)
    set_(actor, tree.hm, value=190, note="điều chỉnh")
    assert Target.objects.get().value == 190 and Target.objects.count() == 1


def test_an_unknown_indicator_is_refused(tree, actor):
    assert "Không có chỉ số “members.nothing”" in refused(
        "indicator_key", actor=actor, org=tree.hm, key="members.nothing"
    )


def test_an_indicator_that_takes_no_target_is_refused(tree, actor):
    message = refused("indicator_key", actor=actor, org=tree.hm, key="members.total")
    assert "không giao chỉ tiêu" in message


def test_a_negative_or_missing_value_is_refused(tree, actor):
    assert "không thể âm" in refused("value", actor=actor, org=tree.hm, value=-1)
    assert "Hãy nhập giá trị" in refused("value", actor=actor, org=tree.hm, value=None)
    assert "không phải là một số" in refused("value", actor=actor, org=tree.hm, value="nhiều")


def test_an_assigner_that_is_neither_the_unit_nor_a_superior_is_refused(tree, actor):
    message = refused("assigned_by", actor=actor, org=tree.a, assigned_by=tree.b)
    assert "không phải cấp trên" in message
    assert "không phải cấp trên" in refused("assigned_by", actor=actor, org=tree.hm, assigned_by=tree.a)
    assert set_(actor, tree.a1, assigned_by=tree.hn).assigned_by == tree.hn  # any superior may


def test_a_year_out_of_range_is_refused(tree, actor):
    assert "Năm 16 không hợp lệ" in refused("year", actor=actor, org=tree.hm, year=16)


def test_subordinate_targets_sum_the_direct_subordinates_only(tree, actor):
    set_(actor, tree.hm, value=180)
    set_(actor, tree.a, value=20, assigned_by=tree.hm)
    set_(actor, tree.b, value=15, assigned_by=tree.hm)
    set_(actor, tree.a1, value=7, assigned_by=tree.a)  # not a direct subordinate of HM
    set_(actor, tree.c, value=3, year=2017, assigned_by=tree.hm)  # another year
    assert subordinate_targets_sum(tree.hm, "members.admitted", 2016) == 35
    assert subordinate_targets_sum(tree.a, "members.admitted", 2016) == 7
    assert subordinate_targets_sum(tree.b, "members.admitted", 2016) is None


def test_deleting_a_target(tree, actor):
    target = set_(actor, tree.hm)
    target_delete(actor=actor, target=target)
    assert target_for(tree.hm, "members.admitted", 2016) is None


@pytest.mark.parametrize(
    ("value", "target", "percent"),
    [
        (209, 180, 116.1),
        (6, 5, 120.0),
        (0, 5, 0.0),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (99.35, Decimal("100"), 99.4),
        (5, None, None),
        (5, 0, None),
        (None, 5, None),
    ],
)
def test_achievement_is_a_percent_with_one_decimal(value, target, percent):
    assert achievement(value, target) == percent
