"""Writing the report and closing its year: validation that names the field, the close's versions,
reopening recorded with who, when and why, and the audit."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.audit import history_of
from dangvu.reports import selectors
from dangvu.reports.services import year_close, year_reopen, year_report_save

from ..conftest import D


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_the_report_keeps_what_staff_wrote_and_derives_the_heading(tree, actor):
    year_report_save(
        actor=actor, org=tree.hm, year=2016, number="45", issued_on=D(2017, 1, 12),
        sections={"general": "Đoạn một.\n\nĐoạn hai.", "direction": ""},
    )  # fmt: skip
    report = selectors.report_of(tree.hm, 2016)
    assert report.sections == {"general": "Đoạn một.\n\nĐoạn hai."}
    assert (report.heading_body, report.symbol, report.place) == ("QUẬN ỦY HOÀNG MAI", "BC/QU", "Hoàng Mai")
    assert history_of(report)[0].actor == actor


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"issued_on": D(2019, 1, 12)}, "issued_on"),
        ({"number": "45-BC"}, "number"),
        ({"symbol": "QĐ/QU"}, "symbol"),
        ({"sections": {"nonsense": "x"}}, "sections"),
    ],
)
def test_a_wrong_field_is_refused_by_name(tree, actor, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        year_report_save(actor=actor, org=tree.hm, year=2016, **fields)
    assert field in _errors(excinfo)
    assert not selectors.report_of(tree.hm, 2016).pk


def test_a_closed_year_cannot_be_edited_until_reopened_and_each_close_is_a_new_version(tree, actor):
    first = year_close(actor=actor, org=tree.hm, year=2016)
    assert first.version == 1 and first.closed_by == actor
    with pytest.raises(ValidationError) as excinfo:
        year_report_save(actor=actor, org=tree.hm, year=2016, number="45")
    assert "year" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        year_close(actor=actor, org=tree.hm, year=2016)
    assert "year" in _errors(excinfo)

    with pytest.raises(ValidationError) as excinfo:
        year_reopen(actor=actor, org=tree.hm, year=2016, reason="sai")
    assert "reason" in _errors(excinfo)
    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    first.refresh_from_db()
    assert first.reopened_by == actor and first.reopened_at is not None
    assert first.reopen_reason == "Bổ sung quyết định kết nạp nhận muộn"
    assert selectors.close_in_force(tree.hm, 2016) is None

    year_report_save(actor=actor, org=tree.hm, year=2016, number="45")
    second = year_close(actor=actor, org=tree.hm, year=2016)
    assert second.version == 2
    assert [c.version for c in selectors.closes_of(tree.hm, 2016)] == [2, 1]
    assert any("reopen_reason" in (e.changes_dict or {}) for e in history_of(first))


def test_reopening_a_year_that_is_not_closed_is_refused(tree, actor):
    with pytest.raises(ValidationError) as excinfo:
        year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    assert "year" in _errors(excinfo)


def test_a_year_before_the_unit_was_founded_has_no_report(tree, actor):
    with pytest.raises(ValidationError) as excinfo:
        year_close(actor=actor, org=tree.hm, year=2001)
    assert "year" in _errors(excinfo)
