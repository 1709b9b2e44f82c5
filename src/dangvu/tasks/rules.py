"""What a task's result means, derived and never typed, and the points of the criteria measured
by tasks. Pure functions over plain values, so each boundary is tested without a database.

- done: a day done is recorded and the quantity reaches the target;
- on time: done by the deadline; late: done after it, or not done once the deadline has passed;
- beyond requirement: done on time with more than the target.

Points of a criterion measured by tasks (no rule of the regulation was found for it, so the
evaluation page says the figure is the system's and the committee may score it otherwise): the
weighted share of the tasks done, a task done late counting half, a task not done nothing.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dangvu.reviews.rulebooks import TaskFacts

ON_TIME, BEYOND, LATE, NOT_DONE, OPEN = "on_time", "beyond", "late", "not_done", "open"
STATUS_LABELS = {
    BEYOND: "Vượt yêu cầu",
    ON_TIME: "Đúng hạn",
    LATE: "Chậm tiến độ",
    NOT_DONE: "Chưa hoàn thành (quá hạn)",
    OPEN: "Đang thực hiện",
}
LATE_CREDIT = Decimal("0.5")


@dataclass(frozen=True)
class TaskLine:
    """A task and its result as the rules read them."""

    target: Decimal
    deadline: dt.date
    weight: int = 1
    done_on: dt.date | None = None
    quantity: Decimal | None = None


def status(line: TaskLine, today: dt.date) -> str:
    done = line.done_on is not None and line.quantity is not None and line.quantity >= line.target
    if not done:
        return NOT_DONE if today > line.deadline else OPEN
    if line.done_on > line.deadline:
        return LATE
    return BEYOND if line.quantity > line.target else ON_TIME


def task_facts(lines: list[TaskLine], today: dt.date) -> TaskFacts | None:
    """The counts the rulebook reads; None when no task was assigned. Tasks still open (deadline
    not reached, not done) count as not yet done: a quarter is evaluated once it is over."""
    if not lines:
        return None
    statuses = [status(line, today) for line in lines]
    return TaskFacts(
        total=len(lines),
        done=sum(s in (ON_TIME, BEYOND, LATE) for s in statuses),
        on_time=sum(s in (ON_TIME, BEYOND) for s in statuses),
        beyond=sum(s == BEYOND for s in statuses),
    )


def task_score(lines: list[TaskLine], today: dt.date) -> Decimal | None:
    """The weighted share (0..1) of the tasks done, late ones counting half; None without tasks."""
    weights = sum(line.weight for line in lines)
    if not weights:
        return None
    credit = {ON_TIME: Decimal(1), BEYOND: Decimal(1), LATE: LATE_CREDIT}
    earned = sum(credit.get(status(line, today), Decimal(0)) * line.weight for line in lines)
    return Decimal(earned) / weights


def round_points(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
