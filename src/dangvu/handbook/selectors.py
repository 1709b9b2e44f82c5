"""What the member's own pages read: only the member record the account is bound to."""

import datetime as dt

from dangvu.members import rules
from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.members.selectors import rule_events


def next_badge(member: Member, events, today: dt.date) -> dict | None:
    """The first Huy hiệu Đảng milestone not yet received: when it is reached and the presentation
    day it falls to (the rule of the member's own page, members.views)."""
    if member.status not in IN_PARTY_STATUSES:
        return None
    received = set(member.badges.values_list("years", flat=True))
    for years in rules.BADGE_YEARS:
        if years in received:
            continue
        day = rules.milestone_date(member.admitted_on, events, years)
        if day is None:
            return None
        return {"years": years, "reached": day, "presentation": rules.next_presentation_date(day)}
    return None


def my_record(member: Member, today: dt.date) -> dict:
    events = rule_events(member)
    return {
        "member": member,
        "party_age": rules.party_age_years(member.admitted_on, events, today),
        "badge": next_badge(member, events, today),
    }
