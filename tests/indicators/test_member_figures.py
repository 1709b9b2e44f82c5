"""Member figures on hand-built data: end-of-period counts, admissions rolled up from the cells,
restructuring after and during the period, and the flows' identity
total(start − 1) + increase − decrease = total(end) on every subtree."""

import pytest

from dangvu.core.catalogue import Period, compute, records
from dangvu.members.indicators import crossings
from dangvu.members.models import EventKind as K
from dangvu.members.restructure import org_merge
from dangvu.members.services import member_recognize, member_record_event
from dangvu.organizations.lineage import counted_as_stood
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)


def value(key, org, period=Y2016):
    return compute(key, org, period)


def test_members_at_the_end_of_the_year_roll_up_from_the_cells(tree, admit, register, actor):
    register(tree.a1), register(tree.a1), register(tree.a2), register(tree.b1), register(tree.c)
    new = admit(tree.a2, on=D(2016, 5, 19))
    admit(tree.b1, on=D(2017, 1, 5))  # after the year
    gone = register(tree.a1)
    member_record_event(actor=actor, member=gone, kind=K.DIED, date=D(2016, 8, 1))
    assert value("members.total", tree.a) == 4
    assert value("members.total", tree.a2) == 2
    assert value("members.total", tree.hm) == 6 and value("members.total", tree.hn) == 6
    assert value("members.probationary", tree.hm) == 1 and value("members.full", tree.hm) == 5
    assert new.pk in set(records("members.probationary", tree.hm, Y2016).values_list("member_id", flat=True))


def test_admissions_count_events_of_the_year_in_the_subtree(tree, admit):
    in_a1 = [admit(tree.a1, on=D(2016, d, 1)) for d in (1, 6, 12)]
    admit(tree.a2, on=D(2016, 12, 31))
    admit(tree.b1, on=D(2016, 3, 3))
    admit(tree.c, on=D(2015, 12, 31))  # the year before
    admit(tree.c, on=D(2017, 1, 1))  # the year after
    assert value("members.admitted", tree.a1) == 3
    assert value("members.admitted", tree.a) == 4
    assert value("members.admitted", tree.c) == 0
    assert value("members.admitted", tree.hm) == 5
    assert value("members.admitted", tree.hn) == 5
    behind = records("members.admitted", tree.a1, Y2016)
    assert {e.member_id for e in behind} == {m.pk for m in in_a1}
    assert {e.kind for e in behind} == {K.ADMITTED}


def test_a_restructuring_after_the_year_leaves_its_figures_as_they_stood(tree, admit, register, actor):
    admit(tree.a1, on=D(2016, 4, 1)), admit(tree.a2, on=D(2016, 4, 2)), register(tree.a2)
    keys = ("members.total", "members.admitted")
    before = {(k, o.code): value(k, o) for k in keys for o in (tree.a, tree.b)}
    org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2017, 3, 1))
    org_merge(actor=actor, source=tree.a1, target=tree.b1, on=D(2017, 6, 1), decision="5-QĐ/QU")
    with counted_as_stood():
        after = {(k, o.code): value(k, o) for k in keys for o in (tree.a, tree.b)}
    assert after == before == {
        ("members.total", "A"): 3, ("members.admitted", "A"): 2,
        ("members.total", "B"): 0, ("members.admitted", "B"): 0,
    }  # fmt: skip
    # In today's boundaries B's 2016 holds what the merge passed to it (A1's member, admitted in
    # 2016); A2's move records no lineage: it stays where it stood. A keeps its own records.
    today = {(k, o.code): value(k, o) for k in keys for o in (tree.a, tree.b)}
    assert today == {
        ("members.total", "A"): 3, ("members.admitted", "A"): 2,
        ("members.total", "B"): 1, ("members.admitted", "B"): 1,
    }  # fmt: skip
    assert value("members.total", tree.b, Period.year(2017)) == 3
    assert value("members.total", tree.a, Period.year(2017)) == 0


def test_a_merge_during_the_year_counts_where_the_units_stood_or_in_todays_boundaries(tree, admit, register, actor):
    early = admit(tree.a1, on=D(2016, 3, 1))
    register(tree.b1)
    org_merge(actor=actor, source=tree.a, target=tree.b, on=D(2016, 7, 1), decision="7-QĐ/QU")
    late = admit(tree.a1, on=D(2016, 9, 1))  # A1 now sits under B
    # The district counts each admission once.
    assert value("members.admitted", tree.hm) == 2
    # As they stood, each admission counts where its cell stood that day: B from July, A (dissolved
    # in July) before; in today's boundaries B counts the cells the merge passed to it.
    with counted_as_stood():
        assert {e.member_id for e in records("members.admitted", tree.b, Y2016)} == {late.pk}
    assert {e.member_id for e in records("members.admitted", tree.b, Y2016)} == {early.pk, late.pk}
    assert {e.member_id for e in records("members.admitted", tree.a, Y2016)} == {early.pk}
    # At the end of the year, everyone is in B; A, gone, counts no one and no grassroots unit.
    assert value("members.total", tree.b) == 3 and value("members.total", tree.a) == 0
    assert value("orgs.grassroots", tree.hm) == 2


# --- increase and decrease ----------------------------------------------------------------------


def _scenario(tree, admit, register, actor):
    """Every kind of event in 2016 around ward A, with same-day changes and unit moves."""

    def event(member, kind, on, **kw):
        kw.setdefault("decision_no", f"{on.day}/{on.month}-QĐ")
        return member_record_event(actor=actor, member=member, kind=kind, date=on, **kw)

    stay = [register(tree.a1), register(tree.a2), register(tree.b1), register(tree.c)]
    admit(tree.a1, on=D(2016, 2, 1))  # admitted
    register(tree.a2, joined_on=D(2016, 3, 1), transferred_in=True, place="Đảng bộ quận Đống Đa")
    removed = register(tree.a1)
    event(removed, K.REMOVED, D(2015, 10, 1))
    event(removed, K.READMITTED, D(2016, 4, 1), org=tree.a1)  # re-admitted
    expelled = register(tree.b1)
    event(expelled, K.EXPELLED, D(2015, 6, 1))
    event(expelled, K.RESTORED, D(2016, 4, 2), org=tree.a2)  # restored, into A
    into_a = register(tree.b1)
    event(into_a, K.TRANSFERRED, D(2016, 5, 1), to_org=tree.a1)  # from B into A
    out_of_a = register(tree.a1)
    event(out_of_a, K.TRANSFERRED, D(2016, 5, 2), to_org=tree.c)  # from A to C
    within_a = register(tree.a1)
    event(within_a, K.TRANSFERRED, D(2016, 5, 3), to_org=tree.a2)  # inside A
    event(register(tree.a2), K.TRANSFERRED_OUT, D(2016, 6, 1), place="Tỉnh Nam Định")
    event(register(tree.a1), K.REMOVED, D(2016, 6, 2))
    failed = admit(tree.a1, on=D(2015, 6, 3))
    event(failed, K.PROBATION_FAILED, D(2016, 6, 3))
    event(register(tree.a2), K.EXPELLED, D(2016, 6, 4))
    event(register(tree.a1), K.DIED, D(2016, 6, 5))
    member_recognize(actor=actor, member=admit(tree.a1, on=D(2015, 7, 1)), decision_no="1", decision_date=D(2016, 7, 1))
    event(register(tree.a2), K.EXEMPTED, D(2016, 7, 2))
    # Same day: admitted into A1, moved to B1 — enters the district, leaves A the same day.
    same_day = admit(tree.a1, on=D(2016, 8, 1))
    event(same_day, K.TRANSFERRED, D(2016, 8, 1), to_org=tree.b1)
    # Same day: admitted and transferred out — never at the end of a day: neither.
    blink = admit(tree.a2, on=D(2016, 8, 2))
    event(blink, K.TRANSFERRED_OUT, D(2016, 8, 2), place="Bình Dương")
    # Out and back the same day: B1 → A1 → B1, nothing for A nor B.
    back = register(tree.b1)
    event(back, K.TRANSFERRED, D(2016, 8, 3), to_org=tree.a1)
    event(back, K.TRANSFERRED, D(2016, 8, 3), to_org=tree.b1)
    # A whole unit moves: B1 (with its members) goes under A on 1/9; a new district cell joins.
    org_move(actor=actor, org=tree.b1, new_parent=tree.a, on=D(2016, 9, 1))
    # C merges into a new ward D on 1/10 (its members get MOVED events).
    d = org_found(
        actor=actor, code="D", name="Chi bộ Công ty TNHH Minh An", kind=Kind.NON_STATE_ENTERPRISE,
        level=Level.GRASSROOTS_CELL, parent=tree.hm, founded_on=D(2016, 9, 15),
    )  # fmt: skip
    org_merge(actor=actor, source=tree.c, target=d, on=D(2016, 10, 1), decision="10-QĐ/QU")
    return {"stay": stay, "d": d, "blink": blink, "same_day": same_day}


def _check_identity(org, period):
    start = value("members.total", org, Period(period.day_before, period.day_before))
    end = value("members.total", org, period)
    inc, dec = value("members.increase", org, period), value("members.decrease", org, period)
    assert start + inc - dec == end, (org.code, period, start, inc, dec, end)
    return start, inc, dec, end


def test_increase_minus_decrease_is_the_change_of_the_total_on_every_subtree(tree, admit, register, actor):
    made = _scenario(tree, admit, register, actor)
    units = [tree.hn, tree.hm, tree.a, tree.a1, tree.a2, tree.b, tree.b1, tree.c, made["d"]]
    periods = [Y2016, Period(D(2016, 5, 1), D(2016, 5, 2)), Period(D(2016, 8, 1), D(2016, 9, 1))]
    periods += [Period(D(2016, 4, 1), D(2016, 4, 1)), Period(D(2016, 10, 1), D(2016, 12, 31))]
    for org in units:
        for period in periods:
            _check_identity(org, period)


def test_the_flows_of_ward_a_by_kind(tree, admit, register, actor):
    _scenario(tree, admit, register, actor)
    entries, exits = crossings(tree.a, Y2016)
    entered = sorted((c.day.isoformat(), c.kind) for c in entries)
    left = sorted((c.day.isoformat(), c.kind) for c in exits)
    assert entered == [
        ("2016-02-01", K.ADMITTED), ("2016-03-01", K.TRANSFERRED_IN), ("2016-04-01", K.READMITTED),
        ("2016-04-02", K.RESTORED), ("2016-05-01", K.TRANSFERRED),
        # B1's three members come in with their unit on 1/9, among them the one admitted into
        # A1 and moved to B1 on 1/8 (never in A at the end of a day before), and the one who went
        # B1 → A1 → B1 on 3/8 (nor was that one).
        *[("2016-09-01", K.MOVED)] * 3,
    ]  # fmt: skip
    assert left == [
        ("2016-05-02", K.TRANSFERRED), ("2016-06-01", K.TRANSFERRED_OUT), ("2016-06-02", K.REMOVED),
        ("2016-06-03", K.PROBATION_FAILED), ("2016-06-04", K.EXPELLED), ("2016-06-05", K.DIED),
    ]  # fmt: skip
    start, inc, dec, end = _check_identity(tree.a, Y2016)
    assert (start, inc, dec, end) == (11, 8, 6, 13)


def test_the_district_sees_only_what_crosses_its_border(tree, admit, register, actor):
    made = _scenario(tree, admit, register, actor)
    entries, exits = crossings(tree.hm, Y2016)
    assert sorted(c.kind for c in entries) == sorted(
        [K.ADMITTED, K.TRANSFERRED_IN, K.READMITTED, K.RESTORED, K.TRANSFERRED]
    )  # the last: admitted then moved the same day; the admission's period was empty
    assert sorted(c.kind for c in exits) == sorted(
        [K.TRANSFERRED_OUT, K.REMOVED, K.PROBATION_FAILED, K.EXPELLED, K.DIED]
    )
    assert made["same_day"].pk in {c.member_id for c in entries}
    assert made["blink"].pk not in {c.member_id for c in entries + exits}
    # The records behind are the member periods that carry each one in or out.
    assert records("members.increase", tree.hm, Y2016).count() == 5
    assert records("members.decrease", tree.hm, Y2016).count() == 5


@pytest.mark.parametrize("code", ["A", "B", "HM"])
def test_without_any_change_there_is_no_flow(tree, register, code):
    register(tree.a1), register(tree.b1)
    org = {"A": tree.a, "B": tree.b, "HM": tree.hm}[code]
    assert value("members.increase", org) == 0 and value("members.decrease", org) == 0
