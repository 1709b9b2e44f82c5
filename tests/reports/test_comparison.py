"""The year report compares the year with the one before, in the same boundaries: a ward formed on
1/7/2025 compares 2026 with the 2025 of the parts it received, and a year whose year before held
no member has nothing to compare. Admissions and flows of the year before are
compared only when the system holds that year's lifecycle."""

import datetime as dt

from dangvu.core.catalogue import Period
from dangvu.indicators.selectors import evaluate
from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Organization
from dangvu.reports.context import build_context
from dangvu.reports.render.xlsx import _cell_value
from tests.organizations.test_reorganization import _plan, people  # noqa: F401 (a fixture)

D = dt.date


def _comparison(org, year):
    return next((t for t in build_context(org, year)["annex"] if t["key"] == "comparison"), None)


def _rows(table):
    return {row[0]: row[1:] for row in table["rows"]}


def test_a_new_ward_compares_with_the_year_of_the_parts_it_received(tree, people, actor, admit):  # noqa: F811
    admit(tree.b1, on=D(2025, 3, 10))  # B1 passes whole to N2 on 1/7/2025: an admission of N2's 2025
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    n2 = Organization.objects.get(code="N2")
    admit(n2.children.get(code="N2-01"), on=D(2026, 4, 2))

    table = _comparison(n2, 2026)
    # 2025 holds the merger: its figures are the parts' whole year, said in the title
    assert table["title"] == "So sánh năm 2026 với năm 2025 (theo địa giới hiện nay)"
    rows = _rows(table)
    # B1's member and the one admitted in it, A2's two members sent to N2-01: 4 at the end of 2025
    assert rows["Tổng số đảng viên"] == ["4", "5", "+1"]
    assert rows["Kết nạp đảng viên mới"] == ["1", "1", "0"]
    assert rows["Trong đó: đảng viên dự bị"] == ["1", "2", "+1"]

    # The 2025 report of the same ward compares with the 2024 of its predecessors' parts.
    table = _comparison(n2, 2025)
    assert table["title"].startswith("So sánh năm 2025 với năm 2024 (theo địa giới hiện nay)")
    assert _rows(table)["Tổng số đảng viên"][:2] == ["3", "4"]
    # The parts were founded and their members joined on 1/1/2004: 2003 has nothing to compare.
    assert _comparison(n2, 2004) is None


def test_the_year_before_is_the_catalogue_s_and_its_flows_wait_for_its_records(tree, register, admit):
    for _ in range(3):
        register(tree.a1)
    table = _comparison(tree.hm, 2016)
    before = {f.key: f.value for f in evaluate(tree.hm, Period.year(2015))}
    rows = _rows(table)
    assert rows["Tổng số đảng viên"][0] == str(before["members.total"]) == "3"
    assert rows["Tổ chức cơ sở đảng"][0] == str(before["orgs.grassroots"])
    # No admission recorded in 2015 and the year not closed here: only the counts at year end.
    assert "Kết nạp đảng viên mới" not in rows
    assert table["title"].endswith("năm 2015 chưa có hồ sơ kết nạp, tăng, giảm trong hệ thống")

    admit(tree.a1, on=D(2015, 3, 2))
    admit(tree.a1, on=D(2016, 5, 19))
    admit(tree.a1, on=D(2016, 9, 2))
    rows = _rows(_comparison(tree.hm, 2016))
    assert rows["Kết nạp đảng viên mới"] == ["1", "2", "+1"]
    assert rows["Tổng số đảng viên"] == ["4", "6", "+2"]


def test_the_workbook_keeps_differences_as_numbers():
    assert (_cell_value("+1.234"), _cell_value("−3"), _cell_value("0")) == (1234, -3, 0)
