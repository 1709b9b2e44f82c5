"""Quy định 132-QĐ/TW (8/3/2018) of the Politburo, with Hướng dẫn 16-HD/BTCTW (2018) and
21-HD/BTCTW (2019) of the Central Organization Commission: the years 2018–2022. Four classes for
organizations and members alike."""

from .base import Rulebook, not_rated
from .since2018 import CLASSES, excellent_subordinates, member_disciplined, member_quota

SOURCE = "Quy định 132-QĐ/TW ngày 08/3/2018; Hướng dẫn 21-HD/BTCTW năm 2019"
ORG_SECTION = f"{SOURCE}, phần xếp loại chất lượng tổ chức đảng"
MEMBER_SECTION = f"{SOURCE}, phần xếp loại chất lượng đảng viên"

QUOTA, _quota = member_quota("qd132", MEMBER_SECTION)
DISCIPLINED, _disciplined = member_disciplined("qd132", MEMBER_SECTION)
SUBORDINATES, _subordinates = excellent_subordinates("qd132", ORG_SECTION)
NOT_RATED, _not_rated = not_rated("qd132.member.not_rated", MEMBER_SECTION)

RULEBOOK = Rulebook(
    code="qd132_2018",
    title="Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị; Hướng dẫn 16-HD/BTCTW, 21-HD/BTCTW",
    first_year=2018,
    last_year=2022,
    org_classes=CLASSES,
    member_classes=CLASSES,
    rules=(SUBORDINATES, QUOTA, DISCIPLINED, NOT_RATED),
    org_checks=(_subordinates,),
    member_checks=(_not_rated, _disciplined),
    member_set_checks=(_quota,),
    uses_points=False,
)
