"""Levels of the Party's local organization and their names, by era, as data plus small pure functions.

The tree's shape is not timeless: until 30/6/2025 a district committee (quận, huyện ủy) stood
between the province and the grassroots organizations, and only a grassroots committee (đảng bộ
cơ sở) held cells (chi bộ trực thuộc). From 1/7/2025 the district level is gone; a commune, ward or
special-zone committee (đảng bộ xã, phường, đặc khu) sits directly under the province or city and is
itself the superior of the grassroots ("cấp trên trực tiếp của tổ chức cơ sở đảng"): it holds
grassroots organizations *and* cells directly. The province's bloc committees (Đảng bộ các cơ quan
Đảng, Đảng bộ Ủy ban nhân dân …) likewise. So a rule about where a unit may sit, or what a 2016
report calls it, asks the era of its date.

Each era names its sources. Confirmed from published texts (reports of the decisions, not the
decisions' full text): Nghị quyết 60-NQ/TW (12/4/2025, Hội nghị Trung ương 11 khóa XIII: no district
level, merged communes, two-level local government); Hướng dẫn 31-HD/BTCTW (23/4/2025: old district
and commune committees end and the new commune committees begin on the same day; founded by the
province committee); Quy định 298-QĐ/TW (9/6/2025, in force 1/7/2025: "đảng ủy cấp trên trực tiếp
của tổ chức cơ sở đảng ở xã, phường, đặc khu"). Not confirmed from a text we could read: that the
bloc committees hold cells directly (the issue and domain notes say "likewise"), and the exact
article numbers — marked UNCONFIRMED below.
"""

import datetime as dt
from dataclasses import dataclass, field

from .models import Level

# The day the district level ended and the new commune committees began (Nghị quyết 60-NQ/TW;
# Hướng dẫn 31-HD/BTCTW: the old committees end and the new begin on the same day).
REORGANIZATION_2025 = dt.date(2025, 7, 1)

_GRASSROOTS = frozenset({Level.GRASSROOTS_COMMITTEE, Level.GRASSROOTS_CELL})


@dataclass(frozen=True)
class Era:
    key: str
    starts: dt.date | None  # None: since always
    ends: dt.date | None  # first day no longer in force; None: still in force
    label: str
    # Which levels may sit under which; `None` is the root of the tree (a unit with no superior).
    allowed_children: dict
    # What each level is called in this era (the report and the pages use these words).
    level_names: dict
    # The words a report uses for the units of the tree.
    terms: dict
    sources: tuple[str, ...] = field(default=())

    def covers(self, day: dt.date) -> bool:
        return (self.starts is None or self.starts <= day) and (self.ends is None or day < self.ends)


DISTRICT_ERA = Era(
    key="district",
    starts=None,
    ends=REORGANIZATION_2025,
    label="Chính quyền địa phương ba cấp (đến 30/6/2025)",
    allowed_children={
        None: frozenset({Level.PROVINCE, Level.DISTRICT, Level.BLOC}),
        Level.PROVINCE: frozenset({Level.DISTRICT, Level.BLOC, *_GRASSROOTS}),
        Level.DISTRICT: _GRASSROOTS,
        Level.BLOC: _GRASSROOTS,
        Level.COMMUNE: frozenset(),  # did not exist: a ward's committee was itself grassroots
        Level.GRASSROOTS_COMMITTEE: frozenset({Level.CELL}),
        Level.GRASSROOTS_CELL: frozenset(),
        Level.CELL: frozenset(),
    },
    level_names={
        Level.PROVINCE: "Đảng bộ tỉnh, thành phố",
        Level.DISTRICT: "Đảng bộ quận, huyện, thị xã, thành phố thuộc tỉnh",
        Level.BLOC: "Đảng bộ khối",
        Level.COMMUNE: "Đảng bộ xã, phường, đặc khu",
        Level.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
        Level.GRASSROOTS_CELL: "Chi bộ cơ sở",
        Level.CELL: "Chi bộ trực thuộc đảng ủy cơ sở",
    },
    terms={
        "upper": "cấp trên cơ sở",
        "upper_example": "Quận ủy, Huyện ủy",
        "grassroots": "tổ chức cơ sở đảng",
        "cells": "chi bộ trực thuộc đảng ủy cơ sở",
    },
    sources=(
        "Điều lệ Đảng (2011), Điều 21: tổ chức cơ sở đảng ở xã, phường, thị trấn trực thuộc cấp ủy cấp huyện",
        "Quy định 29-QĐ/TW (25/7/2016), mục 19: chi bộ trực thuộc đảng ủy cơ sở",
    ),
)

TWO_LEVEL_ERA = Era(
    key="two_level",
    starts=REORGANIZATION_2025,
    ends=None,
    label="Chính quyền địa phương hai cấp (từ 01/7/2025)",
    allowed_children={
        None: frozenset({Level.PROVINCE, Level.COMMUNE, Level.BLOC}),
        Level.PROVINCE: frozenset({Level.COMMUNE, Level.BLOC, *_GRASSROOTS}),
        Level.DISTRICT: frozenset(),  # no district level any more (Nghị quyết 60-NQ/TW)
        # The commune committee is the grassroots' superior and holds village and residential
        # cells directly beside grassroots organizations (Quy định 298-QĐ/TW).
        Level.COMMUNE: frozenset({*_GRASSROOTS, Level.CELL}),
        Level.BLOC: frozenset({*_GRASSROOTS, Level.CELL}),  # UNCONFIRMED: cells directly under a bloc
        Level.GRASSROOTS_COMMITTEE: frozenset({Level.CELL}),
        Level.GRASSROOTS_CELL: frozenset(),
        Level.CELL: frozenset(),
    },
    level_names={
        Level.PROVINCE: "Đảng bộ tỉnh, thành phố",
        Level.DISTRICT: "Đảng bộ quận, huyện (đã kết thúc hoạt động)",
        Level.BLOC: "Đảng bộ các cơ quan Đảng, chính quyền cấp tỉnh",
        Level.COMMUNE: "Đảng bộ xã, phường, đặc khu",
        Level.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
        Level.GRASSROOTS_CELL: "Chi bộ cơ sở",
        Level.CELL: "Chi bộ trực thuộc",
    },
    terms={
        "upper": "cấp trên trực tiếp của tổ chức cơ sở đảng",
        "upper_example": "Đảng ủy xã, phường, đặc khu",
        "grassroots": "tổ chức cơ sở đảng",
        "cells": "chi bộ trực thuộc",
    },
    sources=(
        "Nghị quyết 60-NQ/TW (12/4/2025), Hội nghị Trung ương 11 khóa XIII: không tổ chức cấp huyện",
        "Hướng dẫn 31-HD/BTCTW (23/4/2025): thành lập đảng bộ xã, phường, đặc khu; kết thúc hoạt động"
        " đảng bộ cấp huyện và cấp xã cũ cùng thời điểm",
        "Quy định 298-QĐ/TW (9/6/2025, hiệu lực 01/7/2025): đảng ủy cấp trên trực tiếp của tổ chức cơ"
        " sở đảng ở xã, phường, đặc khu",
    ),
)

ERAS = (DISTRICT_ERA, TWO_LEVEL_ERA)
# Top-down order of the levels, for choices and for "the highest level in force".
LEVEL_ORDER = (
    Level.PROVINCE,
    Level.DISTRICT,
    Level.COMMUNE,
    Level.BLOC,
    Level.GRASSROOTS_COMMITTEE,
    Level.GRASSROOTS_CELL,
    Level.CELL,
)
# Committees above the grassroots (cấp trên cơ sở, and the province): they open reviews, have a
# standing committee and issue as "… ủy".
UPPER_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.BLOC)


def era_on(day: dt.date) -> Era:
    """The era in force on `day`."""
    return next(e for e in ERAS if e.covers(day))


def allowed_children(parent_level: str | None, day: dt.date) -> frozenset:
    """The levels a unit founded or moved on `day` may have under a `parent_level` unit
    (None: at the root of the tree)."""
    return era_on(day).allowed_children.get(parent_level, frozenset())


def allowed_children_any_era(parent_level: str | None) -> frozenset:
    """The levels that may sit under `parent_level` on some date: what a form offers before it
    knows the date (the service then checks the date's own rule)."""
    return frozenset().union(*(e.allowed_children.get(parent_level, frozenset()) for e in ERAS))


def may_sit_under(level: str, parent_level: str | None, day: dt.date) -> bool:
    return level in allowed_children(parent_level, day)


def levels_in_force(day: dt.date) -> list[str]:
    """The levels a unit may be founded at on `day`, top-down (a level nothing may sit in is out)."""
    allowed = era_on(day).allowed_children
    placeable = set().union(*allowed.values())
    return [level for level in LEVEL_ORDER if level in placeable]


def root_levels(day: dt.date) -> list[str]:
    """The levels a committee without a superior in Dangvu (the root) may have on `day`, top-down."""
    return [level for level in LEVEL_ORDER if level in allowed_children(None, day)]


def highest_level(day: dt.date) -> str:
    """The highest level in force on `day` (what `dangvu setup` offers first)."""
    return root_levels(day)[0]


def level_name(level: str, day: dt.date) -> str:
    """What a level is called on `day`: a 2016 report says "Chi bộ trực thuộc đảng ủy cơ sở",
    a 2026 one "Chi bộ trực thuộc"."""
    return era_on(day).level_names[level]


def term(key: str, day: dt.date) -> str:
    """A report's word on `day`: "upper" (cấp trên cơ sở), "grassroots", "cells"."""
    return era_on(day).terms[key]


def holds_cells_directly(level: str, day: dt.date) -> bool:
    """Whether a unit of `level` that is not a grassroots committee may hold cells (chi bộ trực
    thuộc) directly on `day`: a ward committee after 1/7/2025, never a district."""
    return level != Level.GRASSROOTS_COMMITTEE and Level.CELL in allowed_children(level, day)


def refusal(level: str, parent_level: str | None, day: dt.date) -> str | None:
    """Why a `level` unit may not sit under a `parent_level` one on `day` (Vietnamese), or None."""
    if may_sit_under(level, parent_level, day):
        return None
    era = era_on(day)
    where = f"dưới {era.level_names[parent_level].lower()}" if parent_level else "ở gốc cây tổ chức"
    allowed = [era.level_names[lv].lower() for lv in LEVEL_ORDER if lv in allowed_children(parent_level, day)]
    hint = f" Ở đó chỉ đặt được: {', '.join(allowed)}." if allowed else " Cấp này không có tổ chức trực thuộc."
    return f"{era.label}: không thể đặt {era.level_names[level].lower()} {where}.{hint}"
