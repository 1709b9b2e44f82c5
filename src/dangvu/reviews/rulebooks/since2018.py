"""The classes and rules shared by the rulebooks from 2018 on (Quy định 132-QĐ/TW, 124-QĐ/TW,
366-QĐ/TW): four classes for organizations and members alike, and rules built here once with
the source of the rulebook that applies them."""

from .base import Grade, MemberFacts, OrgFacts, Rule, fmt_points, share_over, share_under

EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED = "excellent", "good", "completed", "not_completed"

CLASSES = (
    Grade(EXCELLENT, "Hoàn thành xuất sắc nhiệm vụ", 0, top=True, good_or_better=True),
    Grade(GOOD, "Hoàn thành tốt nhiệm vụ", 1, good_or_better=True),
    Grade(COMPLETED, "Hoàn thành nhiệm vụ", 2),
    Grade(NOT_COMPLETED, "Không hoàn thành nhiệm vụ", 3, lowest=True),
)
_LABEL = {g.code: g.label for g in CLASSES}


def member_quota(prefix: str, source: str):
    """Within each grassroots organization, the members rated excellent are at most 20% of
    those rated good (domain.md; exactly 20% passes)."""
    rule = Rule(
        f"{prefix}.member.excellent_quota",
        "Trong mỗi tổ chức cơ sở đảng, số đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số đảng "
        "viên xếp loại hoàn thành tốt nhiệm vụ.",
        source,
    )

    def check(classes: list[str]):
        excellent = sum(1 for c in classes if c == EXCELLENT)
        good = sum(1 for c in classes if c == GOOD)
        # excellent <= 20% of good, in integers: 5 * excellent <= good.
        if excellent and excellent * 5 > good:
            allowed = good // 5
            yield rule.violation(
                f"Có {excellent} đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ, vượt quá 20% của {good} đảng viên "
                f"hoàn thành tốt nhiệm vụ (tối đa {allowed}); hãy giảm số đảng viên xếp loại xuất sắc."
            )

    return rule, check


def member_disciplined(prefix: str, source: str):
    """A member disciplined in the year is rated "không hoàn thành nhiệm vụ" (one violation counts once)."""
    rule = Rule(
        f"{prefix}.member.disciplined",
        "Đảng viên bị thi hành kỷ luật trong năm (một vi phạm chỉ tính một lần) xếp loại không hoàn thành nhiệm vụ.",
        source,
    )

    def check(cls: str, facts: MemberFacts):
        if cls and facts.disciplined_in_year and cls != NOT_COMPLETED:
            yield rule.violation("Đảng viên bị kỷ luật trong năm phải xếp loại không hoàn thành nhiệm vụ.")

    return rule, check


def excellent_subordinates(prefix: str, source: str):
    """An organization rated excellent needs all subordinate units at completed or better and
    at least 80% of them at good or better."""
    rule = Rule(
        f"{prefix}.org.excellent_subordinates",
        "Tổ chức đảng xếp loại hoàn thành xuất sắc nhiệm vụ khi 100% tổ chức trực thuộc hoàn thành nhiệm vụ trở lên, "
        "trong đó ít nhất 80% hoàn thành tốt nhiệm vụ trở lên.",
        source,
    )

    def check(cls: str, facts: OrgFacts):
        total = facts.subordinates_total
        if cls != EXCELLENT or total == 0:
            return
        classes = facts.subordinate_classes
        if len(classes) < total:
            yield rule.violation(
                f"Mới có {len(classes)}/{total} tổ chức trực thuộc được xếp loại; cần xếp loại đủ các tổ chức trực "
                "thuộc trước khi xếp loại hoàn thành xuất sắc nhiệm vụ."
            )
            return
        failing = sum(1 for c in classes if c == NOT_COMPLETED)
        if failing:
            yield rule.violation(f"Có {failing} tổ chức trực thuộc không hoàn thành nhiệm vụ.")
        good = sum(1 for c in classes if c in (EXCELLENT, GOOD))
        if share_under(good, total, 80, 100):
            yield rule.violation(
                f"Chỉ {good}/{total} tổ chức trực thuộc hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 80%)."
            )

    return rule, check


def collective_not_completed(prefix: str, source: str, certain: bool = True, note: str = ""):
    """A collective is "không hoàn thành nhiệm vụ" if under 50% of its targets are met, or its
    leadership was disciplined in the year, or more than 20% of its subordinate units were."""
    targets = Rule(
        f"{prefix}.org.targets_under_half",
        "Tập thể có dưới 50% chỉ tiêu, nhiệm vụ hoàn thành thì xếp loại không hoàn thành nhiệm vụ.",
        source, certain, note,
    )  # fmt: skip
    leadership = Rule(
        f"{prefix}.org.leadership_disciplined",
        "Tập thể (cấp ủy) bị thi hành kỷ luật trong năm thì xếp loại không hoàn thành nhiệm vụ.",
        source, certain, note,
    )  # fmt: skip
    units = Rule(
        f"{prefix}.org.units_disciplined",
        "Tập thể có trên 20% tổ chức trực thuộc bị thi hành kỷ luật trong năm thì xếp loại không hoàn thành nhiệm vụ.",
        source, certain, note,
    )  # fmt: skip

    def check(cls: str, facts: OrgFacts):
        if cls == NOT_COMPLETED:
            return
        share = facts.targets_met_share
        if share is not None and share < 0.5:
            yield targets.violation(
                f"Chỉ hoàn thành {float(share) * 100:.0f}% chỉ tiêu, nhiệm vụ (dưới 50%) nên phải xếp loại không hoàn "
                "thành nhiệm vụ."
            )
        if facts.leadership_disciplined:
            yield leadership.violation("Cấp ủy bị kỷ luật trong năm nên phải xếp loại không hoàn thành nhiệm vụ.")
        if share_over(facts.subordinates_disciplined, facts.subordinates_total, 20, 100):
            yield units.violation(
                f"{facts.subordinates_disciplined}/{facts.subordinates_total} tổ chức trực thuộc bị kỷ luật trong năm "
                "(trên 20%) nên phải xếp loại không hoàn thành nhiệm vụ."
            )

    return (targets, leadership, units), check


def point_bands(prefix: str, source: str, bands: dict[str, int], certain_codes: set[str], note: str):
    """Minimum points per class on a 100-point scale; one rule per class so that certainty is
    per threshold (QĐ 366: excellent needs at least 90 points)."""
    rules = {
        code: Rule(
            f"{prefix}.org.points_{code}",
            f"Mức “{_LABEL[code]}” cần từ {minimum} điểm trở lên (thang 100 điểm).",
            source,
            certain=code in certain_codes,
            note="" if code in certain_codes else note,
        )
        for code, minimum in bands.items()
    }

    def check(cls: str, facts: OrgFacts):
        minimum = bands.get(cls)
        if minimum is not None and facts.points is not None and facts.points < minimum:
            yield rules[cls].violation(
                f"Mức “{_LABEL[cls]}” cần từ {minimum} điểm; tổ chức đạt {fmt_points(facts.points)} điểm."
            )

    return tuple(rules.values()), check
