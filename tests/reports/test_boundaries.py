"""A year report of a ward formed during the year says in one sentence that its figures are in
today's boundaries and names its predecessors; other reports say nothing of it."""

from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Organization
from dangvu.reports.context import build_context
from tests.organizations.test_reorganization import _plan, people  # noqa: F401 (a fixture)


def _general(org, year):
    ctx = build_context(org, year)
    return next(s for s in ctx["sections"] if s["key"] == "general")["paragraphs"]


def test_the_new_wards_report_names_its_predecessors(tree, people, actor):  # noqa: F811
    assert org_reorganize(actor=actor, plan=_plan(people)).ok
    n2 = Organization.objects.get(code="N2")
    first = _general(n2, 2025)[0]
    assert first == (
        "Số liệu năm 2025 tính theo địa giới hiện nay của Đảng bộ phường Định Công: gồm cả số liệu trước "
        "ngày 1/7 của các chi bộ, đảng viên chuyển về từ Đảng bộ phường Đại Kim, Đảng bộ phường Định Công."
    )
    assert not any("địa giới hiện nay" in p for p in _general(n2, 2026))
    assert not any("địa giới hiện nay" in p for p in _general(tree.hm, 2016))
