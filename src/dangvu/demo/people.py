"""Synthetic Vietnamese people for the demo: names from common family, middle and given names
combined at random, citizen IDs in the real 12-digit format, unique party card numbers.

Pure Python over a seeded generator, so the same seed gives the same people (tests check it).
Nobody here is a real person; a name may of course coincide with one.
"""

import datetime as dt
import random

from dangvu.core.names import FAMILY, GIVEN, MIDDLE, weighted

from .hoang_mai import ARMY, BUSINESS, HEALTH, OFFICE, POLICE, RESIDENT, SCHOOL, WARD_NAMES

# Ethnicity and the provinces its people mostly come from.
ETHNICITY = {"Kinh": 94.5, "Tày": 1.8, "Mường": 1.6, "Nùng": 1.0, "Thái": 1.1}
HOMETOWNS = {
    "Kinh": ["Hà Nội", "Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Hưng Yên", "Hải Dương", "Bắc Ninh",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Phú Thọ", "Vĩnh Phúc", "Hải Phòng", "Bắc Giang"],
    "Tày": ["Lạng Sơn", "Cao Bằng", "Tuyên Quang", "Bắc Kạn"],
    "Mường": ["Hòa Bình", "Phú Thọ", "Thanh Hóa"],
    "Nùng": ["Lạng Sơn", "Cao Bằng"],
    "Thái": ["Sơn La", "Nghệ An", "Thanh Hóa", "Điện Biên"],
}  # fmt: skip
RELIGION = {"Không": 94, "Công giáo": 3, "Phật giáo": 3}
THEORY = {"Sơ cấp": 55, "Trung cấp": 35, "Cao cấp": 8, "Cử nhân": 2}
QUALIFICATION = {
    RESIDENT: ["", "Trung cấp", "Cao đẳng", "Kỹ sư", "Cử nhân"],
    OFFICE: ["Cử nhân Luật", "Cử nhân Kinh tế", "Cử nhân Hành chính", "Thạc sĩ Quản lý công", "Kỹ sư Xây dựng",
             "Cử nhân Kế toán"],
    SCHOOL: ["Cử nhân Sư phạm", "Cao đẳng Sư phạm", "Thạc sĩ Giáo dục học"],
    POLICE: ["Cử nhân An ninh", "Cử nhân Cảnh sát", "Trung cấp Cảnh sát"],
    ARMY: ["Cử nhân Chỉ huy tham mưu", "Trung cấp Quân sự"],
    HEALTH: ["Bác sĩ đa khoa", "Cử nhân Điều dưỡng", "Dược sĩ", "Y sĩ"],
    BUSINESS: ["Kỹ sư Xây dựng", "Cử nhân Kinh tế", "Kỹ sư Cơ khí", "Cử nhân Kế toán", "Kỹ sư Công nghệ thông tin"],
}  # fmt: skip
OCCUPATION = {
    OFFICE: "Cán bộ, công chức", SCHOOL: "Giáo viên", POLICE: "Công an", ARMY: "Quân nhân",
    HEALTH: "Viên chức y tế", BUSINESS: "Người lao động trong doanh nghiệp",
}  # fmt: skip
RESIDENT_WORK = ["Lao động tự do", "Kinh doanh", "Công nhân", "Nhân viên văn phòng", "Cán bộ tổ dân phố"]


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


class People:
    """Makes identities; remembers the citizen IDs and card numbers it gave, so they stay unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._citizen_ids: set[str] = set()
        self._cards: set[str] = set()

    def name(self, sex: str) -> str:
        rng = self.rng
        middle = weighted(rng, MIDDLE[sex])
        if rng.random() < 0.18:  # "Nguyễn Thị Thu Hà": a second middle name
            second = weighted(rng, MIDDLE[sex])
            if second not in (middle, "Văn", "Thị"):
                middle = f"{middle} {second}"
        return f"{weighted(rng, FAMILY)} {middle} {rng.choice(GIVEN[sex])}"

    def citizen_id(self, birth_date: dt.date, sex: str) -> str:
        """001 (Hà Nội) + sex and century (0/1 born in the 1900s, 2/3 in the 2000s) + year + 6 digits."""
        century = 0 if birth_date.year < 2000 else 2
        head = f"001{century + (sex == 'F')}{birth_date.year % 100:02d}"
        while True:
            cid = f"{head}{self.rng.randint(0, 999_999):06d}"
            if cid not in self._citizen_ids:
                self._citizen_ids.add(cid)
                return cid

    def card_no(self) -> str:
        while True:
            card = str(self.rng.randint(10_000_000, 99_999_999))
            if card not in self._cards:
                self._cards.add(card)
                return card

    def identity(
        self,
        *,
        birth_date: dt.date,
        profile: str,
        ward: str = "",
        sex: str | None = None,
        full_name: str | None = None,
        card: bool = False,
        on: dt.date | None = None,
    ) -> dict:
        """Keyword arguments for members.services (member_admit / member_register)."""
        rng = self.rng
        sex = sex or ("F" if rng.random() < (0.55 if profile in (SCHOOL, HEALTH) else 0.45) else "M")
        ethnicity = weighted(rng, ETHNICITY)
        age = ((on or dt.date(2016, 12, 31)) - birth_date).days // 365
        if profile == RESIDENT:
            retired = age >= (60 if sex == "M" else 55)
            occupation = "Hưu trí" if retired else rng.choice(RESIDENT_WORK)
        else:
            occupation = OCCUPATION.get(profile, "Cán bộ, công chức")
        ward_name = WARD_NAMES.get(ward) or rng.choice(list(WARD_NAMES.values()))
        data = {
            "full_name": full_name or self.name(sex),
            "birth_date": birth_date,
            "sex": sex,
            "citizen_id": self.citizen_id(birth_date, sex),
            "ethnicity": ethnicity,
            "religion": weighted(rng, RELIGION),
            "education": "10/10" if birth_date.year < 1960 else "12/12",
            "qualification": rng.choice(QUALIFICATION.get(profile, QUALIFICATION[OFFICE])),
            "political_theory": weighted(rng, THEORY),
            "occupation": occupation,
            "hometown": rng.choice(HOMETOWNS[ethnicity]),
            "address": f"Tổ dân phố {rng.randint(1, 40)}, phường {ward_name}, quận Hoàng Mai, Hà Nội",
        }
        if rng.random() < 0.7:
            data["phone"] = f"09{rng.randint(0, 99_999_999):08d}"
        if card:
            data["party_card_no"] = self.card_no()
        return data
