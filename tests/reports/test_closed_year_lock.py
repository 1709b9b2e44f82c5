"""A closed year refuses the dated records of the closed unit's subtree in every area that writes
them (core.closing.require_open), and takes them again once the year is reopened."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.awards.services import award_create
from dangvu.cadres.services import cadre_action_create, cadre_action_update
from dangvu.reports.services import year_close, year_reopen
from dangvu.training.services import training_class_create

from ..conftest import D


def _refused(call):
    with pytest.raises(ValidationError) as e:
        call()
    [(field, [error])] = e.value.error_dict.items()
    assert error.code == "closed" and "đã chốt" in error.message, error.message
    return field


def test_cadres_awards_and_training_of_a_closed_year_are_refused_until_reopened(tree, actor):
    cadre = {
        "full_name": "Lê Văn Bình", "kind": "appointment", "position": "Phó Chủ tịch UBND phường",
        "decided_by": tree.a, "decision_no": "125-QĐ/ĐU",
    }  # fmt: skip
    kept = cadre_action_create(actor=actor, **cadre, decision_date=D(2016, 3, 1))
    year_close(actor=actor, org=tree.hm, year=2016)

    assert _refused(lambda: cadre_action_create(actor=actor, **cadre, decision_date=D(2016, 5, 1))) == "decision_date"
    # nor moved out of the closed year by an edit
    _refused(
        lambda: cadre_action_update(actor=actor, action=kept, decision_date=D(2017, 1, 5), effective_date=D(2017, 1, 5))
    )
    _refused(lambda: award_create(
        actor=actor, awarded_by=tree.hm, decision_no="1-QĐ/QU", decision_date=D(2016, 12, 30),
        recipient_kind="collective", recipient_org=tree.a, title="certificate", program="ct03",
    ))  # fmt: skip
    _refused(lambda: training_class_create(
        actor=actor, title="Lớp bồi dưỡng", organizer=tree.a, kind="party_work", start_date=D(2016, 6, 1),
    ))  # fmt: skip
    cadre_action_create(actor=actor, **cadre, decision_date=D(2017, 2, 1))  # the next year is open
    training_class_create(actor=actor, title="Lớp", organizer=tree.hn, kind="party_work", start_date=D(2016, 6, 1))

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định bổ nhiệm nhận muộn")
    cadre_action_create(actor=actor, **cadre, decision_date=D(2016, 5, 1))
