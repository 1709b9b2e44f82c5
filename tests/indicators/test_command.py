"""`dangvu indicators`: the JSON shape a report or a script reads, the plain table, and the error
for an unknown unit."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dangvu.core.closing import unlocked
from dangvu.reports.services import year_report_save
from dangvu.targets.services import target_set

from ..conftest import D


def run(*args) -> str:
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def year_2016(tree, admit, register, actor):
    for day in (3, 4, 5):
        admit(tree.a1, on=D(2016, 4, day))
    register(tree.b1)
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=2, note="kế hoạch")
    target_set(actor=actor, org=tree.a, indicator_key="members.admitted", year=2016, value=1, assigned_by=tree.hm)
    target_set(actor=actor, org=tree.b, indicator_key="members.admitted", year=2016, value=1, assigned_by=tree.hm)
    return tree


def test_json_shape_on_hand_built_data(year_2016):
    doc = json.loads(run("--org", "HM", "--year", "2016", "--json"))
    assert set(doc) == {"org", "period", "boundaries", "closed", "indicators"}
    assert doc["boundaries"] == "today"
    assert doc["closed"] is None
    assert doc["org"] == {"code": "HM", "name": "Đảng bộ quận Hoàng Mai"}
    assert doc["period"] == {"start": "2016-01-01", "end": "2016-12-31"}
    assert doc["indicators"]["members.admitted"] == {
        "label": "Kết nạp đảng viên mới",
        "unit": "đảng viên",
        "value": 3,
        "target": 2,
        "percent": 150.0,
        "subordinate_target_sum": 2,
        "records": 3,
    }
    total = doc["indicators"]["members.total"]
    assert (total["value"], total["target"], total["percent"], total["records"]) == (4, None, None, 4)
    assert doc["indicators"]["orgs.grassroots"]["value"] == 3
    for key in (
        "members.increase", "members.decrease", "orgs.founded.non_state_enterprise",
        "candidates.in_pipeline", "meetings.held", "dues.collected",
    ):  # fmt: skip
        assert key in doc["indicators"]
    assert doc["indicators"]["candidates.in_pipeline"]["value"] == 0  # no candidate files in this tree


def test_plain_table_in_vietnamese(year_2016):
    text = run("--org", "hm", "--year", "2016")
    assert "Đảng bộ quận Hoàng Mai (HM) — năm 2016" in text
    assert "Đạt kế hoạch" in text and "Chỉ tiêu" in text
    line = next(ln for ln in text.splitlines() if ln.startswith("Kết nạp đảng viên mới"))
    assert line.split()[-6:] == ["3", "2", "đạt", "150%", "kế", "hoạch"]


def test_the_table_writes_the_plan_in_the_reports_house_style_and_the_json_stays_exact(year_2016, actor):
    """Issue 19, item 2: the table says what the report says; the JSON keeps its keys and the exact value."""
    target_set(actor=actor, org=year_2016.hm, indicator_key="members.admitted", year=2016, value=7)
    line = next(ln for ln in run("--org", "HM", "--year", "2016").splitlines() if ln.startswith("Kết nạp"))
    assert line.split()[-6:] == ["3", "7", "đạt", "42%", "kế", "hoạch"]  # 3/7 = 42,857…%: the seed's rounds down
    year_report_save(actor=actor, org=year_2016.hm, year=2016, percent_places=1, percent_rounding="half_up")
    line = next(ln for ln in run("--org", "HM", "--year", "2016").splitlines() if ln.startswith("Kết nạp"))
    assert line.endswith("đạt 42,9% kế hoạch")
    doc = json.loads(run("--org", "HM", "--year", "2016", "--json"))
    admitted = doc["indicators"]["members.admitted"]
    assert set(admitted) == {"label", "unit", "value", "target", "percent", "subordinate_target_sum", "records"}
    assert (admitted["value"], admitted["target"], admitted["percent"]) == (3, 7, 42.9)


def test_an_unknown_unit_is_a_clear_error_with_exit_code_1(tree):
    with pytest.raises(CommandError) as e:
        run("--org", "XX", "--year", "2016")
    assert "Không tìm thấy đơn vị có mã “XX”" in str(e.value)
    assert e.value.returncode == 1


def test_a_closed_year_answers_from_its_snapshot(year_2016, admit, actor):
    from dangvu.reports.services import year_close

    year_close(actor=actor, org=year_2016.hm, year=2016)
    with unlocked():  # entered after the close (users are refused: tests/reports/test_close.py)
        admit(year_2016.a1, on=D(2016, 6, 1))
    doc = json.loads(run("--org", "HM", "--year", "2016", "--json"))
    assert doc["closed"]["version"] == 1
    assert doc["indicators"]["members.admitted"]["value"] == 3
    assert "số liệu đã chốt (lần 1" in run("--org", "HM", "--year", "2016")


def test_a_rate_with_nothing_to_divide_by_is_a_dash_in_the_table_and_0_in_the_json(year_2016):
    """No election held in 2016 here: the turnout is not 0% (nobody stayed home); the JSON keeps 0."""
    line = next(ln for ln in run("--org", "HM", "--year", "2016").splitlines() if ln.startswith("Tỷ lệ cử tri"))
    assert line.split()[-1] == "—"
    doc = json.loads(run("--org", "HM", "--year", "2016", "--json"))
    assert doc["indicators"]["elections.turnout"]["value"] == 0
