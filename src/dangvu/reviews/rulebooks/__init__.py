"""The rulebooks of the annual review, one per regulation; the year picks the one in force.

rulebook_for(2016).code == "hd27_2014"
"""

from .base import EXEMPT, SUSPENDED, Grade, MemberFacts, OrgFacts, Proposal, Rule, Rulebook, TaskFacts, Violation
from .hd27_2014 import RULEBOOK as HD27
from .qd124_2023 import RULEBOOK as QD124
from .qd132_2018 import RULEBOOK as QD132
from .qd366_2025 import RULEBOOK as QD366

RULEBOOKS = (HD27, QD132, QD124, QD366)
BY_CODE = {book.code: book for book in RULEBOOKS}
FIRST_YEAR = HD27.first_year


class NoRulebook(LookupError):
    pass


def rulebook_for(year: int) -> Rulebook:
    """The rulebook in force for the review of `year`; NoRulebook before 2014."""
    for book in RULEBOOKS:
        if book.covers(year):
            return book
    raise NoRulebook(f"Không có bộ quy tắc đánh giá, xếp loại cho năm {year} (hệ thống áp dụng từ năm {FIRST_YEAR}).")


def rulebook(code: str) -> Rulebook:
    return BY_CODE[code]


# Class codes counted by the indicators, whatever the rulebook.
TOP_ORG_CLASSES = tuple(sorted({g.code for b in RULEBOOKS for g in b.org_classes if g.top}))
GOOD_MEMBER_CLASSES = tuple(sorted({g.code for b in RULEBOOKS for g in b.member_classes if g.good_or_better}))
# "Hoàn thành tốt nhiệm vụ" alone (good, not the top class), as reports count it beside "trở lên".
GOOD_ONLY_ORG_CLASSES = tuple(
    sorted({g.code for b in RULEBOOKS for g in b.org_classes if g.good_or_better and not g.top})
)
GOOD_OR_BETTER_ORG_CLASSES = tuple(sorted({g.code for b in RULEBOOKS for g in b.org_classes if g.good_or_better}))
GOOD_ONLY_MEMBER_CLASSES = tuple(
    sorted({g.code for b in RULEBOOKS for g in b.member_classes if g.good_or_better and not g.top})
)

__all__ = [
    "EXEMPT", "SUSPENDED", "Grade", "MemberFacts", "OrgFacts", "Proposal", "Rule", "Rulebook", "TaskFacts", "Violation",
    "RULEBOOKS", "HD27", "QD132", "QD124", "QD366",
    "rulebook_for", "rulebook", "NoRulebook", "TOP_ORG_CLASSES", "GOOD_MEMBER_CLASSES",
    "GOOD_ONLY_ORG_CLASSES", "GOOD_OR_BETTER_ORG_CLASSES", "GOOD_ONLY_MEMBER_CLASSES",
]  # fmt: skip
