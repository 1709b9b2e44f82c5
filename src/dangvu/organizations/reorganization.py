"""A reorganization in one decision: several old units into several new ones on one day.

The 2025 reorganization divided wards: one old ward's cells and members went to two or three new
wards. A plan says, for each unit that ends, where each of its sub-units and members goes. This
module holds the plan's shape and the checks that need only the tree (the units that end, the new
units, where a sub-unit may go on that day); the service that checks the members too and carries
the plan out moves people, so it stands above members (members/reorganization.py, org_reorganize).

The simple merge, split and dissolve are in members/restructure.py, the move in services.py.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from dangvu.core.dates import format_date
from dangvu.core.text import clean

from . import eras
from .models import MEMBER_LEVELS, Organization, Reorganization

UNIT, MEMBER = "unit", "member"


@dataclass(frozen=True)
class NewUnit:
    """A unit the decision founds. `parent` is the code of an existing unit or of another new one."""

    code: str
    name: str
    level: str
    kind: str
    parent: str
    short_name: str = ""
    row: int | None = None  # the workbook row it came from, for messages


@dataclass(frozen=True)
class Assignment:
    """One thing of an ending unit and where it goes: a sub-unit (by code, `item` UNIT) moved whole
    with its subtree, or a member (by id, party card number or CCCD, `item` MEMBER)."""

    item: str
    ref: str
    target: str  # code of the receiving unit (existing or new)
    row: int | None = None


@dataclass
class Plan:
    on: dt.date
    decision: str
    dissolve: list[str]  # codes of the units that end
    found: list[NewUnit] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    note: str = ""


# The parts of a plan (the page's sections, the workbook's row kinds) a message is about.
SHEET_ENDING, SHEET_NEW, SHEET_ASSIGN = "Tổ chức kết thúc", "Tổ chức mới", "Phân công"


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str = ""  # the workbook column / form field the message is about
    sheet: str = ""  # the part of the plan: SHEET_ENDING, SHEET_NEW or SHEET_ASSIGN

    def __str__(self):
        parts = (f"dòng {self.row}" if self.row else "", f"cột {self.column}" if self.column else "")
        where = ", ".join(x for x in parts if x)
        return f"{where[0].upper()}{where[1:]}: {self.message}" if where else self.message


@dataclass
class Outcome:
    problems: list[Problem]
    reorganization: Reorganization | None = None
    founded: list[Organization] = field(default_factory=list)
    units_moved: int = 0
    members_moved: int = 0
    dissolved: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verb = "Kiểm tra thử: nếu thực hiện sẽ" if self.dry_run else "Đã"
        return (
            f"{verb} thành lập {len(self.founded)} tổ chức, chuyển {self.units_moved} tổ chức trực thuộc và "
            f"{self.members_moved} đảng viên, kết thúc hoạt động {self.dissolved} tổ chức."
        )


class PlanRefused(ValidationError):
    """The plan broke a rule: nothing was written. `problems` name the rows and columns."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([str(p) for p in problems])


@dataclass(frozen=True)
class Item:
    """Something an ending unit holds that the plan must place: its `ref` is what an Assignment
    names it by (a unit's code, "#<id>" for a member)."""

    item: str
    ref: str
    name: str
    holder: Organization


# --- the checks on the tree -------------------------------------------------------------------


def units_in(scope_root):
    qs = Organization.objects.all()
    return qs.filter(path__startswith=scope_root.path) if scope_root else qs


def ending_units(plan, units, on, out) -> dict:
    ending = {}
    for code in plan.dissolve:
        code = clean(code).upper()
        org = units.filter(code=code).first()
        if org is None:
            out.append(
                Problem(f"Không tìm thấy tổ chức mã {code} trong phạm vi của bạn.", column="Mã", sheet=SHEET_ENDING)
            )
        elif not org.is_active_on(on) or org.founded_on >= on:
            out.append(
                Problem(f"{org.name} không hoạt động trước ngày {format_date(on)}.", column="Mã", sheet=SHEET_ENDING)
            )
        else:
            ending[code] = org
    if not ending and not out:
        out.append(Problem("Hãy ghi ít nhất một tổ chức kết thúc hoạt động.", column="Mã", sheet=SHEET_ENDING))
    return ending


def targets_of(plan, units, ending, on, out) -> dict:
    targets: dict = {}
    for new in plan.found:
        code = clean(new.code).upper()
        if not code or not clean(new.name):
            out.append(Problem("Hãy ghi mã và tên của tổ chức mới.", new.row, "Mã", SHEET_NEW))
            continue
        if code in targets or Organization.objects.filter(code=code).exists():
            out.append(Problem(f"Mã {code} đã được dùng; hãy chọn mã khác.", new.row, "Mã", SHEET_NEW))
            continue
        targets[code] = new
    for new in plan.found:
        code, parent_code = clean(new.code).upper(), clean(new.parent).upper()
        if targets.get(code) is not new:
            continue
        parent = targets.get(parent_code) or units.filter(code=parent_code).first()
        if parent is None:
            out.append(Problem(f"Không tìm thấy cấp trên mã {parent_code}.", new.row, "Mã cấp trên", SHEET_NEW))
        elif isinstance(parent, Organization) and (parent_code in ending or not parent.is_active_on(on)):
            msg = f"{parent.name} không hoạt động từ ngày {format_date(on)}."
            out.append(Problem(msg, new.row, "Mã cấp trên", SHEET_NEW))
        else:
            why = eras.refusal(new.level, parent.level, on)
            if why:
                out.append(Problem(why, new.row, "Cấp", SHEET_NEW))
    return targets


def check_target(a, key, units, ending, targets, on, out):
    def problem(message):
        # Without a row (a plan chosen on the page) the message names the item instead.
        text = message if a.row else f"{a.ref} → {a.target}: {message}"
        out.append(Problem(text, a.row, "Chuyển đến", SHEET_ASSIGN))

    code = clean(a.target).upper()
    target = targets.get(code) or units.filter(code=code).first()
    targets.setdefault(code, target)  # thousands of members go to a few cells: look each up once
    if target is None:
        problem(f"Không tìm thấy tổ chức nhận mã {code}.")
        return
    if isinstance(target, Organization) and (code in ending or not target.is_active_on(on)):
        problem(f"{target.name} không hoạt động từ ngày {format_date(on)}.")
        return
    if key[0] == MEMBER:
        if target.level not in MEMBER_LEVELS:
            problem(f"Đảng viên chỉ chuyển đến chi bộ; {code} không phải chi bộ.")
        return
    child = Organization.objects.get(pk=key[1])
    if isinstance(target, Organization) and target.path.startswith(child.path):
        problem(f"Không thể chuyển {child.name} vào dưới chính nó.")
        return
    why = eras.refusal(child.level, target.level, on)
    if why:
        problem(why)


def parents_first(found: list[NewUnit]) -> list[NewUnit]:
    codes = {clean(n.code).upper() for n in found}
    done, ordered, pending = set(), [], list(found)
    while pending:
        ready = [n for n in pending if clean(n.parent).upper() not in codes - done]
        if not ready:  # a cycle among the new units; the checks name it as an unknown parent
            ready = pending[:1]
        for n in ready:
            ordered.append(n)
            done.add(clean(n.code).upper())
            pending.remove(n)
    return ordered
