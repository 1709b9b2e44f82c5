"""The report of a unit founded by a reorganization names its predecessors from the lineage records."""

from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.reorganization import UNIT, Assignment, NewUnit, Plan
from dangvu.reports.prose import formation

from ..conftest import D


def test_a_new_ward_names_what_it_was_formed_from(tree, actor):
    plan = Plan(
        on=D(2025, 7, 1), decision="15-QĐ/TU", dissolve=["HM", "A", "B"],
        found=[NewUnit("PHM", "Đảng bộ phường Hoàng Mai", Level.COMMUNE, Kind.WARD, "HN"),
               NewUnit("PDC", "Đảng bộ phường Định Công", Level.COMMUNE, Kind.WARD, "HN")],
        assignments=[Assignment(UNIT, "A1", "PHM"), Assignment(UNIT, "A2", "PDC"), Assignment(UNIT, "B1", "PHM"),
                     Assignment(UNIT, "C", "PHM")],
    )  # fmt: skip
    org_reorganize(actor=actor, plan=plan)
    from dangvu.organizations.models import Organization

    ward = Organization.objects.get(code="PHM")
    assert formation(ward, 2025) == (
        "Đảng bộ phường Hoàng Mai được thành lập ngày 1/7/2025 (Quyết định số 15-QĐ/TU) trên cơ sở toàn bộ "
        "Đảng bộ phường Đại Kim; một phần Đảng bộ phường Định Công; 1 tổ chức cơ sở đảng trực thuộc "
        "Đảng bộ quận Hoàng Mai."
    )
    assert formation(ward, 2026) == ""  # only the year it was formed
    assert formation(tree.hm, 2025) == ""  # a unit that was not formed by a reorganization
