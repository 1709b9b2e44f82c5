"""The pure parts of the demo: the plan, the synthetic people and the admission calendar are
the same on every build (no database needed)."""

import datetime as dt
import hashlib
import random
import re

import pytest

from dangvu.demo import hoang_mai
from dangvu.demo.context import DemoContext
from dangvu.demo.people import People
from dangvu.demo.timeline import ADMISSIONS_IN_YEAR, ANNIVERSARIES, Timeline
from dangvu.members import rules

pytestmark = pytest.mark.demo


def fingerprint(seed: str, n: int = 300) -> str:
    people = People(random.Random(seed))
    rows = []
    for i in range(n):
        data = people.identity(birth_date=dt.date(1950 + i % 45, 1 + i % 12, 1 + i % 28), profile=hoang_mai.RESIDENT,
                               card=True)  # fmt: skip
        rows.append("|".join(str(data[k]) for k in ("full_name", "citizen_id", "party_card_no", "ethnicity")))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def test_same_seed_gives_same_people_and_another_seed_others():
    assert fingerprint("2016:people") == fingerprint("2016:people")
    assert fingerprint("2016:people") != fingerprint("2016:other")


def test_the_plan_is_the_same_on_every_build():
    first = hoang_mai.plan()
    hoang_mai.plan.cache_clear()
    assert hoang_mai.plan() == first


def test_citizen_ids_follow_the_real_format_and_stay_unique():
    people = People(random.Random(1))
    seen = set()
    for i in range(2000):
        sex = "F" if i % 2 else "M"
        born = dt.date(1930 + i % 70, 6, 1)
        data = people.identity(birth_date=born, profile=hoang_mai.OFFICE, sex=sex, card=True)
        cid = data["citizen_id"]
        assert re.fullmatch(r"001[0-3]\d{8}", cid)
        assert cid[3] == ("1" if sex == "F" else "0") and cid[4:6] == f"{born.year % 100:02d}"
        assert re.fullmatch(r"[1-9]\d{7}", data["party_card_no"])
        assert cid not in seen and data["party_card_no"] not in seen
        seen |= {cid, data["party_card_no"]}


def test_names_are_vietnamese_family_middle_given_with_both_sexes():
    people = People(random.Random(7))
    names = [people.name("F") for _ in range(200)] + [people.name("M") for _ in range(200)]
    assert all(len(n.split(" ")) in (3, 4) for n in names)
    assert sum(n.startswith("Nguyễn ") for n in names) > 100  # the most common family name
    assert any(" Thị " in n for n in names[:200]) and not any(" Thị " in n for n in names[200:])


def test_the_demo_year_admission_calendar_has_209_days_clustered_before_the_anniversaries():
    days = Timeline(DemoContext(actor=None, scale=1.0)).admission_days(2016, ADMISSIONS_IN_YEAR)
    assert len(days) == 209
    assert all(dt.date(2016, 1, 1) <= d <= dt.date(2016, 12, 31) for d in days)
    assert all(d.weekday() < 5 or d == dt.date(2016, 1, 2) for d in days)  # decisions on working days
    near = [d for d in days if any(0 <= (dt.date(2016, m, dd) - d).days <= 14 for m, dd in ANNIVERSARIES)]
    # The three fortnights before 3/2, 19/5 and 2/9 are an eighth of the year and hold over a third.
    assert len(near) > 0.35 * 209
    assert Timeline(DemoContext(actor=None)).admission_days(2016, 209) == days


def test_fifty_four_grassroots_organizations_stand_at_the_end_of_2016_in_the_plan():
    end = dt.date(2016, 12, 31)
    grassroots = [u for u in hoang_mai.plan() if u.level in ("grassroots_committee", "grassroots_cell")]
    assert sum(hoang_mai.active_on(u, end) for u in grassroots) == 54
    founded_2016 = [u for u in grassroots if u.kind == "non_state_enterprise" and u.founded_on.year == 2016]
    assert len(founded_2016) == 6 and len({u.founded_on.month for u in founded_2016}) == 6


def test_admission_ages_of_the_generator_fit_the_rule():
    # The timeline resamples until the rule accepts; the distribution must make that quick.
    rng = random.Random(3)
    day = dt.date(2016, 5, 19)
    fits = 0
    for _ in range(1000):
        birth = day - dt.timedelta(days=int(rng.triangular(18.2, 50, 26) * 365.25))
        fits += rules.admission_age_problem(birth, day) is None
    assert fits > 990
