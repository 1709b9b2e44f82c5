"""Reads of congresses and committees: a unit's terms, its committee on any date, a member's
party positions. Fixed number of queries each."""

import datetime as dt

from django.db.models import Q, QuerySet

from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .models import ROLE_ORDER, Congress, Seat


def visible_congresses(root: Organization | None) -> QuerySet[Congress]:
    if root is None:
        return Congress.objects.none()
    return Congress.objects.filter(org__path__startswith=root.path).select_related("org")


def congress_on(org: Organization, day: dt.date) -> Congress | None:
    """The congress whose term `org` was in on `day`: the latest held on or before it."""
    return Congress.objects.filter(org=org, held_on__lte=day).order_by("-held_on").first()


def _ordered(seats) -> list[Seat]:
    return sorted(seats, key=lambda s: (ROLE_ORDER.get(s.role, 9), s.member.sort_key))


def committee_of(congress: Congress, day: dt.date) -> list[Seat]:
    """The committee elected by `congress` as it stood on `day`, secretary first."""
    seats = Seat.objects.filter(congress=congress, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )
    return _ordered(seats.select_related("member", "member__org"))


def current_committee(org: Organization, day: dt.date | None = None) -> list[Seat]:
    """The committee of `org` on `day` (today by default); empty if no congress is recorded."""
    day = day or dt.date.today()
    congress = congress_on(org, day)
    return committee_of(congress, day) if congress else []


def seat_history(congress: Congress) -> list[Seat]:
    """Every seat of the term, in the order they began: the changes during the term."""
    return list(congress.seats.select_related("member").order_by("valid_from", "id"))


def positions_of(member: Member) -> QuerySet[Seat]:
    """The member's places on party committees, oldest first (for the record sheet)."""
    return Seat.objects.filter(member=member).select_related("congress", "congress__org").order_by("valid_from", "id")
