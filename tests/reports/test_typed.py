"""Before a report is issued (its year closed), numbers typed in its free text that differ from the
computed figure for the same phrase are listed for the author to correct or confirm."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dangvu.reports import selectors
from dangvu.reports.context import report_context
from dangvu.reports.services import year_close, year_report_save
from dangvu.reports.typed import typed_differences
from dangvu.targets.services import target_set

from ..conftest import D


@pytest.fixture
def three_of_two(tree, actor, admit):
    for day in (2, 3, 4):
        admit(tree.a1, on=D(2016, 3, day))
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=2)


def _typed(tree, actor, text):
    year_report_save(actor=actor, org=tree.hm, year=2016, sections={"organization": text})
    return typed_differences(report_context(tree.hm, 2016))


def test_typed_numbers_that_differ_from_the_figures_are_listed(tree, actor, three_of_two):
    found = _typed(tree, actor, "Năm qua Đảng bộ kết nạp 4 đảng viên, đạt 151% kế hoạch.")
    assert [(d.typed, d.computed) for d in found] == [
        ("kết nạp 4 đảng viên", "3"), ("đạt 151% kế hoạch", "đạt 150% kế hoạch"),
    ]  # fmt: skip
    assert _typed(tree, actor, "Năm qua Đảng bộ kết nạp 3 đảng viên, đạt 150% kế hoạch.") == []


def test_a_percent_rounded_either_way_is_the_same_number(tree, actor, admit):
    for day in range(1, 8):
        admit(tree.a1, on=D(2016, 4, day))
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=6)  # 116,67%
    assert _typed(tree, actor, "Kết nạp 7 đảng viên, đạt 116% kế hoạch.") == []
    assert _typed(tree, actor, "Kết nạp 7 đảng viên, đạt 116,7% kế hoạch.") == []
    assert len(_typed(tree, actor, "Kết nạp 7 đảng viên, đạt 116,5% kế hoạch.")) == 1


def test_closing_is_refused_with_the_list_until_the_author_confirms(tree, actor, three_of_two, client):
    year_report_save(actor=actor, org=tree.hm, year=2016, sections={"organization": "Kết nạp 4 đảng viên."})
    with pytest.raises(ValidationError) as e:
        year_close(actor=actor, org=tree.hm, year=2016)
    assert "ghi “Kết nạp 4 đảng viên”" in str(e.value) and "là 3" in str(e.value)
    assert selectors.close_in_force(tree.hm, 2016) is None
    client.force_login(actor)
    url = reverse("report-close", args=[tree.hm.pk, 2016])
    page = client.post(url, follow=True).content.decode()
    assert "Kết nạp 4 đảng viên" in page and selectors.close_in_force(tree.hm, 2016) is None
    client.post(url, {"giu_so_da_go": "1"})
    assert selectors.close_in_force(tree.hm, 2016) is not None
