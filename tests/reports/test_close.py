"""The year close freezes the figures and the report: later records and restructuring change the
live indicators but not the closed report, which is rebuilt from the snapshot."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.closing import unlocked
from dangvu.indicators.selectors import evaluate
from dangvu.members.models import EventKind, MemberEvent
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move
from dangvu.reports.context import report_context
from dangvu.reports.render import render, render_json
from dangvu.reports.selectors import year_figures
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D


def _admitted(org, year=2016) -> int:
    return next(f.value for f in evaluate(org, year, keys=["members.admitted"]))


def test_a_closed_report_does_not_change_when_a_2016_record_is_added(tree, actor, admit, register):
    register(tree.a1)
    first = admit(tree.a1, on=D(2016, 3, 2))
    admit(tree.c, on=D(2016, 5, 19))
    closed = year_close(actor=actor, org=tree.hm, year=2016)
    snap = closed.snapshot["indicators"]["members.admitted"]
    assert snap["value"] == 2
    first_event = MemberEvent.objects.get(member=first, kind=EventKind.ADMITTED)
    assert first_event.pk in snap["record_ids"] and len(snap["record_ids"]) == 2

    with pytest.raises(ValidationError) as refused:
        admit(tree.b1, on=D(2016, 9, 2))  # a decision received late: the closed year refuses it …
    assert "Số liệu năm 2016 của Đảng bộ quận Hoàng Mai đã chốt" in str(refused.value)
    assert refused.value.error_dict["admitted_on"][0].code == "closed"
    admit(tree.b1, on=D(2017, 1, 3))  # … not a record of the next year
    assert _admitted(tree.hm) == 2
    ctx = report_context(tree.hm, 2016)
    assert ctx["source"] == "snapshot" and ctx["closed"]["version"] == 1
    assert ctx["figures"]["members.admitted"]["value"] == 2
    assert any("kết nạp 2 đảng viên mới" in p for s in ctx["sections"] for p in s["paragraphs"])
    assert '"value": 2' in render_json(ctx).split('"members.admitted"')[1][:300]
    assert year_figures(tree.hm, 2016).by_key()["members.admitted"].value == 2

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    admit(tree.b1, on=D(2016, 9, 2))  # reopened: accepted
    assert report_context(tree.hm, 2016)["figures"]["members.admitted"]["value"] == 3
    again = year_close(actor=actor, org=tree.hm, year=2016)
    assert again.version == 2 and again.snapshot["indicators"]["members.admitted"]["value"] == 3


def test_a_closed_report_survives_moving_a_unit_to_another_district(tree, actor, admit):
    admit(tree.c, on=D(2016, 5, 19))
    year_close(actor=actor, org=tree.hm, year=2016)
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ quận Thanh Xuân", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    # Moved back-dated into 2016: the live 2016 figures of Hoàng Mai lose the school's admission
    # (a user is refused: tests/organizations/test_closed_year.py).
    with unlocked():
        org_move(actor=actor, org=tree.c, new_parent=other, on=D(2016, 2, 1))
    assert _admitted(tree.hm) == 0
    ctx = report_context(tree.hm, 2016)
    assert ctx["figures"]["members.admitted"]["value"] == 1
    units = next(t for t in ctx["annex"] if t["key"] == "units")
    assert any("Tân Mai" in row[1] for row in units["rows"])


def test_an_open_year_is_built_live_in_every_format(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    ctx = report_context(tree.hm, 2016)
    assert ctx["source"] == "live" and ctx["closed"] is None
    for fmt in ("docx", "html", "xlsx", "json", "brief"):
        assert render(ctx, fmt).content


def test_a_reopened_year_states_what_changed_against_its_snapshot(tree, actor, admit, client):
    from django.urls import reverse

    from dangvu.reports.selectors import changes_since_close

    admit(tree.a1, on=D(2016, 3, 2))
    year_close(actor=actor, org=tree.hm, year=2016)
    assert changes_since_close(tree.hm, 2016) == []  # closed: nothing to compare yet
    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    assert changes_since_close(tree.hm, 2016) == []  # nothing changed
    admit(tree.b1, on=D(2016, 9, 2))
    changed = {c["key"]: (c["before"], c["now"]) for c in changes_since_close(tree.hm, 2016)}
    assert changed["members.admitted"] == (1, 2) and changed["members.total"] == (1, 2)
    admitted = next(c for c in changes_since_close(tree.hm, 2016) if c["key"] == "members.admitted")
    assert (admitted["added"], admitted["removed"]) == (1, 0)
    assert "members.full" not in changed
    client.force_login(actor)
    page = client.get(reverse("report-page", args=[tree.hm.pk, 2016])).content.decode()
    assert "Thay đổi so với lần chốt trước" in page and "Kết nạp đảng viên mới" in page
