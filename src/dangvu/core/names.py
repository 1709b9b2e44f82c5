"""Common Vietnamese family, middle and given names, with roughly their frequency in the North (per
cent), for synthetic people: the demo, the benchmark data sets and the test workbooks draw from
these one set of tables. Nobody drawn from them is a real person; a name may coincide with one."""

import random
from itertools import accumulate

# Family names with roughly their frequency in the North (per cent).
FAMILY = {
    "Nguyễn": 36, "Trần": 10, "Lê": 9, "Phạm": 7, "Hoàng": 4, "Vũ": 5, "Phan": 2, "Đặng": 3, "Bùi": 3,
    "Đỗ": 3, "Ngô": 2, "Dương": 1.5, "Đinh": 1.5, "Đào": 1.5, "Trịnh": 1.2, "Lương": 1, "Mai": 1, "Tạ": 0.8,
    "Cao": 0.8, "Chu": 0.7, "Lý": 0.6, "Kiều": 0.5, "Lưu": 0.6, "Tô": 0.5, "Nghiêm": 0.4, "Quách": 0.3,
    "Khuất": 0.3, "Hà": 0.8, "Phùng": 0.6, "Đoàn": 0.8,
}  # fmt: skip
MIDDLE = {
    "M": {"Văn": 30, "Đức": 8, "Minh": 8, "Quang": 6, "Hữu": 5, "Công": 4, "Xuân": 4, "Đình": 5, "Ngọc": 3,
          "Thanh": 4, "Mạnh": 3, "Trọng": 3, "Tiến": 2, "Anh": 2, "Việt": 2, "Duy": 2, "Hồng": 2, "Thế": 2},
    "F": {"Thị": 45, "Thu": 6, "Thanh": 6, "Ngọc": 5, "Minh": 4, "Phương": 3, "Hồng": 4, "Kim": 3, "Bích": 2,
          "Thúy": 2, "Diệu": 1, "Hải": 2, "Lan": 1, "Mai": 1, "Thùy": 2},
}  # fmt: skip
GIVEN = {
    "M": ["An", "Anh", "Bình", "Cường", "Chiến", "Công", "Dũng", "Đức", "Giang", "Hải", "Hùng", "Hưng", "Huy",
          "Hiếu", "Hoàng", "Khánh", "Kiên", "Lâm", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Quang",
          "Sơn", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
          "Hà", "Lợi", "Nghĩa", "Tiến", "Thái", "Hòa", "Khải", "Lực", "Mạnh", "Tú", "Bảo", "Đạt", "Hậu"],
    "F": ["An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
          "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm",
          "Thảo", "Thủy", "Trang", "Vân", "Yến", "Thanh", "Hòa", "Lệ", "Lý", "Nhàn", "Thoa", "Tuyết", "Vy"],
}  # fmt: skip


def weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


class NameDraw:
    """A fast draw of "Family Middle Given" for large synthetic sets (cumulative weights computed
    once; one middle name)."""

    def __init__(self):
        self._tables = {
            key: (list(table), list(accumulate(table.values())))
            for key, table in (("family", FAMILY), ("M", MIDDLE["M"]), ("F", MIDDLE["F"]))
        }

    def _pick(self, rng: random.Random, key: str) -> str:
        names, cum = self._tables[key]
        return rng.choices(names, cum_weights=cum)[0]

    def __call__(self, rng: random.Random, female: bool) -> str:
        sex = "F" if female else "M"
        given = GIVEN[sex]
        return f"{self._pick(rng, 'family')} {self._pick(rng, sex)} {given[rng.randrange(len(given))]}"


draw_name = NameDraw()
