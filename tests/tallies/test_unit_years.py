"""The per-unit year-end counts (tallies.UnitYear) equal the live counts they stand in for, after
random lifecycle changes through every path that writes member periods and events: admissions,
registrations one by one and in bulk (core.bulk), bulk admissions, transfers within the tree and
out of it, transfers in, deaths, removals, expulsions, exemptions, recognitions, and
reorganizations (a unit moved under another ward, a cell merged into another). Compared unit by
unit and year by year with member_counts_on and the admission events, and figure by figure with
the rows dropped (the live count), in today's boundaries and as they stood."""

import datetime as dt
import itertools
import random
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.catalogue import Period, compute
from dangvu.members.bulk import members_admit_bulk, members_register_bulk
from dangvu.members.models import EventKind, Member, MemberEvent, MemberPeriod, Status
from dangvu.members.restructure import org_merge
from dangvu.members.selectors import period_counts, periods_on
from dangvu.members.services import member_record_event
from dangvu.organizations.lineage import counted_as_stood
from dangvu.organizations.models import Level, Organization
from dangvu.organizations.selectors import path_on
from dangvu.organizations.services import org_move
from dangvu.tallies.models import Horizon, UnitYear
from dangvu.tallies.services import COLUMNS, tally_fill, tally_stop
from tests.conftest import D, identity

YEARS = range(2012, 2028)
FIGURES = (
    "members.total", "members.probationary", "members.full", "members.admitted", "members.increase",
    "members.decrease",
)  # fmt: skip


def _day(rng, year):
    return D(year, rng.randint(1, 12), rng.randint(1, 28))


def _rows_kept() -> dict:
    rows = UnitYear.objects.values_list("org_id", "year", *COLUMNS)
    return {(r[0], r[1]): r[2:] for r in rows if any(r[2:])}


def _rows_live() -> dict:
    live = defaultdict(lambda: [0] * len(COLUMNS))
    for unit in Organization.objects.all():
        for year in YEARS:
            c = period_counts(periods_on(unit, D(year, 12, 31), include_subtree=False))
            admitted = MemberEvent.objects.filter(kind=EventKind.ADMITTED, org=unit, date__year=year).count()
            live[(unit.pk, year)][:6] = [
                c["total"],
                c["probationary"],
                c["full"],
                c["exempt"],
                c["suspended"],
                admitted,
            ]
    # The flows: periods begun and ended in the year, and the pairs (a member's period ending and
    # another beginning on one day) at the lowest unit above both sides, as the tree stood then.
    periods = list(MemberPeriod.objects.filter(valid_from__year__lte=YEARS[-1]))
    for p in periods:
        live[(p.org_id, p.valid_from.year)][COLUMNS.index("started")] += 1
        if p.valid_to is not None and p.valid_to.year <= YEARS[-1]:
            live[(p.org_id, p.valid_to.year)][COLUMNS.index("ended")] += 1
    ending = {(p.member_id, p.valid_to): p for p in periods if p.valid_to is not None}
    for p in periods:
        q = ending.get((p.member_id, p.valid_from))
        if q is not None:
            here = path_on(p.org, p.valid_from).strip("/").split("/")
            there = path_on(q.org, q.valid_to - dt.timedelta(days=1)).strip("/").split("/")
            shared = [a for a, _ in itertools.takewhile(lambda ab: ab[0] == ab[1], zip(here, there, strict=False))]
            if shared:
                live[(int(shared[-1]), p.valid_from.year)][COLUMNS.index("pairs")] += 1
    return {k: tuple(v) for k, v in live.items() if any(v)}


def _places_kept() -> dict:
    """The places of the rows that count something (a row left all zeros is as good as none)."""
    rows = UnitYear.objects.values_list("org_id", "year", "path", *COLUMNS)
    return {(r[0], r[1]): r[2] for r in rows if any(r[3:])}


def _places_live() -> dict:
    """Each kept row's unit place on 31/12 of its year, or on its last day in the year."""
    places = {}
    for org_id, year in _places_kept():
        unit = Organization.objects.get(pk=org_id)
        day = min(D(year, 12, 31), unit.dissolved_on - dt.timedelta(days=1)) if unit.dissolved_on else D(year, 12, 31)
        places[(org_id, year)] = path_on(unit, day)
    return places


def _figures() -> dict:
    out = {}
    for flag in (False, True):
        with counted_as_stood(flag):
            for unit in Organization.objects.all():
                for year in YEARS:
                    for key in FIGURES:
                        out[(flag, unit.code, year, key)] = compute(key, unit, Period.year(year))
    return out


def _churn(rng, actor, tree, admit, register, steps: int):
    """`steps` random writes; the services refuse what does not fit a member's history (nothing is
    stored then), which is skipped."""
    kinds = [
        EventKind.TRANSFERRED, EventKind.TRANSFERRED_OUT, EventKind.DIED, EventKind.REMOVED, EventKind.EXPELLED,
        EventKind.EXEMPTED, EventKind.SUSPENDED, EventKind.RESUMED, EventKind.RECOGNIZED, EventKind.READMITTED,
    ]  # fmt: skip
    for _ in range(steps):
        cells = list(Organization.objects.filter(level__in=[Level.CELL, Level.GRASSROOTS_CELL], dissolved_on=None))
        cell = rng.choice(cells)
        roll = rng.random()
        try:
            if roll < 0.25:
                admit(cell, on=_day(rng, rng.choice(YEARS[:-2])))
            elif roll < 0.4:
                joined = _day(rng, rng.choice(YEARS[:-2]))
                register(cell, joined_on=joined, transferred_in=rng.random() < 0.5, place="Tỉnh khác")
            else:
                kind = rng.choice(kinds)
                gone = kind in (EventKind.READMITTED,)  # readmission: of a member no longer in the Party
                members = list(Member.objects.exclude(status__in=[Status.PROBATIONARY, Status.FULL]) if gone
                               else Member.objects.filter(status__in=[Status.PROBATIONARY, Status.FULL]))  # fmt: skip
                if not members:
                    continue
                member_record_event(
                    actor=actor, member=rng.choice(members), kind=kind, date=_day(rng, rng.choice(YEARS[4:-2])),
                    decision_no="1-QĐ/HU", to_org=cell if kind == EventKind.TRANSFERRED else None,
                    place="Tỉnh khác", org=cell if gone else None,
                )  # fmt: skip
        except ValidationError:
            pass


def test_the_rows_equal_the_live_counts_after_random_changes(tree, actor, admit, register):
    tally_fill(last_year=YEARS[-1])
    rng = random.Random(21)
    _churn(rng, actor, tree, admit, register, 120)
    # The bulk paths (core.bulk's inserts): registrations and admissions of a whole sheet.
    rows = [
        dict(org=rng.choice([tree.a1, tree.a2, tree.b1, tree.c]), joined_on=_day(rng, 2019), admitted_on=D(2010, 3, 2),
             recognized_on=D(2011, 3, 2), **identity(birth_date=D(1985, 1, 1)))
        for _ in range(6)
    ]  # fmt: skip
    assert members_register_bulk(actor=actor, rows=enumerate(rows, start=2)).created == 6
    rows = [
        dict(org=rng.choice([tree.a1, tree.b1]), admitted_on=_day(rng, 2021), decision_no="5-QĐ/HU",
             **identity(birth_date=D(1995, 1, 1)))
        for _ in range(4)
    ]  # fmt: skip
    assert members_admit_bulk(actor=actor, rows=enumerate(rows, start=2)).created == 4
    # Reorganizations: cell B1 moved under ward A, cell A2 merged into A1 (its members MOVED).
    org_move(actor=actor, org=tree.b1, new_parent=tree.a, on=D(2022, 7, 1))
    org_merge(actor=actor, source=tree.a2, target=tree.a1, on=D(2026, 6, 1))
    _churn(rng, actor, tree, admit, register, 60)

    kinds = set(MemberEvent.objects.values_list("kind", flat=True))
    assert kinds >= {"admitted", "died", "expelled", "moved", "removed", "transferred", "transferred_out"}, kinds
    kept = _rows_kept()
    assert kept == _rows_live()
    # Each row is found under its unit's place at the end of its year: B1's rows of 2022 and after
    # under ward A (the move carried them), those before under ward B; A2's of 2026 where it ended.
    places = _places_kept()
    assert places == _places_live()
    assert places[(tree.b1.pk, 2023)].startswith(path_on(tree.a, D(2023, 12, 31)))
    assert sum(v[5] for v in kept.values()) > 10 and len({k[0] for k in kept}) >= 4  # the churn did something
    with_rows = _figures()
    tally_fill(last_year=YEARS[-1])
    assert _rows_kept() == kept  # recomputed whole, the same rows
    assert _places_kept() == places
    tally_stop()
    assert not UnitYear.objects.exists() and not Horizon.objects.exists()
    assert _figures() == with_rows  # the live counts, figure by figure


def test_a_year_after_the_horizon_is_counted_live(tree, actor, admit):
    tally_fill(last_year=2020)
    admit(tree.a1, on=D(2021, 5, 2))
    assert not UnitYear.objects.filter(year__gt=2020).exists()
    assert compute("members.total", tree.hn, Period.year(2021)) == 1
    assert compute("members.admitted", tree.hn, Period.year(2021)) == 1


def test_no_rows_are_kept_without_a_horizon(tree, actor, admit):
    admit(tree.a1, on=D(2021, 5, 2))
    assert not UnitYear.objects.exists()
    assert compute("members.total", tree.hn, Period.year(2021)) == 1


def test_a_move_dated_before_transfers_already_recorded_counts_them_where_they_now_meet(tree, actor, register):
    """A member transferred from cell B1 (ward B) to cell A1 (ward A) on 1/3/2023 met the other side
    in the district; B1 then moved under ward A from 1/7/2022, a date before the transfer: the
    transfer now happened inside ward A, which neither gained nor lost a member in 2023."""
    tally_fill(last_year=YEARS[-1])
    member = register(tree.b1, joined_on=D(2015, 1, 5))
    member_record_event(
        actor=actor, member=member, kind=EventKind.TRANSFERRED, date=D(2023, 3, 1), decision_no="1-QĐ/HU",
        to_org=tree.a1,
    )  # fmt: skip
    assert compute("members.increase", tree.a, Period.year(2023)) == 1  # from ward B
    org_move(actor=actor, org=tree.b1, new_parent=tree.a, on=D(2022, 7, 1))
    assert _rows_kept() == _rows_live()
    figures = {
        (key, org.code): compute(key, org, Period.year(2023)) for key in FIGURES for org in (tree.a, tree.b, tree.hm)
    }
    assert figures[("members.increase", tree.a.code)] == 0 and figures[("members.decrease", tree.a.code)] == 0
    tally_stop()
    assert figures == {
        (key, org.code): compute(key, org, Period.year(2023)) for key in FIGURES for org in (tree.a, tree.b, tree.hm)
    }


@pytest.mark.django_db(transaction=True)
def test_the_command_counts_the_rows_once_and_leaves_them_ready_to_read(tree, actor, register):
    """`dangvu tallies` fills the rows, `--if-missing` leaves them be, and on PostgreSQL the table
    is vacuumed at once (its sums then read from the index alone)."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    register(tree.a1, joined_on=D(2015, 1, 5))
    out = StringIO()
    call_command("tallies", "--until", "2020", stdout=out)
    assert "Đã tính" in out.getvalue() and Horizon.objects.get().year == 2020
    assert UnitYear.objects.filter(org=tree.a1, year=2020, total=1).exists()
    out = StringIO()
    call_command("tallies", "--if-missing", stdout=out)
    assert "không tính lại" in out.getvalue() and Horizon.objects.get().year == 2020
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = 'tallies_unityear'")
            assert cursor.fetchone()[0] > 0  # VACUUM marked the table's pages all-visible
