"""The member rules as pure functions, at their boundaries."""

import pytest

from dangvu.members import rules
from dangvu.members.models import EventKind as K
from dangvu.members.rules import Event

from ..conftest import D


@pytest.mark.parametrize(
    ("birth", "admitted", "ok"),
    [
        (D(1998, 3, 15), D(2016, 3, 15), True),  # exactly 18 years = 216 months
        (D(1998, 3, 16), D(2016, 3, 15), False),  # one day short of 18
        (D(1956, 3, 15), D(2016, 3, 15), True),  # exactly 60 years = 720 months
        (D(1956, 2, 14), D(2016, 3, 15), False),  # 60 years and 1 month
    ],
)
def test_admission_age_counted_in_months(birth, admitted, ok):
    assert (rules.admission_age_problem(birth, admitted) is None) is ok


def test_probation_is_twelve_months_even_from_month_end():
    assert rules.probation_end(D(2016, 2, 29)) == D(2017, 2, 28)
    assert rules.probation_end(D(2016, 5, 19)) == D(2017, 5, 19)


def _life(*events):
    return [Event(k, d, org_id=o, to_org_id=t) for k, d, o, t in events]


def test_replay_builds_periods_for_every_change():
    events = _life(
        (K.ADMITTED, D(2010, 5, 19), 1, None),
        (K.RECOGNIZED, D(2011, 5, 19), None, None),
        (K.TRANSFERRED, D(2013, 1, 1), None, 2),
        (K.EXEMPTED, D(2015, 1, 1), None, None),
        (K.DIED, D(2016, 8, 1), None, None),
    )
    state = rules.replay(events)
    assert state.status == "died"
    spans = [(p.org_id, p.standing, p.activity, p.valid_from, p.valid_to) for p in state.periods]
    assert spans == [
        (1, "probationary", "active", D(2010, 5, 19), D(2011, 5, 19)),
        (1, "full", "active", D(2011, 5, 19), D(2013, 1, 1)),
        (2, "full", "active", D(2013, 1, 1), D(2015, 1, 1)),
        (2, "full", "exempt", D(2015, 1, 1), D(2016, 8, 1)),
    ]
    assert rules.replay(events, until=D(2012, 12, 31)).status == "full"


@pytest.mark.parametrize(
    ("history", "bad", "message"),
    [
        ([(K.ADMITTED, D(2010, 1, 1), 1, None)], (K.ADMITTED, D(2012, 1, 1), 1, None), "kết nạp"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None)], (K.RECOGNIZED, D(2012, 1, 1), None, None),
         "đã là đảng viên chính thức"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None), (K.DIED, D(2011, 1, 1), None, None)],
         (K.TRANSFERRED, D(2012, 1, 1), None, 2), "đã từ trần"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None)], (K.PROBATION_FAILED, D(2012, 1, 1), None, None), "dự bị"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None)], (K.RESUMED, D(2012, 1, 1), None, None), "miễn hoặc đình chỉ"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None)], (K.READMITTED, D(2012, 1, 1), 1, None), "kết nạp lại"),
        ([(K.REGISTERED, D(2010, 1, 1), 1, None)], (K.TRANSFERRED, D(2012, 1, 1), None, 1), "trùng"),
    ],
)  # fmt: skip
def test_events_that_do_not_fit_the_state_are_refused(history, bad, message):
    with pytest.raises(rules.RuleError, match=message):
        rules.replay(_life(*history, bad))


def test_party_age_excludes_time_out_of_the_party_until_readmission():
    events = _life(
        (K.ADMITTED, D(1980, 1, 1), 1, None),
        (K.REMOVED, D(1990, 1, 1), None, None),
        (K.READMITTED, D(1992, 1, 1), 1, None),
    )
    # 30 years of party age are reached two years late.
    assert rules.milestone_date(D(1980, 1, 1), events, 30) == D(2012, 1, 1)  # 1/1/2010 + 730 gap days
    assert rules.party_age_years(D(1980, 1, 1), events, D(2011, 12, 31)) == 29
    assert rules.party_age_years(D(1980, 1, 1), events, D(2012, 1, 1)) == 30
    # Restoration annuls the expulsion: no gap.
    restored = _life(
        (K.ADMITTED, D(1980, 1, 1), 1, None),
        (K.EXPELLED, D(1990, 1, 1), None, None),
        (K.RESTORED, D(1992, 1, 1), 1, None),
    )
    assert rules.milestone_date(D(1980, 1, 1), restored, 30) == D(2010, 1, 1)


def test_badge_due_in_the_window_since_the_previous_presentation_date():
    events = _life((K.ADMITTED, D(1986, 4, 10), 1, None))
    # 30 years on 10/4/2016: due at 19/5/2016 (previous date 3/2/2016), not at 3/2/2016.
    assert rules.badge_due(D(1986, 4, 10), events, D(2016, 5, 19)) == 30
    assert rules.badge_due(D(1986, 4, 10), events, D(2016, 2, 3)) is None
    # Missed at 19/5 and not received: only listed as overdue when asked.
    assert rules.badge_due(D(1986, 4, 10), events, D(2016, 9, 2)) is None
    assert rules.badge_due(D(1986, 4, 10), events, D(2016, 9, 2), include_overdue=True) == 30
    assert rules.badge_due(D(1986, 4, 10), events, D(2016, 9, 2), received={30}, include_overdue=True) is None


def test_45_year_badge_exists_from_2016_only():
    events = _life((K.ADMITTED, D(1970, 6, 1), 1, None))
    assert rules.badge_due(D(1970, 6, 1), events, D(2015, 9, 2)) is None
    assert rules.badge_due(D(1971, 6, 1), _life((K.ADMITTED, D(1971, 6, 1), 1, None)), D(2016, 9, 2)) == 45


def test_gravely_ill_receive_up_to_12_or_24_months_early():
    events = _life((K.ADMITTED, D(1947, 8, 1), 1, None))
    # 70 years on 1/8/2017; the gravely ill may receive it 24 months early, at 2/9/2015.
    assert rules.badge_due(D(1947, 8, 1), events, D(2015, 9, 2), gravely_ill=True) == 70
    assert rules.badge_due(D(1947, 8, 1), events, D(2015, 9, 2)) is None
    young = _life((K.ADMITTED, D(1987, 8, 1), 1, None))  # 30 years on 1/8/2017, 12 months early
    assert rules.badge_due(D(1987, 8, 1), young, D(2016, 9, 2), gravely_ill=True) == 30
    assert rules.badge_due(D(1987, 8, 1), young, D(2016, 5, 19), gravely_ill=True) is None


def test_presentation_dates():
    assert rules.next_presentation_date(D(2016, 5, 20)) == D(2016, 9, 2)
    assert rules.next_presentation_date(D(2016, 11, 8)) == D(2017, 2, 3)
    assert rules.previous_presentation_date(D(2016, 2, 3)) == D(2015, 11, 7)


def test_badge_rules_by_date_cite_their_source():
    assert 45 not in rules.badge_years_for(D(2015, 11, 7)) and 45 in rules.badge_years_for(D(2016, 2, 3))
    assert "mục 18" in rules.badge_rules_on(D(2024, 9, 2)).source
    after = rules.badge_rules_on(D(2026, 2, 3))
    assert not after.certain and "2025–2026" in after.source  # no newer text found: said, not assumed
    assert rules.presentation_dates(2026) == [D(2026, 2, 3), D(2026, 5, 19), D(2026, 9, 2), D(2026, 11, 7)]
    # A 45-year milestone reached in 2015 had no badge then; in 2016 it is due (overdue included).
    events = _life((K.ADMITTED, D(1970, 3, 1), 1, None))
    assert rules.badge_due(D(1970, 3, 1), events, D(2015, 5, 19)) is None
    assert rules.badge_due(D(1970, 3, 1), events, D(2016, 2, 3), include_overdue=True) == 45
