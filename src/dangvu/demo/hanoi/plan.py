"""The plan of 1/7/2025 for quận Hoàng Mai: its 14 wards and the district's own grassroots
organizations into 7 new ward committees directly under the city committee (HN). Pure data and
small functions; reorganize.py turns it into an organizations.reorganization.Plan.

Source: "Chi tiết phương án sắp xếp đơn vị hành chính cơ sở trên địa bàn quận Hoàng Mai" (bnews.vn,
04/2025), from the city's plan of 19/4/2025. Read there for the new phường Hoàng Mai (PHM):
"phần lớn diện tích tự nhiên và dân số của các phường: Yên Sở, Thịnh Liệt; một phần … của các
phường: Giáp Bát, Hoàng Liệt, Tân Mai, Tương Mai, Hoàng Văn Thụ, Vĩnh Hưng, Lĩnh Nam, Trần Phú".
UNCONFIRMED: the composition of the six other new wards was not read in the sources searched; the
one below keeps each old ward's largest part in the new ward of its name or its neighbour, and
leaves out the parts of other districts (Thanh Xuân, Thanh Trì, Hai Bà Trưng) that the real wards
also took. The demo divides a ward by its cells — "phần lớn" is most of its residential cells
with its office, military and school cells, "một phần" a few residential cells — and one cell is
itself divided, member by member. All people are synthetic.
"""

import datetime as dt

ON = dt.date(2025, 7, 1)
DECISION = "1528-QĐ/TU"  # synthetic number of the city committee's decision
CITY = "HN"
DISTRICT = "HM"
MAJOR, PART = "phần lớn", "một phần"

# code -> name of the new ward committee (level commune, under HN).
NEW_WARDS = {
    "PHM": "Hoàng Mai",
    "PDC": "Định Công",
    "PHL": "Hoàng Liệt",
    "PTGM": "Tương Mai",
    "PVH": "Vĩnh Hưng",
    "PLN": "Lĩnh Nam",
    "PYS": "Yên Sở",
}
# Old ward (demo code suffix) -> [(new ward, share)], the largest part first.
COMPOSITION = {
    "YS": [("PHM", MAJOR), ("PYS", PART)],
    "TL": [("PHM", MAJOR), ("PDC", PART)],
    "GB": [("PTGM", MAJOR), ("PHM", PART)],
    "HL": [("PHL", MAJOR), ("PHM", PART), ("PDC", PART)],
    "TM": [("PTGM", MAJOR), ("PHM", PART)],
    "TGM": [("PTGM", MAJOR), ("PHM", PART)],
    "HVT": [("PVH", MAJOR), ("PHM", PART), ("PTGM", PART)],
    "VH": [("PVH", MAJOR), ("PHM", PART)],
    "LN": [("PLN", MAJOR), ("PHM", PART)],
    "TP": [("PYS", MAJOR), ("PHM", PART), ("PLN", PART)],
    "DC": [("PDC", MAJOR)],
    "DK": [("PDC", MAJOR), ("PHL", PART)],
    "MD": [("PVH", MAJOR), ("PTGM", PART)],
    "TT": [("PLN", MAJOR), ("PVH", PART)],
}
# The district's own grassroots organizations go whole to a new ward (the district ends): the
# agencies' committees and the armed forces to PHM, a school to the ward of its old ward's largest
# part, the others in turn.
TO_PHM = ("HM-DCD", "HM-UB", "HM-CA", "HM-QS", "HM-TTYT")
# One residential cell of Thịnh Liệt on the new boundary is divided member by member: its members
# go to the first residential cells the two receiving wards took from Thịnh Liệt.
DIVIDED_CELL = "HM-TL-25"
PART_SHARE = 0.15  # of an old ward's residential cells, for each new ward taking "một phần"


def is_residential(code: str) -> bool:
    return code.rsplit("-", 1)[-1].isdigit()


def divide_ward(ward: str, cells: list[str]) -> dict[str, str]:
    """{cell code: new ward code} for the active cells of old ward `ward` (demo suffix, e.g. "TL"):
    each "một phần" takes a few residential cells from the end of the list, the largest part the
    rest. Deterministic: the same cells always go the same way."""
    parts = COMPOSITION[ward]
    residential = sorted(c for c in cells if is_residential(c))
    taken: dict[str, str] = {}
    tail = list(residential)
    for new, _share in parts[1:]:
        n = max(1, round(len(residential) * PART_SHARE))
        for code in tail[-n:]:
            taken[code] = new
        tail = tail[:-n]
    major = parts[0][0]
    return {c: taken.get(c, major) for c in sorted(cells)}


def ward_of_grassroots(code: str, index: int) -> str:
    """Where one of the district's own grassroots organizations goes (`index`: its place in code order)."""
    if code in TO_PHM:
        return "PHM"
    if code.startswith("HM-THCS-"):
        return COMPOSITION[code.removeprefix("HM-THCS-")][0][0]
    wards = sorted(NEW_WARDS)
    return wards[index % len(wards)]


def predecessors(new: str) -> list[tuple[str, str]]:
    """[(old ward suffix, share)] of a new ward, largest parts first: what its report names."""
    found = [(old, share) for old, parts in COMPOSITION.items() for n, share in parts if n == new]
    return sorted(found, key=lambda x: (x[1] != MAJOR, x[0]))
