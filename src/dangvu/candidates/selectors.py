"""Reads of the admission pipeline: scoped lists by stage, stalled files, and the files open at
the end of a period (the records behind `candidates.in_pipeline`)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from dangvu.core.text import search_terms
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import subtree_ids_on

from .models import Candidate, Introducer, Status, UnionIntroduction


def candidate_list(
    root: Organization | None,
    *,
    status: str | None = Status.OPEN,
    stage: str | None = None,
    org: Organization | None = None,
    query: str = "",
) -> QuerySet[Candidate]:
    """The files a user under `root` may see; `org` narrows to a unit's subtree today."""
    if root is None:
        return Candidate.objects.none()
    qs = Candidate.objects.filter(org__path__startswith=root.path)
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if status:
        qs = qs.filter(status=status)
    if stage:
        qs = qs.filter(stage=stage)
    for word in search_terms(query):
        qs = qs.filter(name_key__contains=" " + word)
    return qs.select_related("org", "member")


def stage_counts(candidates: QuerySet[Candidate]) -> dict[str, int]:
    """How many files are at each stage (one query)."""
    return dict(candidates.order_by().values_list("stage").annotate(n=Count("id")))


def stalled(root: Organization | None, *, days: int, today: dt.date | None = None) -> QuerySet[Candidate]:
    """Open files whose latest step is more than `days` days old, the oldest first."""
    today = today or dt.date.today()
    cutoff = today - dt.timedelta(days=days)
    return candidate_list(root).filter(stage_on__lt=cutoff).order_by("stage_on", "sort_key")


def open_on(org: Organization, day: dt.date) -> QuerySet[Candidate]:
    """Files open at the end of `day` in the cells that stood under `org` that day: opened on or
    before it and not yet admitted or closed. Fixed number of queries whatever the subtree."""
    return Candidate.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day), opened_on__lte=day, org_id__in=subtree_ids_on(org, day)
    )


def file_of(candidate: Candidate):
    """The steps, the member introducers and the Youth Union / trade union introduction (or None)
    of a file, for its page."""
    return (
        candidate.steps.order_by("date", "id"),
        candidate.introducers.select_related("member", "member__org").order_by("introduced_on", "id"),
        UnionIntroduction.objects.filter(candidate=candidate).first(),
    )


def introductions_of_member(member) -> tuple[list[Introducer], UnionIntroduction | None]:
    """Who introduced a member into the Party, from the admission file that led to it (empty when
    the admission came before files were kept): the member introducers and the organization's
    resolution, for the member record sheet."""
    introducers = list(Introducer.objects.filter(candidate__member=member).select_related("member").order_by("id"))
    return introducers, UnionIntroduction.objects.filter(candidate__member=member).first()
