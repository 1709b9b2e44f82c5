"""Hướng dẫn 27-HD/BTCTW (25/9/2014) of the Central Organization Commission: the annual review of
grassroots party organizations and members, used for the years 2014–2017.

Organizations: Trong sạch, vững mạnh (TSVM, "clean and strong", the top class, among which the
superior names some "tiêu biểu", exemplary) / Hoàn thành tốt nhiệm vụ / Hoàn thành nhiệm vụ /
Yếu kém. Members: four classes of "đủ tư cách" (fit) and "vi phạm tư cách" (unfit).
"""

from .base import (
    Grade,
    MemberFacts,
    OrgFacts,
    Rule,
    Rulebook,
    fmt_points,
    not_rated,
    ranked_better,
    share_over,
)

SOURCE = "Hướng dẫn 27-HD/BTCTW ngày 25/9/2014"
ORG_SECTION = f"{SOURCE}, phần đánh giá, phân loại tổ chức cơ sở đảng"
MEMBER_SECTION = f"{SOURCE}, phần đánh giá, phân loại đảng viên"

ORG_CLASSES = (
    Grade("tsvm", "Trong sạch, vững mạnh", 0, top=True, good_or_better=True),
    Grade("good", "Hoàn thành tốt nhiệm vụ", 1, good_or_better=True),
    Grade("completed", "Hoàn thành nhiệm vụ", 2),
    Grade("weak", "Yếu kém", 3, lowest=True),
)
MEMBER_CLASSES = (
    Grade("excellent", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", 0, top=True, good_or_better=True),
    Grade("good", "Đủ tư cách, hoàn thành tốt nhiệm vụ", 1, good_or_better=True),
    Grade("completed", "Đủ tư cách, hoàn thành nhiệm vụ nhưng còn hạn chế", 2),
    Grade("failed", "Vi phạm tư cách hoặc không hoàn thành nhiệm vụ", 3, lowest=True),
)

WEAK_POINTS = Rule("hd27.org.weak_points", "Tổ chức cơ sở đảng đạt dưới 50 điểm xếp loại yếu kém.", ORG_SECTION)
WEAK_DISUNITY = Rule(
    "hd27.org.weak_disunity", "Tổ chức cơ sở đảng có cấp ủy mất đoàn kết nội bộ xếp loại yếu kém.", ORG_SECTION
)
WEAK_CORRUPTION = Rule(
    "hd27.org.weak_corruption",
    "Tổ chức cơ sở đảng có đảng viên bị kỷ luật về tham nhũng, suy thoái xếp loại yếu kém.",
    ORG_SECTION,
)
WEAK_SUBORDINATES = Rule(
    "hd27.org.weak_subordinates",
    "Đảng bộ cơ sở có trên 1/3 số tổ chức đảng trực thuộc xếp loại yếu kém thì xếp loại yếu kém.",
    ORG_SECTION,
)
WEAK_MEMBERS = Rule(
    "hd27.org.weak_members",
    "Chi bộ có trên 1/2 số đảng viên xếp loại không hoàn thành nhiệm vụ thì xếp loại yếu kém.",
    ORG_SECTION,
)
POINT_BANDS = Rule(
    "hd27.org.point_bands",
    "Mức điểm tối thiểu: trong sạch, vững mạnh từ 90 điểm; hoàn thành tốt nhiệm vụ từ 70 điểm; hoàn thành nhiệm vụ "
    "từ 50 điểm (thang 100 điểm).",
    f"{ORG_SECTION}; thang điểm do cấp ủy tỉnh, thành phố hướng dẫn",
    certain=False,
    note="Hướng dẫn 27 để cấp ủy cấp tỉnh cụ thể hóa thang điểm; mức 90/70/50 theo cách làm phổ biến, chưa đối chiếu "
    "với hướng dẫn của Thành ủy Hà Nội.",
)
MEMBER_DISCIPLINED = Rule(
    "hd27.member.disciplined",
    "Đảng viên bị thi hành kỷ luật trong năm không được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
    MEMBER_SECTION,
    certain=False,
    note="Chưa đối chiếu nguyên văn Hướng dẫn 27; từ năm 2018 quy định là xếp loại không hoàn thành nhiệm vụ.",
)
NOT_RATED, _not_rated = not_rated("hd27.member.not_rated", MEMBER_SECTION)

_MIN_POINTS = {"tsvm": 90, "good": 70, "completed": 50}


def _weak_conditions(cls: str, facts: OrgFacts):
    if cls == "weak":
        return
    if facts.points is not None and facts.points < 50:
        yield WEAK_POINTS.violation(f"Tổ chức đạt {fmt_points(facts.points)} điểm (dưới 50) nên phải xếp loại yếu kém.")
    if facts.disunity:
        yield WEAK_DISUNITY.violation("Cấp ủy mất đoàn kết nội bộ nên tổ chức phải xếp loại yếu kém.")
    if facts.members_disciplined_corruption > 0:
        yield WEAK_CORRUPTION.violation(
            f"Có {facts.members_disciplined_corruption} đảng viên bị kỷ luật về tham nhũng, suy thoái nên tổ chức phải "
            "xếp loại yếu kém."
        )
    weak_units = sum(1 for c in facts.subordinate_classes if c == "weak")
    if facts.is_committee and share_over(weak_units, facts.subordinates_total, 1, 3):
        yield WEAK_SUBORDINATES.violation(
            f"{weak_units}/{facts.subordinates_total} tổ chức đảng trực thuộc yếu kém (trên 1/3) nên đảng bộ phải xếp "
            "loại yếu kém."
        )
    failing = sum(1 for c in facts.member_classes if c == "failed")
    if not facts.is_committee and share_over(failing, len(facts.member_classes), 1, 2):
        yield WEAK_MEMBERS.violation(
            f"{failing}/{len(facts.member_classes)} đảng viên không hoàn thành nhiệm vụ (trên 1/2) nên chi bộ phải xếp "
            "loại yếu kém."
        )


def _point_bands(cls: str, facts: OrgFacts):
    minimum = _MIN_POINTS.get(cls)
    if minimum is not None and facts.points is not None and 50 <= facts.points < minimum:
        label = next(g.label for g in ORG_CLASSES if g.code == cls)
        yield POINT_BANDS.violation(
            f"Mức “{label}” cần từ {minimum} điểm; tổ chức đạt {fmt_points(facts.points)} điểm."
        )


def _disciplined(cls: str, facts: MemberFacts):
    if cls and facts.disciplined_in_year and ranked_better(MEMBER_CLASSES, cls, "completed"):
        yield MEMBER_DISCIPLINED.violation(
            "Đảng viên bị kỷ luật trong năm không được xếp loại hoàn thành tốt nhiệm vụ trở lên."
        )


RULEBOOK = Rulebook(
    code="hd27_2014",
    title="Hướng dẫn 27-HD/BTCTW ngày 25/9/2014 của Ban Tổ chức Trung ương",
    first_year=2014,
    last_year=2017,
    org_classes=ORG_CLASSES,
    member_classes=MEMBER_CLASSES,
    rules=(
        WEAK_POINTS,
        WEAK_DISUNITY,
        WEAK_CORRUPTION,
        WEAK_SUBORDINATES,
        WEAK_MEMBERS,
        POINT_BANDS,
        MEMBER_DISCIPLINED,
        NOT_RATED,
    ),  # fmt: skip
    org_checks=(_weak_conditions, _point_bands),
    member_checks=(_not_rated, _disciplined),
    has_exemplary=True,
)
