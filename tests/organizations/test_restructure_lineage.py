"""The simple merge and split record their lineage as a reorganization does: what each successor
received, so its figures in today's boundaries include the records that came with it."""

from auditlog.models import LogEntry

from dangvu.indicators.selectors import evaluate
from dangvu.members.restructure import SplitPart, org_merge, org_split
from dangvu.organizations.lineage import predecessors
from dangvu.organizations.models import Kind, Level, Lineage, Reorganization
from tests.conftest import D


def _admitted(org, year, **kw):
    return evaluate(org, year, ["members.admitted"], **kw)[0].value


def test_a_merge_records_what_passed_and_the_target_counts_it(tree, actor, register, admit):
    staying = [register(tree.a1), register(tree.a1)]
    early = admit(tree.a1, on=D(2016, 3, 1))
    org_merge(actor=actor, source=tree.a, target=tree.b, on=D(2016, 7, 1), decision="7-QĐ/QU")
    line = Lineage.objects.get()
    assert (line.predecessor, line.successor, line.on) == (tree.a, tree.b, D(2016, 7, 1))
    assert line.unit_ids == sorted([tree.a1.pk, tree.a2.pk]) and line.member_ids == []
    assert line.reorganization.decision == "7-QĐ/QU"
    assert LogEntry.objects.filter(content_type__model="lineage", actor=actor).count() == 1

    # A cell merged into another passes its members one by one.
    org_merge(actor=actor, source=tree.a1, target=tree.b1, on=D(2016, 9, 1))
    cells = Lineage.objects.get(predecessor=tree.a1)
    assert cells.member_ids == sorted(m.pk for m in [*staying, early]) and cells.reorganization is None
    assert _admitted(tree.b1, 2016) == 1 and _admitted(tree.b1, 2016, as_stood=True) == 0
    assert _admitted(tree.b, 2016) == 1 and _admitted(tree.hm, 2016) == 1  # each admission once
    assert [o.code for o in predecessors(tree.b, D(2016, 1, 1), D(2016, 12, 31))] == ["A"]


def test_a_split_records_each_part(tree, actor, register, admit):
    first, second = register(tree.a2), register(tree.a2)
    newcomer = admit(tree.a2, on=D(2016, 2, 2))
    parts = [
        SplitPart("A3", "Chi bộ tổ dân phố số 3", Kind.WARD, Level.CELL, member_ids=[first.pk, newcomer.pk]),
        SplitPart("A4", "Chi bộ tổ dân phố số 4", Kind.WARD, Level.CELL, member_ids=[second.pk]),
    ]
    a3, a4 = org_split(actor=actor, source=tree.a2, parts=parts, on=D(2016, 6, 1), decision="6-QĐ/ĐU")
    lines = {x.successor_id: x for x in Lineage.objects.filter(predecessor=tree.a2)}
    assert lines[a3.pk].member_ids == sorted([first.pk, newcomer.pk]) and lines[a4.pk].member_ids == [second.pk]
    assert lines[a3.pk].reorganization_id == lines[a4.pk].reorganization_id
    assert Reorganization.objects.get().decision == "6-QĐ/ĐU"
    # The part that took the newcomer counts their admission before the split, in today's boundaries.
    assert _admitted(a3, 2016) == 1 and _admitted(a3, 2016, as_stood=True) == 0
    assert _admitted(a4, 2016) == 0 and _admitted(tree.a, 2016) == 1
