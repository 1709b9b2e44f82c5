"""Quy định 366-QĐ/TW (30/8/2025) of the Politburo on reviewing and evaluating the quality of
collectives and individuals in the political system, replacing Quy định 124-QĐ/TW: from 2025 on.

What was read (4/12/2026), and from where. The Party's own publication of the text was not
found in the sources searched; the articles below were read as quoted in full by Thư viện Pháp
luật (thuvienphapluat.vn) in its answers on the regulation, copies of which are kept in the public
repository github.com/tnt305/tai_lieu_noi_bo (src/etl/dataset/798cd4156f607f4a.md: Điều 11 for
collectives and individuals; 1902011048a58e9d.md: Điều 11 khoản 1 with its points 1.2–1.5;
1b533b099f4ea315.md, d7c78176ea74502d.md: Điều 11 for individuals; 36b730574106d715.md: Điều 5;
09b26476ba52931f.md: Điều 10; 365a3d743ffc1599.md, 078e971eeb8660ce.md: Phụ lục 4 and 5;
adaa6f4654f9df92.md: Điều 15):

- Điều 5, khoản 2, điểm 2.1: every member is reviewed except those exempted from party work and
  activity, those whose activity is suspended, and those admitted less than 6 months before.
- Điều 10: a common criteria framework whose groups are scored on 100 points (Phụ lục 1 for a
  collective; Phụ lục 4, a member without a leadership post: general criteria 30 points, results of
  tasks 70; Phụ lục 5, a member not working in the political system: the same 30 + 70).
- Điều 11, the four classes: excellent from 90 points (khoản 1), good 70 to under 90 (khoản 2),
  completed 50 to under 70 (khoản 3), not completed under 50 or in one of the cases of khoản 4;
  each with the task conditions encoded below, for a collective and for an individual without a
  leadership post (Dangvu's members). Khoản 1's points are numbered in the quoted text (1.2 the
  leaders, 1.3 an individual without a post, 1.4 the shortcomings remedied, 1.5 the quota), 1.1
  being the collective; the other clauses' points were not numbered there and are cited by clause.
- Điều 15, khoản 1: the quarters' evaluations are the basis of the year's.
- Hướng dẫn 43-HD/BTCTW (31/10/2025) of Ban Tổ chức Trung ương implements it and replaces
  Hướng dẫn 25-HD/BTCTW; only its mục 2.1 (forms 01, 2A–2C) and 7.4–7.7 were seen quoted.

Not read anywhere: the points of each group in Phụ lục 1 (the collective's framework); Hướng dẫn
43's other sections. Not checked by Dangvu (said on the rule): the shortcomings of the previous
review remedied (khoản 1, điểm 1.4), which Dangvu does not record; the conditions for members who
hold a leadership post (their units' results, votes of confidence); members admitted less than 6
months before (the clerk leaves the class blank with that reason).

Boundaries are exact: 89,5 points is under 90; "at least 30%", "at most 20%", "under 70%" and
"over 50%" are compared in integers (29 of 100 beyond fails, 30 passes; 21 of 100 late fails).
"""

from decimal import Decimal

from .base import (
    EXEMPT,
    SUSPENDED,
    MemberFacts,
    OrgFacts,
    Rule,
    Rulebook,
    TaskFacts,
    fmt_points,
    share_over,
    share_under,
)
from .since2018 import CLASSES, COMPLETED, EXCELLENT, GOOD, NOT_COMPLETED

SOURCE = "Quy định 366-QĐ/TW ngày 30/8/2025"
ART11 = f"{SOURCE}, Điều 11"
CLAUSE = {
    EXCELLENT: f"{ART11}, khoản 1",
    GOOD: f"{ART11}, khoản 2",
    COMPLETED: f"{ART11}, khoản 3",
    NOT_COMPLETED: f"{ART11}, khoản 4",
}
# Khoản 1's points: 1.1 the collective, 1.3 an individual without a leadership post.
EXCELLENT_POINT = {"org": f"{CLAUSE[EXCELLENT]}, điểm 1.1", "member": f"{CLAUSE[EXCELLENT]}, điểm 1.3"}
EXCEPTION = (
    "Trường hợp có lý do bất khả kháng, hoặc đã tự giác nhận lỗi, chủ động phát hiện và khắc phục xong hậu quả, "
    "cấp có thẩm quyền xem xét, quyết định; khi đó ghi rõ lý do."
)
MIN_POINTS = {EXCELLENT: 90, GOOD: 70, COMPLETED: 50}
_LABEL = {g.code: g.label for g in CLASSES}


def _rule(who: str, code: str, cls: str, text: str, source: str = "", note: str = "") -> Rule:
    return Rule(f"qd366.{who}.{cls}_{code}", text, source or CLAUSE[cls], True, note)


def _rules(who: str, subject: str) -> dict[tuple[str, str], Rule]:
    """The conditions of Điều 11 khoản 1–3 for a collective (`who` "org") or an individual ("member")."""
    rules = {
        (cls, "points"): _rule(who, "points", cls, f"Mức “{_LABEL[cls]}” cần tổng điểm từ {n} điểm trở lên.")
        for cls, n in MIN_POINTS.items()
    }
    excellent = EXCELLENT_POINT[who]
    rules[(EXCELLENT, "on_time")] = _rule(
        who, "on_time", EXCELLENT, f"{subject} hoàn thành xuất sắc nhiệm vụ khi hoàn thành 100% nhiệm vụ được giao, "
        "đúng hạn, bảo đảm chất lượng, hiệu quả.", excellent,
    )  # fmt: skip
    rules[(EXCELLENT, "beyond")] = _rule(
        who, "beyond", EXCELLENT, f"{subject} hoàn thành xuất sắc nhiệm vụ khi có ít nhất 30% số nhiệm vụ hoàn thành "
        "vượt mức yêu cầu.", excellent,
    )  # fmt: skip
    rules[(EXCELLENT, "remedied")] = _rule(
        who, "remedied", EXCELLENT, "Mức “Hoàn thành xuất sắc nhiệm vụ” cần đã khắc phục 100% các hạn chế, khuyết điểm "
        "được chỉ ra ở thời điểm kiểm điểm trước (nếu có).", f"{CLAUSE[EXCELLENT]}, điểm 1.4",
        "Hệ thống không ghi các hạn chế, khuyết điểm của kỳ trước; cấp có thẩm quyền xem xét khi quyết định.",
    )  # fmt: skip
    rules[(GOOD, "on_time")] = _rule(
        who, "on_time", GOOD, f"{subject} hoàn thành tốt nhiệm vụ khi hoàn thành 100% nhiệm vụ được giao, đúng thời "
        "hạn, bảo đảm chất lượng, hiệu quả.",
    )  # fmt: skip
    rules[(COMPLETED, "all_done")] = _rule(
        who, "all_done", COMPLETED, f"{subject} hoàn thành nhiệm vụ khi hoàn thành 100% các nhiệm vụ được giao."
    )
    rules[(COMPLETED, "late")] = _rule(
        who, "late", COMPLETED, f"{subject} hoàn thành nhiệm vụ khi số nhiệm vụ chưa bảo đảm tiến độ không vượt quá "
        "20%.",
    )  # fmt: skip
    return rules


ORG_RULES = _rules("org", "Tập thể")
ORG_RULES[(EXCELLENT, "no_discipline")] = _rule(
    "org", "no_discipline", EXCELLENT, "Tập thể hoàn thành xuất sắc nhiệm vụ khi không có đơn vị trực thuộc hoặc "
    "thành viên của tập thể lãnh đạo, quản lý bị kỷ luật.", EXCELLENT_POINT["org"],
)  # fmt: skip
MEMBER_RULES = _rules("member", "Đảng viên")

# Khoản 4, for the leadership collective: the text names "tập thể lãnh đạo, quản lý"; Dangvu reads
# it for the committee (cấp ủy, chi ủy) of the party organization evaluated.
_ORG_K4 = f"{CLAUSE[NOT_COMPLETED]} (đối với tập thể lãnh đạo, quản lý)"
ORG_DISUNITY = Rule(
    "qd366.org.disunity",
    "Tập thể bị cấp có thẩm quyền kết luận có sai phạm trong công tác cán bộ, mất đoàn kết nội bộ, bè phái, chạy "
    "chức, chạy quyền trong phạm vi phụ trách thì xếp loại không hoàn thành nhiệm vụ.",
    _ORG_K4,
)
ORG_LEADERS_DISCIPLINED = Rule(
    "qd366.org.leadership_disciplined",
    "Tập thể có thành viên của tập thể lãnh đạo, quản lý bị xử lý kỷ luật từ khiển trách trở lên do vi phạm liên "
    "quan đến chức trách, nhiệm vụ thì xếp loại không hoàn thành nhiệm vụ.",
    _ORG_K4,
    note="Trừ khi vi phạm xảy ra ở nơi công tác trước hoặc không liên quan đến chức trách của tập thể hiện tại. "
    + EXCEPTION,
)
ORG_TASKS_UNDER_70 = Rule(
    "qd366.org.tasks_under_70",
    "Tập thể hoàn thành dưới 70% số nhiệm vụ theo chương trình, kế hoạch thì xếp loại không hoàn thành nhiệm vụ.",
    _ORG_K4,
    note=EXCEPTION,
)
_MEMBER_K4 = f"{CLAUSE[NOT_COMPLETED]} (đối với cá nhân không giữ chức vụ lãnh đạo, quản lý)"
MEMBER_DISCIPLINED = Rule(
    "qd366.member.disciplined",
    "Đảng viên bị xử lý kỷ luật từ khiển trách trở lên (một vi phạm chỉ tính một lần) thì xếp loại không hoàn thành "
    "nhiệm vụ.",
    _MEMBER_K4,
    note=EXCEPTION,
)
MEMBER_TASKS_OVER_HALF = Rule(
    "qd366.member.tasks_not_done_over_half",
    "Đảng viên có trên 50% số nhiệm vụ bị đánh giá không hoàn thành thì xếp loại không hoàn thành nhiệm vụ.",
    _MEMBER_K4,
)
QUOTA = Rule(
    "qd366.member.excellent_quota",
    "Số đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số đảng viên xếp loại “Hoàn thành tốt "
    "nhiệm vụ” (trong mỗi tổ chức cơ sở đảng); nơi có thành tích xuất sắc, nổi trội, cấp có thẩm quyền có thể quyết "
    "định tới 25%.",
    f"{CLAUSE[EXCELLENT]}, điểm 1.5",
    note="Văn bản tính theo đối tượng có vị trí, chức năng, nhiệm vụ tương đồng do cấp có thẩm quyền xác định; hệ "
    "thống tính trong mỗi tổ chức cơ sở đảng. Tỷ lệ đến 25% là quyết định của cấp có thẩm quyền: ghi rõ lý do.",
)
NOT_RATED = Rule(
    "qd366.member.not_rated",
    "Không kiểm điểm, xếp loại đảng viên được miễn công tác và sinh hoạt đảng, đảng viên bị đình chỉ sinh hoạt đảng, "
    "đảng viên mới kết nạp chưa đủ 6 tháng.",
    f"{SOURCE}, Điều 5, khoản 2, điểm 2.1",
    note="Hệ thống kiểm tra hai trường hợp đầu; với đảng viên mới kết nạp chưa đủ 6 tháng, hãy để trống mức xếp loại "
    "và ghi lý do.",
)


def _percent(count: int, total: int) -> str:
    value = Decimal(count * 100) / total
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


# A better class needs the conditions of the lower ones too (good's 100% on time holds for excellent).
_NEEDS = {EXCELLENT: (EXCELLENT, GOOD), GOOD: (GOOD,), COMPLETED: (COMPLETED,)}


def _task_conditions(rules, cls: str, tasks: TaskFacts):
    """The task conditions of class `cls` that `tasks` break, each once."""
    if tasks.total == 0:
        return
    for level in _NEEDS[cls]:
        if level in (EXCELLENT, GOOD) and tasks.on_time < tasks.total:
            yield rules[(level, "on_time")].violation(
                f"Mới có {tasks.on_time}/{tasks.total} nhiệm vụ hoàn thành đúng hạn "
                f"({_percent(tasks.on_time, tasks.total)}); mức “{_LABEL[cls]}” cần 100% nhiệm vụ đúng tiến độ."
            )
            break  # the same shortfall, said once
    if cls == EXCELLENT and share_under(tasks.beyond, tasks.total, 30, 100):
        yield rules[(EXCELLENT, "beyond")].violation(
            f"Có {tasks.beyond}/{tasks.total} nhiệm vụ hoàn thành vượt yêu cầu "
            f"({_percent(tasks.beyond, tasks.total)}); mức “Hoàn thành xuất sắc nhiệm vụ” cần ít nhất 30%."
        )
    if cls == COMPLETED:
        if tasks.done < tasks.total:
            yield rules[(COMPLETED, "all_done")].violation(
                f"Còn {tasks.total - tasks.done}/{tasks.total} nhiệm vụ chưa hoàn thành; mức “Hoàn thành nhiệm vụ” cần "
                "hoàn thành 100% nhiệm vụ."
            )
        if share_over(tasks.not_on_time, tasks.total, 20, 100):
            yield rules[(COMPLETED, "late")].violation(
                f"Có {tasks.not_on_time}/{tasks.total} nhiệm vụ chưa bảo đảm tiến độ "
                f"({_percent(tasks.not_on_time, tasks.total)}); mức “Hoàn thành nhiệm vụ” cho phép không quá 20%."
            )


def _points(rules, cls: str, points, whose: str):
    minimum = MIN_POINTS.get(cls)
    if minimum is not None and points is not None and points < minimum:
        yield rules[(cls, "points")].violation(
            f"Mức “{_LABEL[cls]}” cần từ {minimum} điểm; {whose} đạt {fmt_points(points)} điểm."
        )


def _org_conditions(cls: str, facts: OrgFacts):
    if cls not in MIN_POINTS:
        return
    yield from _points(ORG_RULES, cls, facts.points, "tập thể")
    if facts.tasks is not None:
        yield from _task_conditions(ORG_RULES, cls, facts.tasks)
    if cls == EXCELLENT and (facts.subordinates_disciplined or facts.leadership_members_disciplined):
        yield ORG_RULES[(EXCELLENT, "no_discipline")].violation(
            f"Có {facts.subordinates_disciplined} đơn vị trực thuộc và {facts.leadership_members_disciplined} thành "
            "viên cấp ủy bị kỷ luật; tập thể không được xếp loại hoàn thành xuất sắc nhiệm vụ."
        )


def _org_not_completed(cls: str, facts: OrgFacts):
    """Khoản 4: the cases that make a collective "không hoàn thành nhiệm vụ" whatever its points."""
    if not cls or cls == NOT_COMPLETED:
        return
    if facts.disunity:
        yield ORG_DISUNITY.violation("Cấp ủy mất đoàn kết nội bộ nên xếp loại không hoàn thành nhiệm vụ.")
    if facts.leadership_disciplined or facts.leadership_members_disciplined:
        who = (
            f"{facts.leadership_members_disciplined} thành viên cấp ủy bị kỷ luật"
            if facts.leadership_members_disciplined
            else "Cấp ủy bị kỷ luật"
        )
        yield ORG_LEADERS_DISCIPLINED.violation(f"{who} trong kỳ nên xếp loại không hoàn thành nhiệm vụ.")
    tasks = facts.tasks
    if tasks is not None and tasks.total:
        if share_under(tasks.done, tasks.total, 70, 100):
            yield ORG_TASKS_UNDER_70.violation(
                f"Mới hoàn thành {tasks.done}/{tasks.total} nhiệm vụ ({_percent(tasks.done, tasks.total)}, dưới 70%) "
                "nên xếp loại không hoàn thành nhiệm vụ."
            )
    elif facts.targets_met_share is not None and facts.targets_met_share < Decimal("0.7"):
        yield ORG_TASKS_UNDER_70.violation(
            f"Chỉ hoàn thành {float(facts.targets_met_share) * 100:.0f}% chỉ tiêu, nhiệm vụ (dưới 70%) nên xếp loại "
            "không hoàn thành nhiệm vụ."
        )


def _member_conditions(cls: str, facts: MemberFacts):
    if cls not in MIN_POINTS:
        return
    yield from _points(MEMBER_RULES, cls, facts.points, "đảng viên")
    if facts.tasks is not None:
        yield from _task_conditions(MEMBER_RULES, cls, facts.tasks)


def _member_not_completed(cls: str, facts: MemberFacts):
    if not cls or cls == NOT_COMPLETED:
        return
    if facts.disciplined_in_year:
        yield MEMBER_DISCIPLINED.violation("Đảng viên bị kỷ luật trong kỳ nên xếp loại không hoàn thành nhiệm vụ.")
    tasks = facts.tasks
    if tasks is not None and share_over(tasks.total - tasks.done, tasks.total, 50, 100):
        yield MEMBER_TASKS_OVER_HALF.violation(
            f"Có {tasks.total - tasks.done}/{tasks.total} nhiệm vụ không hoàn thành (trên 50%) nên xếp loại không "
            "hoàn thành nhiệm vụ."
        )


def _not_rated(cls: str, facts: MemberFacts):
    if cls and facts.activity in (EXEMPT, SUSPENDED):
        what = "được miễn công tác và sinh hoạt đảng" if facts.activity == EXEMPT else "đang bị đình chỉ sinh hoạt đảng"
        yield NOT_RATED.violation(f"Đảng viên {what} thì không xếp loại; hãy để trống mức xếp loại và ghi lý do.")


def _quota(classes: list[str]):
    excellent = sum(1 for c in classes if c == EXCELLENT)
    good = sum(1 for c in classes if c == GOOD)
    # excellent <= 20% of good, in integers: 5 * excellent <= good.
    if excellent and excellent * 5 > good:
        yield QUOTA.violation(
            f"Có {excellent} đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ, vượt quá 20% của {good} đảng viên hoàn "
            f"thành tốt nhiệm vụ (tối đa {good // 5}); hãy giảm số đảng viên xếp loại xuất sắc, hoặc ghi lý do nếu cấp "
            f"có thẩm quyền quyết định tỷ lệ tới 25% (tối đa {good // 4})."
        )


RULEBOOK = Rulebook(
    code="qd366_2025",
    title="Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị",
    first_year=2025,
    last_year=None,
    org_classes=CLASSES,
    member_classes=CLASSES,
    rules=(
        *ORG_RULES.values(),
        ORG_DISUNITY,
        ORG_LEADERS_DISCIPLINED,
        ORG_TASKS_UNDER_70,
        *MEMBER_RULES.values(),
        MEMBER_DISCIPLINED,
        MEMBER_TASKS_OVER_HALF,
        QUOTA,
        NOT_RATED,
    ),  # fmt: skip
    org_checks=(_org_conditions, _org_not_completed),
    member_checks=(_not_rated, _member_conditions, _member_not_completed),
    member_set_checks=(_quota,),
    notes=(
        "Nội dung Điều 5, 10, 11, 15 đối chiếu theo toàn văn do Thư viện Pháp luật trích dẫn (chưa đối chiếu bản "
        "công bố chính thức); Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương chỉ mới đọc được "
        "mục 2.1 và 7.4–7.7.",
        "Đảng viên được xếp loại theo các điều kiện đối với cá nhân không giữ chức vụ lãnh đạo, quản lý; với đảng "
        "viên giữ chức vụ lãnh đạo, quản lý, cấp có thẩm quyền xem xét thêm kết quả của địa phương, đơn vị do đồng "
        "chí đó phụ trách (Điều 11, khoản 1, điểm 1.2 và các khoản 2–4).",
        "Điều kiện về nhiệm vụ chỉ được kiểm tra khi đã ghi nhận nhiệm vụ, kết quả của tập thể, cá nhân trong kỳ.",
    ),
)
