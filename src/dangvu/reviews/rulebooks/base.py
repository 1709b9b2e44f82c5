"""What every rulebook is made of: its classes, the facts its rules read, and the violations
they return. Pure Python, no database: each rule is a small function over plain data, so every
rule can be tested at its boundary without Django.

A rule that is not certain (the text of the regulation was not checked article by article, or
the figure comes from local practice) says so with `certain=False` and a note; the deciding
committee may override any violation with a recorded reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

# The activity of a member (members.models.Activity values): exempted and suspended members are
# not rated.
EXEMPT = "exempt"
SUSPENDED = "suspended"


@dataclass(frozen=True)
class Grade:
    """One class of a rulebook. `rank` 0 is the best; `top` marks the class the indicators call
    the top class (TSVM, or excellent from 2018); `good_or_better` the classes counted as good."""

    code: str
    label: str
    rank: int
    top: bool = False
    good_or_better: bool = False
    # The class that means the unit or member failed (Yếu kém / không hoàn thành nhiệm vụ).
    lowest: bool = False


@dataclass(frozen=True)
class Violation:
    rule: str  # stable code, e.g. "hd27.org.weak_points"
    message: str  # Vietnamese, says what is wrong
    source: str  # "Hướng dẫn 27-HD/BTCTW, mục …"
    certain: bool = True
    note: str = ""

    def __str__(self):
        text = f"{self.message} (Căn cứ: {self.source})"
        if not self.certain:
            text += " [quy tắc chưa được đối chiếu đầy đủ với văn bản; cấp ủy có thể quyết định khác, ghi rõ lý do]"
        return text


@dataclass(frozen=True)
class Rule:
    """A rule as the rulebook page lists it."""

    code: str
    text: str
    source: str
    certain: bool = True
    note: str = ""

    def violation(self, message: str) -> Violation:
        return Violation(self.code, message, self.source, self.certain, self.note)


@dataclass(frozen=True)
class TaskFacts:
    """The tasks of a collective or an individual in the period evaluated (QĐ 366: evaluation by
    results and products), counted from the task records (dangvu.tasks), never typed:
    `on_time` done by the deadline, `beyond` done on time with more than the target."""

    total: int = 0
    done: int = 0
    on_time: int = 0
    beyond: int = 0

    @property
    def not_on_time(self) -> int:
        """Tasks not done by their deadline (done late, or not done)."""
        return self.total - self.on_time


@dataclass(frozen=True)
class OrgFacts:
    """What the rules of an organization read. Classes are codes of the same rulebook; a
    subordinate unit not yet classified is simply not in `subordinate_classes`."""

    is_committee: bool = False  # đảng bộ cơ sở (has cells) rather than chi bộ
    points: Decimal | int | None = None
    disunity: bool = False  # mất đoàn kết nội bộ trong cấp ủy
    members_disciplined_corruption: int = 0  # đảng viên bị kỷ luật về tham nhũng, suy thoái
    subordinates_total: int = 0  # subordinate units (chi bộ trực thuộc)
    subordinate_classes: tuple[str, ...] = ()
    subordinates_disciplined: int = 0  # subordinate units disciplined in the year
    member_classes: tuple[str, ...] = ()  # classes of the members rated
    targets_met_share: Fraction | Decimal | float | None = None  # share of targets met, 0..1
    leadership_disciplined: bool = False  # the collective (its committee) disciplined in the year
    leadership_members_disciplined: int = 0  # members of its committee disciplined in the period
    tasks: TaskFacts | None = None  # None: the tasks were not recorded, their conditions are not checked


@dataclass(frozen=True)
class MemberFacts:
    disciplined_in_year: bool = False
    activity: str = "active"
    points: Decimal | int | None = None  # on the 100-point framework (from 2025)
    tasks: TaskFacts | None = None


OrgCheck = Callable[[str, OrgFacts], Iterable[Violation]]
MemberCheck = Callable[[str, MemberFacts], Iterable[Violation]]
SetCheck = Callable[[list[str]], Iterable[Violation]]


@dataclass(frozen=True)
class Rulebook:
    code: str
    title: str  # "Hướng dẫn 27-HD/BTCTW ngày 25/9/2014 …"
    first_year: int
    last_year: int | None
    org_classes: tuple[Grade, ...]
    member_classes: tuple[Grade, ...]
    rules: tuple[Rule, ...]
    org_checks: tuple[OrgCheck, ...] = ()
    member_checks: tuple[MemberCheck, ...] = ()
    # Rules over all the members of one grassroots organization (quotas).
    member_set_checks: tuple[SetCheck, ...] = ()
    has_exemplary: bool = False  # "tiêu biểu" among the top class
    uses_points: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def org_grade(self, code: str) -> Grade | None:
        return next((g for g in self.org_classes if g.code == code), None)

    def member_grade(self, code: str) -> Grade | None:
        return next((g for g in self.member_classes if g.code == code), None)

    def org_choices(self) -> list[tuple[str, str]]:
        return [(g.code, g.label) for g in self.org_classes]

    def member_choices(self) -> list[tuple[str, str]]:
        return [(g.code, g.label) for g in self.member_classes]

    def rule(self, code: str) -> Rule:
        return next(r for r in self.rules if r.code == code)

    def check_org(self, cls: str, facts: OrgFacts) -> list[Violation]:
        """The rules an organization classed `cls` would break, given `facts`."""
        return [v for check in self.org_checks for v in check(cls, facts)]

    def check_member(self, cls: str, facts: MemberFacts) -> list[Violation]:
        """The rules a member classed `cls` would break (`cls` "" means not rated)."""
        return [v for check in self.member_checks for v in check(cls, facts)]

    def check_member_set(self, classes: list[str]) -> list[Violation]:
        """The rules the classes of all the members of one grassroots organization break."""
        return [v for check in self.member_set_checks for v in check(classes)]

    def propose_org(self, facts: OrgFacts) -> "Proposal":
        return _propose(self.org_classes, lambda cls: self.check_org(cls, facts))

    def propose_member(self, facts: MemberFacts) -> "Proposal":
        return _propose(self.member_classes, lambda cls: self.check_member(cls, facts))


@dataclass(frozen=True)
class Proposal:
    """The best class the facts allow, and why each better class was not reached."""

    cls: str
    refused: tuple[tuple[Grade, tuple[Violation, ...]], ...] = ()

    @property
    def reasons(self) -> list[str]:
        return [f"Chưa đạt mức “{grade.label}”: {v}" for grade, violations in self.refused for v in violations]


def _propose(classes: tuple[Grade, ...], check: Callable[[str], list[Violation]]) -> Proposal:
    refused = []
    for grade in sorted(classes, key=lambda g: g.rank):
        violations = check(grade.code)
        if not violations:
            return Proposal(grade.code, tuple(refused))
        refused.append((grade, tuple(violations)))
    # Every class breaks a rule (the lowest only does for a member who is not to be rated).
    return Proposal("", tuple(refused))


def ranked_better(book_classes: tuple[Grade, ...], cls: str, than: str) -> bool:
    """Whether class `cls` is better than class `than` in the same list."""
    ranks = {g.code: g.rank for g in book_classes}
    return ranks[cls] < ranks[than]


def share_over(count: int, total: int, numerator: int, denominator: int) -> bool:
    """count/total > numerator/denominator, in integers (no rounding at the boundary)."""
    return total > 0 and count * denominator > numerator * total


def share_under(count: int, total: int, numerator: int, denominator: int) -> bool:
    """count/total < numerator/denominator, in integers."""
    return total > 0 and count * denominator < numerator * total


def fmt_points(points) -> str:
    return f"{points:g}".replace(".", ",") if isinstance(points, float) else str(points).replace(".", ",")


# --- rules shared by every rulebook -------------------------------------------------------------


def not_rated(code: str, source: str) -> tuple[Rule, MemberCheck]:
    """Members exempted from party activity, and members whose activity is suspended, are not rated."""
    text = "Đảng viên được miễn sinh hoạt đảng hoặc đang bị đình chỉ sinh hoạt đảng thì không xếp loại."
    rule = Rule(code, text, source)

    def check(cls: str, facts: MemberFacts):
        if cls and facts.activity in (EXEMPT, SUSPENDED):
            what = "được miễn sinh hoạt đảng" if facts.activity == EXEMPT else "đang bị đình chỉ sinh hoạt đảng"
            yield rule.violation(f"Đảng viên {what} thì không xếp loại; hãy để trống mức xếp loại và ghi lý do.")

    return rule, check
