"""The member's self-assessment (issue 22, item 6), the first stage of the review that exists:
under Quy định 366-QĐ/TW (2025 on) the member reports the results and products of the tasks
assigned to them for the quarter and fills the self stage of the quarter's evaluation
(tasks.services, its rules and audit); under the earlier rulebooks the member picks their own
class for the year, written as the self stage of the cycle's results (reviews.services). The cell
sees it on its own pages as the first stage. Only in review season: a cycle open for the member's
grassroots organization."""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404

from dangvu.members.models import Member
from dangvu.reviews.facts import grassroots_of
from dangvu.reviews.models import MemberResult, ReviewCycle
from dangvu.reviews.rulebooks import QD366
from dangvu.reviews.services import member_results_record_bulk
from dangvu.tasks import scoring
from dangvu.tasks import selectors as task_selectors
from dangvu.tasks.models import YEAR, Evaluation, Subject, Task
from dangvu.tasks.rules import STATUS_LABELS
from dangvu.tasks.services import evaluation_record, task_result_record


@dataclass
class Season:
    cycle: ReviewCycle
    org: object  # the grassroots organization the member is evaluated in
    scored: bool  # QĐ 366: by tasks and points, per quarter

    @property
    def book(self):
        return self.cycle.get_rulebook()


def season_of(member: Member, today: dt.date) -> Season | None:
    """The open review the member takes part in: this year's, or last year's while it is still
    open (the year-end review runs into January)."""
    if member.org is None:
        return None
    org = grassroots_of(member.org)
    for year in (today.year, today.year - 1):
        cycle = task_selectors.cycle_for(org, year)
        if cycle is not None and cycle.is_open:
            return Season(cycle, org, cycle.rulebook == QD366.code)
    return None


def criteria_of(season: Season):
    return scoring.criteria_for(season.cycle, season.org, Subject.MEMBER)


def my_tasks(member: Member, season: Season, quarter: int):
    """(task, result, status label) of the tasks assigned to the member for the quarter (0: the year)."""
    tasks = Task.objects.filter(member=member, year=season.cycle.year)
    if quarter != YEAR:
        tasks = tasks.filter(quarter=quarter)
    return [(t, r, STATUS_LABELS[s]) for t, r, s in task_selectors.period_rows(tasks)]


def my_evaluation(member: Member, season: Season, quarter: int) -> Evaluation | None:
    return Evaluation.objects.filter(cycle=season.cycle, quarter=quarter, org=season.org, member=member).first()


def my_result(member: Member, season: Season) -> MemberResult | None:
    return MemberResult.objects.filter(cycle=season.cycle, member=member).first()


def my_task(member: Member, season: Season, pk) -> Task:
    found = Task.objects.filter(pk=pk, member=member, year=season.cycle.year).first()
    if found is None:
        raise Http404("Không tìm thấy nhiệm vụ được giao cho đồng chí.")
    return found


def self_product_record(*, actor, member: Member, season: Season, task_pk, **result) -> object:
    """The member reports what they did on one of their own tasks (tasks.services.task_result_record)."""
    return task_result_record(actor=actor, task=my_task(member, season, task_pk), **result)


def self_assessment_record(*, actor, member: Member, season: Season, quarter: int, scores=None, cls="", note=""):
    """The self stage: of the quarter's scored evaluation under QĐ 366, of the year's result before."""
    if season.scored:
        return evaluation_record(actor=actor, cycle=season.cycle, org=season.org, member=member, quarter=quarter,
                                 stage="self", scores=scores, cls=cls, note=note)  # fmt: skip
    return member_results_record_bulk(actor=actor, cycle=season.cycle, org=season.org, stage="self",
                                      rows=[{"member": member, "cls": cls}])[0]  # fmt: skip
