"""The criteria framework on 100 points (Quy định 366-QĐ/TW: "khung tiêu chí chung", groups of
criteria whose results are scored on 100 points).

The groups and their points below are NOT taken from the regulation's text, which was not found
(see reviews.rulebooks.qd366_2025): they are the split reported as common practice, a group of
qualitative criteria (politics, ethics, discipline) and a group of results and products of the
tasks, weighted most as the regulation asks. A committee may rename and split the criteria of a
group, for a year and a subject, as long as each group keeps its points (so the total stays 100)
and the task group stays measured by tasks — what tasks.services.framework_set enforces.
"""

from dataclasses import dataclass
from decimal import Decimal

CERTAIN = False
NOTE = (
    "Nhóm tiêu chí và điểm tối đa của mỗi nhóm theo cách làm phổ biến, chưa đối chiếu văn bản gốc Quy định "
    "366-QĐ/TW và hướng dẫn thi hành; cấp ủy có thể chia tiêu chí trong mỗi nhóm."
)


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    max_points: Decimal
    from_tasks: bool


@dataclass(frozen=True)
class CriterionSpec:
    group: str
    code: str
    label: str
    max_points: Decimal
    from_tasks: bool


GROUPS = {
    "org": (
        Group("politics", "Công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức, cán bộ, kiểm tra, giám sát",
              Decimal(30), False),
        Group("results", "Kết quả thực hiện nhiệm vụ, chỉ tiêu và sản phẩm cụ thể được giao", Decimal(70), True),
    ),
    "member": (
        Group("politics", "Chính trị tư tưởng; đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc",
              Decimal(30), False),
        Group("results", "Kết quả thực hiện chức trách, nhiệm vụ và sản phẩm cụ thể được giao", Decimal(70), True),
    ),
}  # fmt: skip


def common(subject: str) -> list[CriterionSpec]:
    """The common framework: one criterion per group."""
    return [CriterionSpec(g.code, g.code, g.label, g.max_points, g.from_tasks) for g in GROUPS[subject]]


def check(subject: str, criteria: list[CriterionSpec]) -> list[str]:
    """What is wrong with a committee's `criteria` for `subject`, in Vietnamese (empty if right)."""
    groups = {g.code: g for g in GROUPS[subject]}
    errors = []
    codes = [c.code for c in criteria]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(f"Mã tiêu chí “{code}” bị trùng; mỗi tiêu chí một mã.")
    for c in criteria:
        if c.group not in groups:
            errors.append(f"Tiêu chí “{c.label}”: nhóm “{c.group}” không có trong khung tiêu chí chung.")
        elif c.from_tasks != groups[c.group].from_tasks:
            how = "chấm từ kết quả nhiệm vụ" if groups[c.group].from_tasks else "chấm theo đánh giá"
            errors.append(f"Tiêu chí “{c.label}” thuộc nhóm “{groups[c.group].label}” phải {how}.")
        if c.max_points <= 0:
            errors.append(f"Tiêu chí “{c.label}”: điểm tối đa phải lớn hơn 0.")
    for g in groups.values():
        total = sum((c.max_points for c in criteria if c.group == g.code), Decimal(0))
        if total != g.max_points:
            errors.append(
                f"Nhóm “{g.label}” có tổng {total:g} điểm; phải đúng {g.max_points:g} điểm như khung tiêu chí chung."
            )
    return errors
