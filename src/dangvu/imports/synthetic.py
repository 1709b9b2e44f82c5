"""Synthetic member workbooks for tests and benchmarks: plausible Vietnamese names, valid and
unique citizen IDs and card numbers, dates that satisfy the registry's rules — deterministic
for a seed, so a benchmark measures the same file every time."""

import datetime as dt
import random

from dangvu.core.excel.writing import Book
from dangvu.core.names import draw_name

from .importers import IMPORTERS


def member_rows(n: int, *, cells: list[str], seed: int = 1, id_base: int = 1_000_000) -> list[list]:
    """[header, *n rows] in the columns of the "members" importer's template. `cells` are the
    codes of the cells to spread members over (each must have been founded by 2000)."""
    rng = random.Random(seed)
    headers = [c.header for c in IMPORTERS["members"].columns]
    out = [headers]
    for i in range(n):
        female = rng.random() < 0.4
        name = draw_name(rng, female)
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
        admitted = born + dt.timedelta(days=365 * 20 + rng.randrange(0, 365 * 15))
        admitted = min(admitted, dt.date(2015, 12, 31))
        recognized = admitted.replace(year=admitted.year + 1) if admitted.month != 2 or admitted.day != 29 else None
        values = {
            "full_name": name,
            "birth_date": born,
            "sex": "Nữ" if female else "Nam",
            "citizen_id": f"{id_base + i:012d}",
            "party_card_no": f"{id_base + i:09d}",
            "ethnicity": "Kinh",
            "religion": "Không",
            "admitted_on": admitted,
            "recognized_on": recognized,
            "org": cells[i % len(cells)],
        }
        out.append([values.get(c.field, "") for c in IMPORTERS["members"].columns])
    return out


def workbook(rows: list[list], title: str = "Đảng viên") -> bytes:
    book = Book()
    ws = book.sheet(title, [str(h) for h in rows[0]])
    for r, row in enumerate(rows[1:], start=1):
        for c, value in enumerate(row):
            book.cell(ws, r, c, value)
    return book.bytes()


def admission_rows(n: int, *, cells: list[str], year: int = 2016, seed: int = 2, id_base: int = 5_000_000):
    """[header, *n rows] in the columns of the "admissions" importer: people aged 20–45 admitted
    during `year` into `cells` (each founded before that year), each with its decision."""
    rng = random.Random(seed)
    columns = IMPORTERS["admissions"].columns
    out = [[c.header for c in columns]]
    for i in range(n):
        female = rng.random() < 0.4
        name = draw_name(rng, female)
        admitted = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(0, 350))
        born = admitted - dt.timedelta(days=365 * 20 + rng.randrange(0, 365 * 25))
        values = {
            "full_name": name, "birth_date": born, "sex": "Nữ" if female else "Nam",
            "citizen_id": f"{id_base + i:012d}", "party_card_no": f"{id_base + i:09d}", "ethnicity": "Kinh",
            "religion": "Không", "org": cells[i % len(cells)], "admitted_on": admitted,
            "decision_no": f"{i + 1}-QĐ/ĐU", "decision_date": admitted,
        }  # fmt: skip
        out.append([values.get(c.field, "") for c in columns])
    return out
