"""The figures of the annual review, from the decided results of the cycles of the period's
years, for the organizations that stood in the subtree during the period.

They are year figures: for a quarter (or any period that is not whole calendar years) each is
absent (None, shown "—") and has no records, rather than the whole year's results under the
quarter's name; a quarter's classes are the figures of its evaluations (tasks, evaluation.*)."""

import functools

from dangvu.core.catalogue import indicator

from . import selectors as s


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
    records=s.decided_org_results, order=700,
)  # fmt: skip
@_year_only
def orgs_rated(org, period):
    return s.decided_org_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.orgs.top", "Tổ chức cơ sở đảng xếp loại trong sạch, vững mạnh / hoàn thành xuất sắc nhiệm vụ",
    "tổ chức", records=s.top_org_results, order=701,
)  # fmt: skip
@_year_only
def orgs_top(org, period):
    return s.top_org_results(org, period).values("org_id").distinct().count()


def _top_exemplary_records(org, period):
    return s.top_org_results(org, period).filter(exemplary=True)


@indicator(
    "review.orgs.top_exemplary", "Tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu", "tổ chức",
    records=_top_exemplary_records, order=702,
)  # fmt: skip
@_year_only
def orgs_top_exemplary(org, period):
    return _top_exemplary_records(org, period).values("org_id").distinct().count()


@indicator(
    "review.orgs.top_5_years", "Tổ chức cơ sở đảng 5 năm liền trong sạch, vững mạnh / hoàn thành xuất sắc nhiệm vụ",
    "tổ chức", records=_top_5_years, order=703, counted=True,
)  # fmt: skip
@_year_only
def orgs_top_5_years(org, period):
    return _top_5_years(org, period).count()


@indicator(
    "review.cells.rated", "Chi bộ trực thuộc được đánh giá, xếp loại", "chi bộ",
    records=s.decided_direct_cell_results, order=706,
)  # fmt: skip
@_year_only
def cells_rated(org, period):
    return s.decided_direct_cell_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.cells.top", "Chi bộ trực thuộc xếp loại hoàn thành xuất sắc nhiệm vụ", "chi bộ",
    records=s.top_direct_cell_results, order=707,
)  # fmt: skip
@_year_only
def cells_top(org, period):
    return s.top_direct_cell_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.cells.good_or_better", "Chi bộ trực thuộc xếp loại hoàn thành tốt nhiệm vụ trở lên", "chi bộ",
    records=s.good_or_better_direct_cell_results, order=708,
)  # fmt: skip
@_year_only
def cells_good_or_better(org, period):
    return s.good_or_better_direct_cell_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.members.rated", "Đảng viên được đánh giá, xếp loại", "đảng viên",
    records=s.decided_member_results, order=710, counted=True,
)  # fmt: skip
@_year_only
def members_rated(org, period):
    return s.decided_member_results(org, period).count()


@indicator(
    "review.members.good_or_better", "Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên", "đảng viên",
    records=s.good_member_results, order=711, counted=True,
)  # fmt: skip
@_year_only
def members_good_or_better(org, period):
    return s.good_member_results(org, period).count()


@indicator(
    "review.members.good", "Đảng viên xếp loại hoàn thành tốt nhiệm vụ (không kể hoàn thành xuất sắc)", "đảng viên",
    records=s.good_only_member_results, order=712, counted=True,
)  # fmt: skip
@_year_only
def members_good(org, period):
    return s.good_only_member_results(org, period).count()


@indicator(
    "review.orgs.good", "Tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ (không kể loại cao nhất)", "tổ chức",
    records=s.good_org_results, order=704,
)  # fmt: skip
@_year_only
def orgs_good(org, period):
    return s.good_org_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.orgs.good_or_better", "Tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ trở lên", "tổ chức",
    records=s.good_or_better_org_results, order=705,
)  # fmt: skip
@_year_only
def orgs_good_or_better(org, period):
    return s.good_or_better_org_results(org, period).values("org_id").distinct().count()


@indicator(
    "review.overrides", "Quyết định xếp loại khác quy tắc (có ghi lý do)", "lượt",
    records=s.overrides_in, targetable=False, order=720, counted=True,
)  # fmt: skip
@_year_only
def overrides(org, period):
    return s.overrides_in(org, period).count()
