"""Quy định 124-QĐ/TW (4/10/2023) of the Politburo, with Hướng dẫn 25-HD/BTCTW (2024): the
years 2023–2024. Adds the conditions under which a collective does not complete its tasks."""

from .base import Rulebook, not_rated
from .since2018 import (
    CLASSES,
    collective_not_completed,
    excellent_subordinates,
    member_disciplined,
    member_quota,
)

SOURCE = "Quy định 124-QĐ/TW ngày 04/10/2023; Hướng dẫn 25-HD/BTCTW năm 2024"
ORG_SECTION = f"{SOURCE}, phần xếp loại chất lượng tập thể"
MEMBER_SECTION = f"{SOURCE}, phần xếp loại chất lượng đảng viên"

QUOTA, _quota = member_quota("qd124", MEMBER_SECTION)
DISCIPLINED, _disciplined = member_disciplined("qd124", MEMBER_SECTION)
SUBORDINATES, _subordinates = excellent_subordinates("qd124", ORG_SECTION)
COLLECTIVE, _collective = collective_not_completed("qd124", ORG_SECTION)
NOT_RATED, _not_rated = not_rated("qd124.member.not_rated", MEMBER_SECTION)

RULEBOOK = Rulebook(
    code="qd124_2023",
    title="Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị; Hướng dẫn 25-HD/BTCTW",
    first_year=2023,
    last_year=2024,
    org_classes=CLASSES,
    member_classes=CLASSES,
    rules=(*COLLECTIVE, SUBORDINATES, QUOTA, DISCIPLINED, NOT_RATED),
    org_checks=(_collective, _subordinates),
    member_checks=(_not_rated, _disciplined),
    member_set_checks=(_quota,),
    uses_points=False,
)
