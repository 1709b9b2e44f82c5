"""Quy định 366-QĐ/TW (30/8/2025) of the Politburo on reviewing and evaluating the quality of
collectives and individuals in the political system, replacing Quy định 124-QĐ/TW: from 2025 on.

What was read (4/12/2026), and from where — the official text itself was not found in the
sources searched, nor any Hướng dẫn of Ban Tổ chức Trung ương implementing it:

- Thanh Niên, 20/9/2025 ("Bộ Chính trị ban hành tiêu chí đánh giá cán bộ, đảng viên theo thang
  điểm 100"), Dân trí and VnEconomy, 20/9/2025: 4 chapters, 19 articles; review by term, year,
  quarter or when needed; a common criteria framework (khung tiêu chí chung) whose groups are
  scored on 100 points; evaluation by results and concrete products tied to each post, by
  quantity, progress and quality; qualitative and quantitative criteria, the quantitative
  weighted most.
- Lao Động (laodong.vn 1578058 and 1579399, quoting Chương III, Điều 11 on the classes):
  * excellent: total ≥ 90 points, and for a collective 100% of assigned tasks done on time with
    quality and efficiency, at least 30% of them beyond requirement, and no directly subordinate
    unit (of an organization, agency, unit) nor member of the leadership collective disciplined;
    for an individual holding a leadership post, in addition the area or unit they lead
    completes 100% of its tasks, at least 30% beyond requirement; for a member without a post,
    100% of tasks on time with quality and efficiency (the article is cut there);
  * good: 70 to under 90 points and 100% of tasks on time with quality and efficiency (for the
    collective, the leader's units, and the member without a post alike);
  * completed: 50 to under 70 points and, for a collective, 100% of tasks done with at most 20%
    of them not on schedule (the individual's part is cut in the article).
- Not read anywhere: the "not completed" clause (encoded as "reaches no higher class"); the
  groups of the framework and their points; the quota of excellent members; whether a member
  disciplined in the year is rated not completed; the rules about subordinate units' classes
  and a collective's "not completed" conditions of QĐ 124. Those are carried over from QĐ 124
  and marked `certain=False`, so the deciding committee may decide otherwise with a reason.
- The clause numbers (khoản 1–4 of Điều 11) follow the order of the classes in the articles;
  the clause numbering itself was not seen (see the rulebook's notes).

Boundaries are exact: 89,5 points is under 90; "at least 30%" and "at most 20%" are compared in
integers (29 of 100 beyond fails, 30 passes; 21 of 100 late fails, 20 passes).
"""

from decimal import Decimal

from .base import MemberFacts, OrgFacts, Rule, Rulebook, TaskFacts, fmt_points, not_rated, share_over, share_under
from .since2018 import (
    CLASSES,
    COMPLETED,
    EXCELLENT,
    GOOD,
    collective_not_completed,
    excellent_subordinates,
    member_disciplined,
    member_quota,
)

SOURCE = "Quy định 366-QĐ/TW ngày 30/8/2025"
ART11 = f"{SOURCE}, Điều 11"
CLAUSE = {EXCELLENT: f"{ART11}, khoản 1", GOOD: f"{ART11}, khoản 2", COMPLETED: f"{ART11}, khoản 3"}
ORG_SECTION = f"{SOURCE}, Chương III (xếp loại chất lượng tập thể)"
MEMBER_SECTION = f"{SOURCE}, Chương III (xếp loại chất lượng cá nhân, đảng viên)"
CARRIED_OVER = (
    "Điều kiện kế thừa từ Quy định 124-QĐ/TW; không thấy trong các bài báo đưa tin về Quy định 366-QĐ/TW, "
    "chưa đối chiếu được văn bản gốc và hướng dẫn thi hành."
)
CUT = "Bài báo đưa tin về Điều 11 bị cắt ở phần cá nhân; áp dụng như đối với tập thể, chưa đối chiếu văn bản gốc."
MIN_POINTS = {EXCELLENT: 90, GOOD: 70, COMPLETED: 50}
_LABEL = {g.code: g.label for g in CLASSES}


def _rule(who: str, code: str, cls: str, text: str, certain: bool = True, note: str = "") -> Rule:
    return Rule(f"qd366.{who}.{cls}_{code}", text, CLAUSE[cls], certain, note)


def _rules(who: str, subject: str, individual: bool) -> dict[tuple[str, str], Rule]:
    """The conditions of Điều 11 for a collective (`who` "org") or an individual ("member")."""
    cut = {"certain": not individual, "note": CUT if individual else ""}
    rules = {
        (cls, "points"): _rule(who, "points", cls, f"Mức “{_LABEL[cls]}” cần tổng điểm từ {n} điểm trở lên.")
        for cls, n in MIN_POINTS.items()
    }
    rules[(EXCELLENT, "on_time")] = _rule(
        who, "on_time", EXCELLENT, f"{subject} hoàn thành xuất sắc nhiệm vụ khi 100% nhiệm vụ được giao hoàn thành "
        "đúng tiến độ, bảo đảm chất lượng, hiệu quả.",
    )  # fmt: skip
    rules[(EXCELLENT, "beyond")] = _rule(
        who, "beyond", EXCELLENT, f"{subject} hoàn thành xuất sắc nhiệm vụ khi ít nhất 30% nhiệm vụ hoàn thành vượt "
        "yêu cầu.", **cut,
    )  # fmt: skip
    rules[(GOOD, "on_time")] = _rule(
        who, "on_time", GOOD, f"{subject} hoàn thành tốt nhiệm vụ khi 100% nhiệm vụ được giao hoàn thành đúng tiến "
        "độ, bảo đảm chất lượng, hiệu quả.",
    )  # fmt: skip
    rules[(COMPLETED, "all_done")] = _rule(
        who, "all_done", COMPLETED, f"{subject} hoàn thành nhiệm vụ khi hoàn thành 100% nhiệm vụ được giao.", **cut
    )
    rules[(COMPLETED, "late")] = _rule(
        who, "late", COMPLETED, f"{subject} hoàn thành nhiệm vụ khi số nhiệm vụ chưa bảo đảm tiến độ không quá 20%.",
        **cut,
    )  # fmt: skip
    if not individual:
        rules[(EXCELLENT, "no_discipline")] = _rule(
            who, "no_discipline", EXCELLENT, "Tập thể hoàn thành xuất sắc nhiệm vụ khi không có đơn vị trực thuộc trực "
            "tiếp hoặc thành viên tập thể lãnh đạo, quản lý bị xử lý kỷ luật.",
        )  # fmt: skip
    return rules


ORG_RULES = _rules("org", "Tập thể", individual=False)
MEMBER_RULES = _rules("member", "Cá nhân, đảng viên", individual=True)
# A better class needs the conditions of the lower ones too (good's 100% on time holds for excellent).
_NEEDS = {EXCELLENT: (EXCELLENT, GOOD), GOOD: (GOOD,), COMPLETED: (COMPLETED,)}


def _percent(count: int, total: int) -> str:
    value = Decimal(count * 100) / total
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _task_conditions(rules, cls: str, tasks: TaskFacts):
    """The task conditions of class `cls` that `tasks` break, each once."""
    if tasks.total == 0:
        return
    for level in _NEEDS[cls]:
        if level in (EXCELLENT, GOOD) and tasks.on_time < tasks.total:
            yield rules[(level, "on_time")].violation(
                f"Mới có {tasks.on_time}/{tasks.total} nhiệm vụ hoàn thành đúng hạn "
                f"({_percent(tasks.on_time, tasks.total)}); "
                f"mức “{_LABEL[cls]}” cần 100% nhiệm vụ đúng tiến độ."
            )
            break  # the same shortfall, said once
    if cls == EXCELLENT and share_under(tasks.beyond, tasks.total, 30, 100):
        yield rules[(EXCELLENT, "beyond")].violation(
            f"Có {tasks.beyond}/{tasks.total} nhiệm vụ hoàn thành vượt yêu cầu "
            f"({_percent(tasks.beyond, tasks.total)}); "
            "mức “Hoàn thành xuất sắc nhiệm vụ” cần ít nhất 30%."
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
            f"Có {facts.subordinates_disciplined} đơn vị trực thuộc trực tiếp và "
            f"{facts.leadership_members_disciplined} thành viên cấp ủy bị kỷ luật; "
            "tập thể không được xếp loại hoàn thành xuất sắc nhiệm vụ."
        )


def _member_conditions(cls: str, facts: MemberFacts):
    if cls not in MIN_POINTS:
        return
    yield from _points(MEMBER_RULES, cls, facts.points, "đảng viên")
    if facts.tasks is not None:
        yield from _task_conditions(MEMBER_RULES, cls, facts.tasks)


QUOTA, _quota = member_quota("qd366", MEMBER_SECTION)
QUOTA = Rule(QUOTA.code, QUOTA.text, QUOTA.source, certain=False, note=CARRIED_OVER)
DISCIPLINED, _ = member_disciplined("qd366", MEMBER_SECTION)
DISCIPLINED = Rule(DISCIPLINED.code, DISCIPLINED.text, DISCIPLINED.source, certain=False, note=CARRIED_OVER)
SUBORDINATES, _ = excellent_subordinates("qd366", ORG_SECTION)
SUBORDINATES = Rule(SUBORDINATES.code, SUBORDINATES.text, SUBORDINATES.source, certain=False, note=CARRIED_OVER)
COLLECTIVE, _collective = collective_not_completed("qd366", ORG_SECTION, certain=False, note=CARRIED_OVER)
NOT_RATED, _not_rated = not_rated("qd366.member.not_rated", MEMBER_SECTION)
NOT_RATED = Rule(NOT_RATED.code, NOT_RATED.text, NOT_RATED.source, certain=False, note=CARRIED_OVER)


def _carried(rule: Rule, check):
    """A shared check whose violations carry this rulebook's uncertain copy of its rule."""

    def carried(*args):
        for v in check(*args):
            yield rule.violation(v.message)

    return carried


_quota = _carried(QUOTA, _quota)
_disciplined = _carried(DISCIPLINED, member_disciplined("qd366", MEMBER_SECTION)[1])
_not_rated = _carried(NOT_RATED, _not_rated)
_subordinates = _carried(SUBORDINATES, excellent_subordinates("qd366", ORG_SECTION)[1])

RULEBOOK = Rulebook(
    code="qd366_2025",
    title="Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị",
    first_year=2025,
    last_year=None,
    org_classes=CLASSES,
    member_classes=CLASSES,
    rules=(
        *ORG_RULES.values(),
        *MEMBER_RULES.values(),
        *COLLECTIVE,
        SUBORDINATES,
        QUOTA,
        DISCIPLINED,
        NOT_RATED,
    ),  # fmt: skip
    org_checks=(_org_conditions, _collective, _subordinates),
    member_checks=(_not_rated, _disciplined, _member_conditions),
    member_set_checks=(_quota,),
    notes=(
        "Nội dung Điều 11 đối chiếu qua các bài báo đưa tin (Lao Động, Thanh Niên, Dân trí, 20/9/2025), chưa có văn "
        "bản gốc và hướng dẫn thi hành của Ban Tổ chức Trung ương; số khoản ghi theo thứ tự các mức trong bài báo.",
        "Điều kiện về nhiệm vụ chỉ được kiểm tra khi đã ghi nhận nhiệm vụ, kết quả của tập thể, cá nhân trong kỳ.",
    ),
)
