"""The criteria framework on 100 points (Quy định 366-QĐ/TW, Điều 10: "khung tiêu chí chung",
groups of criteria whose results are scored on 100 points).

For a member the two groups and their points are those of Phụ lục 4 (an individual without a
leadership post) and Phụ lục 5 (a member not working in the political system), read as quoted by
Thư viện Pháp luật (see reviews.rulebooks.qd366_2025): "Nhóm tiêu chí chung" 30 points and "Nhóm
tiêu chí về kết quả thực hiện nhiệm vụ" 70 points. For a collective, Phụ lục 1's groups were seen
without their points: the same 30 + 70 split is kept, marked unconfirmed. A committee may rename and
split the criteria of a group, for a year and a subject, as long as each group keeps its points (so
the total stays 100) and the task group stays measured by tasks — what tasks.services.framework_set
enforces.
"""

from dataclasses import dataclass
from decimal import Decimal

NOTES = {
    "org": "Nhóm tiêu chí của tập thể theo Phụ lục 1 Quy định 366-QĐ/TW; điểm tối đa của mỗi nhóm chưa đối chiếu "
    "được văn bản (tạm chia 30 điểm tiêu chí chung, 70 điểm kết quả nhiệm vụ); cấp ủy có thể chia tiêu chí trong mỗi "
    "nhóm.",
    "member": "Hai nhóm tiêu chí theo Phụ lục 4 và Phụ lục 5 Quy định 366-QĐ/TW: nhóm tiêu chí chung 30 điểm, nhóm "
    "tiêu chí về kết quả thực hiện nhiệm vụ 70 điểm; cấp ủy có thể chia tiêu chí trong mỗi nhóm.",
}


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
        Group("politics", "Nhóm tiêu chí chung: phẩm chất chính trị, đạo đức, lối sống, ý thức tổ chức kỷ luật; tự "
              "phê bình và phê bình, khắc phục hạn chế, khuyết điểm", Decimal(30), False),
        Group("results", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ", Decimal(70), True),
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
