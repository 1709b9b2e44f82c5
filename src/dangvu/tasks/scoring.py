"""From the records to an evaluation's points and proposal: the criteria in force, the points of
each criterion (from the tasks where measured, from the assessment otherwise), the task facts and
the class the year's rulebook allows with its reasons.

A quarter reads the tasks of that quarter; the year reads every task of the year, and its points
are the mean of the quarters' points where quarters were evaluated (the decided points, else the
latest computed) — the basis says which quarters and how.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from dangvu.core.errors import fail
from dangvu.members.models import MemberPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import subtree_ids_during
from dangvu.reviews import facts as review_facts
from dangvu.reviews.models import ReviewCycle
from dangvu.reviews.rulebooks import MemberFacts, OrgFacts, Proposal, Rulebook, Violation

from . import framework as fw
from . import rules
from .models import YEAR, Evaluation, Framework, Task


def member_ids_of(org: Organization, year: int) -> set[int]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return set(
        MemberPeriod.objects.filter(org_id__in=subtree_ids_during(org, start, end), valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .values_list("member_id", flat=True)
    )


def criteria_for(cycle: ReviewCycle, org: Organization, subject: str) -> list[fw.CriterionSpec]:
    """The framework of the nearest committee above `org` (itself included) that set one for the
    year, else the common framework."""
    ancestors = [int(x) for x in org.path.strip("/").split("/")]
    found = (
        Framework.objects.filter(committee_id__in=ancestors, year=cycle.year, subject=subject)
        .select_related("committee")
        .order_by("-committee__path")
        .first()
    )
    if found is None:
        return fw.common(subject)
    return [
        fw.CriterionSpec(c.group, c.code, c.label, c.max_points, c.from_tasks)
        for c in found.criteria.order_by("order", "id")
    ]


def clean_scores(criteria: list[fw.CriterionSpec], scores: dict, field: str) -> dict:
    """The assessed points per criterion code, each within 0..its maximum; the criteria measured
    by tasks are computed, not typed."""
    known = {c.code: c for c in criteria if not c.from_tasks}
    out = {}
    for code, value in scores.items():
        if value in (None, ""):
            continue
        if code not in known:
            fail(field, f"Tiêu chí “{code}” không chấm theo đánh giá (hoặc không có trong khung tiêu chí).")
        try:
            points = Decimal(str(value).replace(",", "."))
        except ArithmeticError:
            fail(field, f"Điểm của tiêu chí “{known[code].label}” phải là số.")
        if not (0 <= points <= known[code].max_points):
            fail(field, f"Điểm của tiêu chí “{known[code].label}” phải từ 0 đến {known[code].max_points:g}.")
        out[code] = str(points)
    return out


def task_lines(org: Organization, member, year: int, quarter: int) -> list[tuple[Task, rules.TaskLine]]:
    tasks = Task.objects.filter(year=year, member=member).select_related("result")
    tasks = tasks.filter(org=org) if member is None else tasks
    if quarter != YEAR:
        tasks = tasks.filter(quarter=quarter)
    out = []
    for t in tasks:
        result = getattr(t, "result", None)
        line = rules.TaskLine(
            t.target, t.deadline, t.weight, result.done_on if result else None, result.quantity if result else None
        )
        out.append((t, line))
    return out


@dataclass(frozen=True)
class Outcome:
    points: Decimal | None
    basis: str
    proposal: Proposal
    book: Rulebook
    facts: OrgFacts | MemberFacts

    def check(self, cls: str) -> list[Violation]:
        if isinstance(self.facts, OrgFacts):
            return self.book.check_org(cls, self.facts)
        return self.book.check_member(cls, self.facts)


def _points(criteria, assessed: dict, pairs, today) -> tuple[Decimal | None, list[str]]:
    total, parts = Decimal(0), []
    first_measured = next((c.code for c in criteria if c.from_tasks), None)
    for c in criteria:
        if c.from_tasks:
            lines = [line for t, line in pairs if (t.criterion or first_measured) == c.code]
            share = rules.task_score(lines, today)
            if share is None:
                return None, [f"Chưa có nhiệm vụ cho tiêu chí “{c.label}” nên chưa tính được điểm."]
            got = rules.round_points(c.max_points * share)
            parts.append(f"{c.label}: {got:g}/{c.max_points:g} (từ {len(lines)} nhiệm vụ)")
        else:
            if c.code not in assessed:
                return None, [f"Chưa chấm tiêu chí “{c.label}”."]
            got = Decimal(assessed[c.code])
            parts.append(f"{c.label}: {got:g}/{c.max_points:g} (đánh giá)")
        total += got
    return total, parts


def evaluate(
    cycle, org, member, quarter: int, criteria, assessed: dict, leadership_members_disciplined: int = 0
) -> Outcome:
    """Points, basis and proposal of an evaluation from the records as they stand."""
    book = cycle.get_rulebook()
    today = timezone.localdate()
    pairs = task_lines(org, member, cycle.year, quarter)
    tasks = rules.task_facts([line for _, line in pairs], today)
    points, parts = _points(criteria, assessed, pairs, today)
    if quarter == YEAR:
        quarters = Evaluation.objects.filter(cycle=cycle, org=org, member=member).exclude(quarter=YEAR)
        quarter_points = {e.quarter: e.points for e in quarters.order_by("quarter") if e.points is not None}
        if quarter_points:
            mean = rules.round_points(sum(quarter_points.values()) / len(quarter_points))
            listed = "; ".join(f"quý {q}: {p:g}" for q, p in quarter_points.items())
            parts = [f"Trung bình điểm {len(quarter_points)} quý đã đánh giá ({listed}) = {mean:g}"]
            points = mean
    basis = "; ".join(parts)
    if tasks is not None:
        basis += (
            f". Nhiệm vụ: {tasks.total}, hoàn thành {tasks.done}, đúng hạn {tasks.on_time}, vượt yêu cầu {tasks.beyond}"
        )
    if member is None:
        values = {"points": points}
        facts = review_facts.org_facts(cycle, org, "decision", values)
        facts = dataclasses.replace(facts, tasks=tasks, leadership_members_disciplined=leadership_members_disciplined)
        proposal = book.propose_org(facts)
    else:
        disciplined = review_facts.disciplined_member_ids(cycle, org)
        year_member = review_facts.members_of_year(cycle, org).get(member.pk)
        activity = year_member.activity if year_member else "active"
        facts = MemberFacts(disciplined_in_year=member.pk in disciplined, activity=activity, points=points, tasks=tasks)
        proposal = book.propose_member(facts)
    return Outcome(points, basis, proposal, book, facts)


def quota_violations(book: Rulebook, evaluation: Evaluation, cls: str) -> list[Violation]:
    """The set rules (the share of excellent members) over the decided classes of the members of
    the same grassroots organization and period, with this one's class as decided."""
    others = Evaluation.objects.filter(
        cycle=evaluation.cycle, quarter=evaluation.quarter, org=evaluation.org, member__isnull=False
    ).exclude(decided_class="")
    if evaluation.pk:
        others = others.exclude(pk=evaluation.pk)
    return book.check_member_set([*others.values_list("decided_class", flat=True), cls])
