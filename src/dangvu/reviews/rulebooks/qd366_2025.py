"""Quy định 366-QĐ/TW (30/8/2025) of the Politburo, replacing Quy định 124: from 2025 on. The same
four classes on a 100-point scale; excellent needs at least 90 points."""

from .base import Rulebook, not_rated
from .since2018 import (
    CLASSES,
    COMPLETED,
    EXCELLENT,
    GOOD,
    collective_not_completed,
    excellent_subordinates,
    member_disciplined,
    member_quota,
    point_bands,
)

SOURCE = "Quy định 366-QĐ/TW ngày 30/8/2025"
ORG_SECTION = f"{SOURCE}, phần xếp loại chất lượng tập thể"
MEMBER_SECTION = f"{SOURCE}, phần xếp loại chất lượng cá nhân, đảng viên"
CARRIED_OVER = (
    "Điều kiện kế thừa từ Quy định 124-QĐ/TW; chưa đối chiếu từng điều với Quy định 366-QĐ/TW và hướng dẫn thi hành."
)

POINTS, _points = point_bands(
    "qd366", ORG_SECTION, {EXCELLENT: 90, GOOD: 70, COMPLETED: 50}, certain_codes={EXCELLENT},
    note="Ngưỡng 70 và 50 điểm theo cách hiểu phổ biến của khung 100 điểm; chưa đối chiếu văn bản hướng dẫn.",
)  # fmt: skip
QUOTA, _quota = member_quota("qd366", MEMBER_SECTION)
DISCIPLINED, _disciplined = member_disciplined("qd366", MEMBER_SECTION)
SUBORDINATES, _subordinates = excellent_subordinates("qd366", ORG_SECTION)
COLLECTIVE, _collective = collective_not_completed("qd366", ORG_SECTION, certain=False, note=CARRIED_OVER)
NOT_RATED, _not_rated = not_rated("qd366.member.not_rated", MEMBER_SECTION)

RULEBOOK = Rulebook(
    code="qd366_2025",
    title="Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị",
    first_year=2025,
    last_year=None,
    org_classes=CLASSES,
    member_classes=CLASSES,
    rules=(*POINTS, *COLLECTIVE, SUBORDINATES, QUOTA, DISCIPLINED, NOT_RATED),
    org_checks=(_points, _collective, _subordinates),
    member_checks=(_not_rated, _disciplined),
    member_set_checks=(_quota,),
)
