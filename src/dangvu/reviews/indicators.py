"""The figures of the annual review, from the decided results of the cycles of the period's
years, for the organizations that stood in the subtree during the period.

They are year figures: for a quarter (or any period that is not whole calendar years) each is
absent (None, shown "—") and has no records, rather than the whole year's results under the
quarter's name; a quarter's classes are the figures of its evaluations (tasks, evaluation.*)."""

import functools

from django.db.models import Count, Q

from dangvu.core.catalogue import indicator, shared

from . import selectors as s
from .rulebooks import (
    GOOD_MEMBER_CLASSES,
    GOOD_ONLY_MEMBER_CLASSES,
    GOOD_ONLY_ORG_CLASSES,
    GOOD_OR_BETTER_ORG_CLASSES,
    TOP_ORG_CLASSES,
)

# The classes each figure reads among the decided results of one kind (grassroots organizations,
# directly held cells): the same filters as the selectors' top_org_results, good_org_results …
_ORG_SETS = {
    "rated": None,
    "top": Q(decided_class__in=TOP_ORG_CLASSES),
    "top_exemplary": Q(decided_class__in=TOP_ORG_CLASSES, exemplary=True),
    "good": Q(decided_class__in=GOOD_ONLY_ORG_CLASSES),
    "good_or_better": Q(decided_class__in=GOOD_OR_BETTER_ORG_CLASSES),
}
_CELL_SETS = ("rated", "top", "good_or_better")


def _result_counts(results, key: tuple, sets) -> dict:
    """For each set of classes: how many units have a result in it, and how many results there are
    (the records behind the figure), read by one query shared within one evaluation: the review's
    ten organization figures and counts were ten queries of the same results, each building the
    subtree's filter again (a province of the country: ~1,5 ms of Python each)."""

    def read():
        counts = {}
        for name in sets:
            counts[f"{name}.units"] = Count("org_id", distinct=True, filter=_ORG_SETS[name])
            counts[f"{name}.results"] = Count("id", filter=_ORG_SETS[name])
        return results().aggregate(**counts)

    return shared(key, read)


def _org_counts(org, period) -> dict:
    return _result_counts(lambda: s.decided_org_results(org, period), ("review.orgs", org.pk, period), _ORG_SETS)


def _cell_counts(org, period) -> dict:
    return _result_counts(
        lambda: s.decided_direct_cell_results(org, period), ("review.cells", org.pk, period), _CELL_SETS
    )


def _member_counts(org, period) -> dict:
    """The members' three figures (rated, good or better, good alone) from one shared query."""

    def read():
        return s.decided_member_results(org, period).aggregate(
            rated=Count("id"),
            good_or_better=Count("id", filter=Q(decided_class__in=GOOD_MEMBER_CLASSES)),
            good=Count("id", filter=Q(decided_class__in=GOOD_ONLY_MEMBER_CLASSES)),
        )

    return shared(("review.members", org.pk, period), read)


def _counted_in(counts, name: str):
    """The `records_count` of the figure of set `name`: its results, from the shared read."""

    def records_count(org, period) -> int:
        return counts(org, period)[f"{name}.results"] if s.whole_years(period) else 0

    return records_count


def _year_only(compute):
    @functools.wraps(compute)
    def of_whole_years(org, period):
        return compute(org, period) if s.whole_years(period) else None

    return of_whole_years


def _top_5_years(org, period):
    if not s.whole_years(period):
        return s.top_years_in_a_row(org, period.end.year, 5).none()
    return s.top_years_in_a_row(org, period.end.year, 5)


@indicator(
    "review.orgs.rated", "Tổ chức cơ sở đảng được đánh giá, xếp loại", "tổ chức",
    records=s.decided_org_results, order=700, records_count=_counted_in(_org_counts, "rated"),
)  # fmt: skip
@_year_only
def orgs_rated(org, period):
    return _org_counts(org, period)["rated.units"]


@indicator(
    "review.orgs.top", "Tổ chức cơ sở đảng xếp loại trong sạch, vững mạnh / hoàn thành xuất sắc nhiệm vụ",
    "tổ chức", records=s.top_org_results, order=701, records_count=_counted_in(_org_counts, "top"),
)  # fmt: skip
@_year_only
def orgs_top(org, period):
    return _org_counts(org, period)["top.units"]


def _top_exemplary_records(org, period):
    return s.top_org_results(org, period).filter(exemplary=True)


@indicator(
    "review.orgs.top_exemplary", "Tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu", "tổ chức",
    records=_top_exemplary_records, order=702, records_count=_counted_in(_org_counts, "top_exemplary"),
)  # fmt: skip
@_year_only
def orgs_top_exemplary(org, period):
    return _org_counts(org, period)["top_exemplary.units"]


@indicator(
    "review.orgs.top_5_years", "Tổ chức cơ sở đảng 5 năm liền trong sạch, vững mạnh / hoàn thành xuất sắc nhiệm vụ",
    "tổ chức", records=_top_5_years, order=703, counted=True,
)  # fmt: skip
@_year_only
def orgs_top_5_years(org, period):
    return _top_5_years(org, period).count()


@indicator(
    "review.cells.rated", "Chi bộ trực thuộc được đánh giá, xếp loại", "chi bộ",
    records=s.decided_direct_cell_results, order=706, records_count=_counted_in(_cell_counts, "rated"),
)  # fmt: skip
@_year_only
def cells_rated(org, period):
    return _cell_counts(org, period)["rated.units"]


@indicator(
    "review.cells.top", "Chi bộ trực thuộc xếp loại hoàn thành xuất sắc nhiệm vụ", "chi bộ",
    records=s.top_direct_cell_results, order=707, records_count=_counted_in(_cell_counts, "top"),
)  # fmt: skip
@_year_only
def cells_top(org, period):
    return _cell_counts(org, period)["top.units"]


@indicator(
    "review.cells.good_or_better", "Chi bộ trực thuộc xếp loại hoàn thành tốt nhiệm vụ trở lên", "chi bộ",
    records=s.good_or_better_direct_cell_results, order=708, records_count=_counted_in(_cell_counts, "good_or_better"),
)  # fmt: skip
@_year_only
def cells_good_or_better(org, period):
    return _cell_counts(org, period)["good_or_better.units"]


@indicator(
    "review.members.rated", "Đảng viên được đánh giá, xếp loại", "đảng viên",
    records=s.decided_member_results, order=710, counted=True,
)  # fmt: skip
@_year_only
def members_rated(org, period):
    return _member_counts(org, period)["rated"]


@indicator(
    "review.members.good_or_better", "Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên", "đảng viên",
    records=s.good_member_results, order=711, counted=True,
)  # fmt: skip
@_year_only
def members_good_or_better(org, period):
    return _member_counts(org, period)["good_or_better"]


@indicator(
    "review.members.good", "Đảng viên xếp loại hoàn thành tốt nhiệm vụ (không kể hoàn thành xuất sắc)", "đảng viên",
    records=s.good_only_member_results, order=712, counted=True,
)  # fmt: skip
@_year_only
def members_good(org, period):
    return _member_counts(org, period)["good"]


@indicator(
    "review.orgs.good", "Tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ (không kể loại cao nhất)", "tổ chức",
    records=s.good_org_results, order=704, records_count=_counted_in(_org_counts, "good"),
)  # fmt: skip
@_year_only
def orgs_good(org, period):
    return _org_counts(org, period)["good.units"]


@indicator(
    "review.orgs.good_or_better", "Tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên", "tổ chức",
    records=s.good_or_better_org_results, order=705, records_count=_counted_in(_org_counts, "good_or_better"),
)  # fmt: skip
@_year_only
def orgs_good_or_better(org, period):
    return _org_counts(org, period)["good_or_better.units"]


@indicator(
    "review.overrides", "Quyết định xếp loại khác quy tắc (có ghi lý do)", "lượt",
    records=s.overrides_in, targetable=False, order=720, counted=True,
)  # fmt: skip
@_year_only
def overrides(org, period):
    return s.overrides_in(org, period).count()
