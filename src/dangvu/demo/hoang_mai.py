"""The plan of the Hoàng Mai district organization, 2004–2016: every unit with its code, place in
the tree, founding date and (for cells) how many members it holds at scale 1.0; and the
restructurings that happened on a date. Pure data: s10_tree founds the units from it, s20_members
fills them and carries out the restructurings when the timeline reaches them.

Codes are readable and stable: HM, HM-DK (ward Đại Kim), HM-DK-01 (its residential cell 1),
HM-DK-CQ (its office cell), HM-CA-DK (the police cell of ward Đại Kim under the district police),
HM-THCS-TM (the chi bộ of Tân Mai lower-secondary school), HM-DN-… (non-state enterprises).
Company names are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass
from functools import lru_cache

from dangvu.organizations.models import Kind, Level

D = dt.date
DISTRICT_FOUNDED = D(2004, 1, 1)
CITY_FOUNDED = D(1930, 3, 17)

# What kind of people a unit holds: drives ages, occupations and how many are admitted.
RESIDENT, OFFICE, SCHOOL, POLICE, ARMY, HEALTH, BUSINESS = (
    "resident", "office", "school", "police", "army", "health", "business",
)  # fmt: skip


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    level: str
    parent: str | None
    founded_on: dt.date = DISTRICT_FOUNDED
    decision: str = ""
    size: int = 0  # members at the start of the history (or at founding), at scale 1.0
    intake: float = 0.0  # relative share of the admissions
    profile: str = OFFICE

    @property
    def holds_members(self) -> bool:
        return self.level in (Level.GRASSROOTS_CELL, Level.CELL)


@dataclass(frozen=True)
class Merge:
    on: dt.date
    source: str
    target: str
    decision: str


@dataclass(frozen=True)
class Move:
    on: dt.date
    org: str
    new_parent: str
    decision: str


# (code, ward name, residential cells founded in 2004)
WARDS = [
    ("DK", "Đại Kim", 24),
    ("DC", "Định Công", 31),
    ("GB", "Giáp Bát", 18),
    ("HL", "Hoàng Liệt", 33),
    ("HVT", "Hoàng Văn Thụ", 22),
    ("LN", "Lĩnh Nam", 17),
    ("MD", "Mai Động", 26),
    ("TM", "Tân Mai", 21),
    ("TT", "Thanh Trì", 16),
    ("TL", "Thịnh Liệt", 25),
    ("TP", "Trần Phú", 15),
    ("TGM", "Tương Mai", 23),
    ("VH", "Vĩnh Hưng", 28),
    ("YS", "Yên Sở", 19),
]
WARD_NAMES = {code: name for code, name, _ in WARDS}

PARTY_BODIES = [  # cells of the Đảng bộ Khối cơ quan Dân – Chính – Đảng quận
    "Văn phòng Quận ủy", "Ban Tổ chức Quận ủy", "Ban Tuyên giáo Quận ủy", "Ủy ban Kiểm tra Quận ủy",
    "Ban Dân vận Quận ủy", "Trung tâm Bồi dưỡng chính trị quận", "Ủy ban Mặt trận Tổ quốc quận",
    "Quận đoàn", "Hội Liên hiệp Phụ nữ quận", "Hội Cựu chiến binh quận", "Liên đoàn Lao động quận",
]  # fmt: skip
GOVERNMENT_BODIES = [  # cells of the Đảng bộ Cơ quan Ủy ban nhân dân quận
    "Văn phòng HĐND và UBND quận", "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch",
    "Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị", "Phòng Kinh tế",
    "Phòng Lao động – Thương binh và Xã hội", "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế", "Phòng Tư pháp", "Thanh tra quận",
]  # fmt: skip
AGENCIES = [  # chi bộ cơ sở of agencies: (code, name, size)
    ("VKS", "Chi bộ Viện Kiểm sát nhân dân quận", 18),
    ("TAND", "Chi bộ Tòa án nhân dân quận", 20),
    ("THA", "Chi bộ Chi cục Thi hành án dân sự quận", 14),
    ("THUE", "Chi bộ Chi cục Thuế quận", 38),
    ("KBNN", "Chi bộ Kho bạc Nhà nước quận", 12),
    ("BHXH", "Chi bộ Bảo hiểm xã hội quận", 15),
    ("QLTT", "Chi bộ Đội Quản lý thị trường quận", 10),
]
POLICE_TEAMS = ["Đội Tham mưu – Tổng hợp", "Đội Cảnh sát điều tra", "Đội An ninh", "Đội Cảnh sát giao thông – trật tự"]
ARMY_CELLS = ["Cơ quan Tham mưu", "Cơ quan Chính trị", "Cơ quan Hậu cần – Kỹ thuật"]
HEALTH_CELLS = [
    "Khối Văn phòng",
    "Khối Y tế dự phòng",
    "Khối Trạm Y tế phường khu vực 1",
    "Khối Trạm Y tế phường khu vực 2",
]
PUBLIC_SERVICE = [  # chi bộ cơ sở of public service units: (code, name, size)
    ("QLDA", "Chi bộ Ban Quản lý dự án đầu tư xây dựng quận", 14),
    ("TTVH", "Chi bộ Trung tâm Văn hóa – Thông tin và Thể thao quận", 12),
    ("PTQD", "Chi bộ Trung tâm Phát triển quỹ đất quận", 9),
    ("GDTX", "Chi bộ Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên quận", 11),
    ("QLC", "Chi bộ Ban Quản lý chợ quận", 8),
]
SCHOOLS = ["TM", "DC", "DK", "GB", "LN", "MD", "TL", "VH", "YS", "TP"]  # THCS of these wards
STATE_ENTERPRISES = [  # (code, name, cells or size)
    ("DNNN-AP", "Đảng bộ Công ty TNHH MTV Môi trường và Công trình đô thị An Phú",
     ["Xí nghiệp số 1", "Xí nghiệp số 2", "Khối Văn phòng"]),
    ("DNNN-TA", "Chi bộ Công ty Cổ phần Xây dựng và Phát triển nhà Thịnh An", 22),
    ("DNNN-TL", "Chi bộ Công ty TNHH MTV Cơ khí Tân Long", 16),
    ("DNNN-BM", "Chi bộ Xí nghiệp Cấp nước Bình Minh", 19),
]  # fmt: skip
# Party organizations in non-state enterprises: (code, name, founded, decision)
NON_STATE_ENTERPRISES = [
    ("DN-PC", "Chi bộ Công ty Cổ phần Đầu tư Xây dựng Phú Cường", D(2008, 5, 14), "118-QĐ/QU"),
    ("DN-MP", "Chi bộ Công ty TNHH Thương mại Minh Phát", D(2011, 9, 20), "402-QĐ/QU"),
    ("DN-TA", "Chi bộ Công ty Cổ phần Dược phẩm Thiên Ân", D(2013, 4, 10), "215-QĐ/QU"),
    # The six founded in 2016 (the seed: "thành lập mới 6 tổ chức Đảng trong các DN ngoài khu vực Nhà nước").
    ("DN-PT", "Chi bộ Công ty Cổ phần Công nghệ Phúc Thịnh", D(2016, 2, 26), "96-QĐ/QU"),
    ("DN-AK", "Chi bộ Công ty TNHH Xây dựng An Khánh", D(2016, 4, 12), "187-QĐ/QU"),
    ("DN-HA", "Chi bộ Công ty Cổ phần Thực phẩm Hà An", D(2016, 6, 20), "312-QĐ/QU"),
    ("DN-TH", "Chi bộ Công ty TNHH Vận tải Tân Hòa", D(2016, 8, 25), "421-QĐ/QU"),
    ("DN-MK", "Chi bộ Công ty Cổ phần Thiết bị Y tế Minh Khang", D(2016, 10, 14), "503-QĐ/QU"),
    ("DN-DP", "Chi bộ Công ty TNHH In và Bao bì Đông Phương", D(2016, 12, 6), "598-QĐ/QU"),
]

RESTRUCTURINGS = [
    # Two residential cells of Định Công merged after the old collective housing area was rebuilt.
    Merge(D(2012, 7, 1), source="HM-DC-31", target="HM-DC-30", decision="86-QĐ/ĐU"),
    # A kindergarten's cell follows the new ward boundary, from Hoàng Liệt to Thịnh Liệt.
    Move(D(2013, 8, 15), org="HM-HL-MN2", new_parent="HM-TL", decision="312-QĐ/QU"),
    # The land-clearance board was merged into the land fund centre (an agency organization ends).
    Merge(D(2014, 9, 1), source="HM-GPMB", target="HM-PTQD", decision="455-QĐ/QU"),
]


def _g(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high)


@lru_cache(maxsize=1)
def plan() -> tuple[Unit, ...]:
    """Every unit ever founded in the demo, superiors before their sub-units. Deterministic."""
    rng = random.Random("2016:hoang-mai-plan")
    units: list[Unit] = [
        Unit("HN", "Đảng bộ Thành phố Hà Nội", Kind.OTHER, Level.PROVINCE, None, CITY_FOUNDED),
        Unit("HM", "Đảng bộ quận Hoàng Mai", Kind.OTHER, Level.DISTRICT, "HN", DISTRICT_FOUNDED, "01-QĐ/TU"),
    ]
    add = units.append
    for code, name, cells in WARDS:
        ward = f"HM-{code}"
        add(Unit(ward, f"Đảng bộ phường {name}", Kind.WARD, Level.GRASSROOTS_COMMITTEE, "HM"))
        for n in range(1, cells + 1):
            add(Unit(f"{ward}-{n:02d}", f"Chi bộ khu dân cư số {n}", Kind.WARD, Level.CELL, ward,
                     size=_g(rng, 28, 60), intake=1.0, profile=RESIDENT))  # fmt: skip
        add(Unit(f"{ward}-CQ", f"Chi bộ cơ quan phường {name}", Kind.WARD, Level.CELL, ward,
                 size=_g(rng, 18, 30), intake=1.5))  # fmt: skip
        add(Unit(f"{ward}-QS", f"Chi bộ Quân sự phường {name}", Kind.ARMED_FORCES, Level.CELL, ward,
                 size=_g(rng, 5, 10), intake=0.6, profile=ARMY))  # fmt: skip
        add(Unit(f"{ward}-MN", f"Chi bộ Trường Mầm non {name}", Kind.SCHOOL, Level.CELL, ward,
                 size=_g(rng, 7, 14), intake=1.0, profile=SCHOOL))  # fmt: skip
        add(Unit(f"{ward}-TH", f"Chi bộ Trường Tiểu học {name}", Kind.SCHOOL, Level.CELL, ward,
                 size=_g(rng, 10, 20), intake=1.2, profile=SCHOOL))  # fmt: skip
    add(Unit("HM-HL-MN2", "Chi bộ Trường Mầm non Sao Mai", Kind.SCHOOL, Level.CELL, "HM-HL",
             size=8, intake=0.8, profile=SCHOOL))  # fmt: skip

    add(Unit("HM-DCD", "Đảng bộ Khối cơ quan Dân – Chính – Đảng quận", Kind.AGENCY, Level.GRASSROOTS_COMMITTEE, "HM"))
    for n, body in enumerate(PARTY_BODIES, 1):
        add(
            Unit(
                f"HM-DCD-{n:02d}", f"Chi bộ {body}", Kind.AGENCY, Level.CELL, "HM-DCD", size=_g(rng, 8, 16), intake=1.0
            )
        )
    add(Unit("HM-UB", "Đảng bộ Cơ quan Ủy ban nhân dân quận", Kind.AGENCY, Level.GRASSROOTS_COMMITTEE, "HM"))
    for n, body in enumerate(GOVERNMENT_BODIES, 1):
        add(Unit(f"HM-UB-{n:02d}", f"Chi bộ {body}", Kind.AGENCY, Level.CELL, "HM-UB", size=_g(rng, 8, 18), intake=1.0))
    for code, name, size in AGENCIES:
        add(Unit(f"HM-{code}", name, Kind.AGENCY, Level.GRASSROOTS_CELL, "HM", size=size, intake=1.5))
    add(Unit("HM-GPMB", "Chi bộ Ban Bồi thường giải phóng mặt bằng quận", Kind.AGENCY, Level.GRASSROOTS_CELL, "HM",
             size=9, intake=0.8))  # fmt: skip

    add(Unit("HM-CA", "Đảng bộ Công an quận", Kind.ARMED_FORCES, Level.GRASSROOTS_COMMITTEE, "HM"))
    for n, team in enumerate(POLICE_TEAMS, 1):
        add(Unit(f"HM-CA-{n:02d}", f"Chi bộ {team}", Kind.ARMED_FORCES, Level.CELL, "HM-CA",
                 size=_g(rng, 20, 32), intake=2.0, profile=POLICE))  # fmt: skip
    for code, name, _ in WARDS:
        add(Unit(f"HM-CA-{code}", f"Chi bộ Công an phường {name}", Kind.ARMED_FORCES, Level.CELL, "HM-CA",
                 size=_g(rng, 9, 16), intake=1.5, profile=POLICE))  # fmt: skip
    add(Unit("HM-QS", "Đảng bộ Quân sự quận", Kind.ARMED_FORCES, Level.GRASSROOTS_COMMITTEE, "HM"))
    for n, cell in enumerate(ARMY_CELLS, 1):
        add(Unit(f"HM-QS-{n:02d}", f"Chi bộ {cell}", Kind.ARMED_FORCES, Level.CELL, "HM-QS",
                 size=_g(rng, 9, 15), intake=1.5, profile=ARMY))  # fmt: skip

    add(Unit("HM-TTYT", "Đảng bộ Trung tâm Y tế quận", Kind.PUBLIC_SERVICE, Level.GRASSROOTS_COMMITTEE, "HM"))
    for n, cell in enumerate(HEALTH_CELLS, 1):
        add(Unit(f"HM-TTYT-{n:02d}", f"Chi bộ {cell}", Kind.PUBLIC_SERVICE, Level.CELL, "HM-TTYT",
                 size=_g(rng, 10, 20), intake=1.5, profile=HEALTH))  # fmt: skip
    for code, name, size in PUBLIC_SERVICE:
        add(Unit(f"HM-{code}", name, Kind.PUBLIC_SERVICE, Level.GRASSROOTS_CELL, "HM", size=size, intake=1.2))
    for ward in SCHOOLS:
        add(Unit(f"HM-THCS-{ward}", f"Chi bộ Trường THCS {WARD_NAMES[ward]}", Kind.SCHOOL, Level.GRASSROOTS_CELL,
                 "HM", size=_g(rng, 14, 24), intake=2.5, profile=SCHOOL))  # fmt: skip

    for code, name, cells in STATE_ENTERPRISES:
        if isinstance(cells, list):
            add(Unit(f"HM-{code}", name, Kind.STATE_ENTERPRISE, Level.GRASSROOTS_COMMITTEE, "HM"))
            for n, cell in enumerate(cells, 1):
                add(Unit(f"HM-{code}-{n:02d}", f"Chi bộ {cell}", Kind.STATE_ENTERPRISE, Level.CELL, f"HM-{code}",
                         size=_g(rng, 14, 26), intake=1.2, profile=BUSINESS))  # fmt: skip
        else:
            add(Unit(f"HM-{code}", name, Kind.STATE_ENTERPRISE, Level.GRASSROOTS_CELL, "HM", size=cells, intake=1.2,
                     profile=BUSINESS))  # fmt: skip
    for code, name, founded, decision in NON_STATE_ENTERPRISES:
        add(Unit(f"HM-{code}", name, Kind.NON_STATE_ENTERPRISE, Level.GRASSROOTS_CELL, "HM", founded, decision,
                 size=_g(rng, 3, 7), intake=2.5, profile=BUSINESS))  # fmt: skip
    return tuple(units)


@lru_cache(maxsize=1)
def units_by_code() -> dict[str, Unit]:
    return {u.code: u for u in plan()}


@lru_cache(maxsize=1)
def ends_on() -> dict[str, dt.date]:
    """The day each unit ends (merged away), for units that end before 2017."""
    return {r.source: r.on for r in RESTRUCTURINGS if isinstance(r, Merge)}


def active_on(unit: Unit, day: dt.date) -> bool:
    end = ends_on().get(unit.code)
    return unit.founded_on <= day and (end is None or day < end)
