"""The figures of the evaluation under QĐ 366 for a quarter or a year: collectives and members
evaluated, rated "hoàn thành tốt nhiệm vụ trở lên" and in each class, and the tasks due and done
on time. A year reads the year's conclusions, a quarter that quarter's (selectors._quarters)."""

from django.db.models import Count

from dangvu.core.catalogue import indicator, shared
from dangvu.reviews.rulebooks.since2018 import CLASSES

from . import selectors as s


def _rate(part: int, whole: int) -> float:
    return round(part * 100 / whole, 2) if whole else 0.0


def _class_counts(org, period, members: bool) -> dict[str, int]:
    """Decided evaluations by class, in one grouped query shared within an evaluation by the
    evaluated, good-or-better, rate and class figures (nine counts, each with its own query,
    times 63 provinces for the country)."""

    def read():
        rows = s.decided_evaluations(org, period, members).order_by().values_list("decided_class")
        return dict(rows.annotate(n=Count("pk")))

    return shared(("tasks.class_counts", org.pk, period, members), read)


def _declare(who: str, members: bool, noun: str, unit: str, order: int):
    def evaluated(org, period):
        return sum(_class_counts(org, period, members).values())

    def good(org, period):
        counts = _class_counts(org, period, members)
        return sum(n for code, n in counts.items() if code in s.GOOD_MEMBER_CLASSES)

    def rate(org, period):
        return _rate(good(org, period), evaluated(org, period))

    base = f"evaluation.{who}"
    indicator(f"{base}.evaluated", f"{noun} được đánh giá, xếp loại theo quý/năm", unit, counted=True,
              records=lambda o, p: s.decided_evaluations(o, p, members), order=order)(evaluated)  # fmt: skip
    indicator(f"{base}.good_or_better", f"{noun} hoàn thành tốt nhiệm vụ trở lên", unit, counted=True,
              records=lambda o, p: s.good_evaluations(o, p, members), order=order + 1)(good)  # fmt: skip
    # A rate's records are those of its parts (the records page lists rows, not a percentage).
    indicator(f"{base}.good_or_better_rate", f"Tỷ lệ {noun.lower()} hoàn thành tốt nhiệm vụ trở lên", "%",
              parts=(f"{base}.good_or_better", f"{base}.evaluated"), order=order + 2)(rate)  # fmt: skip
    for i, grade in enumerate(CLASSES):

        def of_class(org, period, code=grade.code):
            return s.decided_evaluations(org, period, members).filter(decided_class=code)

        indicator(
            f"{base}.{grade.code}",
            f"{noun} {grade.label[0].lower()}{grade.label[1:]}",
            unit,
            counted=True,
            records=of_class,
            order=order + 3 + i,
        )(lambda o, p, code=grade.code: _class_counts(o, p, members).get(code, 0))


_declare("orgs", False, "Tổ chức đảng", "tổ chức", 730)
_declare("members", True, "Đảng viên", "đảng viên", 740)


@indicator("tasks.due", "Nhiệm vụ đến hạn trong kỳ", "nhiệm vụ", records=s.tasks_due, counted=True, order=750)
def tasks_due(org, period):
    return s.tasks_due(org, period).count()


@indicator(
    "tasks.on_time", "Nhiệm vụ hoàn thành đúng hạn", "nhiệm vụ", records=s.tasks_on_time, counted=True, order=751
)
def tasks_on_time(org, period):
    return s.tasks_on_time(org, period).count()


@indicator(
    "tasks.on_time_rate", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "%", parts=("tasks.on_time", "tasks.due"),
    order=752,
)  # fmt: skip
def tasks_on_time_rate(org, period):
    return _rate(s.tasks_on_time(org, period).count(), s.tasks_due(org, period).count())
