"""Party dues (đảng phí) rules, as pure functions, with their sources.

Quyết định 342-QĐ/TW (28/12/2010) of the Politburo on the party dues regime, in force in 2016
(Hướng dẫn: Công văn 141-CV/VPTW/nb, 17/3/2011):
- members paid a salary (agencies, armed forces, enterprises, public service units): 1% of the
  monthly salary and allowances subject to social insurance (tiền lương, các khoản phụ cấp tính
  đóng BHXH; tiền công) — QĐ 342, mục 1.1–1.3;
- members receiving a social-insurance pension or allowance: 0.5% of it — QĐ 342, mục 1.2;
- other members in the country (farmers, students, the self-employed …): a fixed amount from
  2.000 to 30.000 đồng a month set by the provincial committee — QĐ 342, mục 1.4. The Hà Nội
  amount is not encoded here (UNCERTAIN): the cell records each member's amount within that range;
- members are encouraged to pay more than the rate, with the cell's agreement — QĐ 342, mục 1.6.
- Share kept by the collecting level (trích giữ lại), QĐ 342, mục 3 (UNCERTAIN, check against
  the text; a unit may override it with a DuesShare row): a cell under a grassroots committee keeps
  30% and passes 70% up; a grassroots organization of a commune/ward keeps 90%, other grassroots
  organizations keep 50%, and pass the rest up.
- Not paying dues three months in a year without a good reason: the cell considers removal
  (xóa tên) — Điều lệ Đảng, Điều 8, khoản 2 (see meetings.selectors.removal_flags).
"""

from dangvu.organizations.models import Kind, Level

SALARY_RATE_PER_10000 = 100  # 1%
PENSION_RATE_PER_10000 = 50  # 0.5%
FIXED_MIN = 2_000
FIXED_MAX = 30_000

DEFAULT_KEPT_PERCENT = {"cell": 30, "ward": 90, "other_grassroots": 50}


def amount_due(kind: str, base_amount: int | None, fixed_amount: int | None) -> int:
    """Monthly dues in whole đồng, rounded half up."""
    if kind == "salary":
        return (int(base_amount or 0) * SALARY_RATE_PER_10000 + 5_000) // 10_000
    if kind == "pension":
        return (int(base_amount or 0) * PENSION_RATE_PER_10000 + 5_000) // 10_000
    return int(fixed_amount or 0)


def default_kept_percent(level: str, kind: str) -> int:
    """The share (%) of collected dues the collecting unit keeps by default (QĐ 342, mục 3)."""
    if level == Level.CELL:
        return DEFAULT_KEPT_PERCENT["cell"]
    if kind == Kind.WARD:
        return DEFAULT_KEPT_PERCENT["ward"]
    return DEFAULT_KEPT_PERCENT["other_grassroots"]


def split(amount: int, kept_percent: int) -> tuple[int, int]:
    """(kept, passed up) of a collected amount, kept rounded down to the đồng."""
    kept = amount * kept_percent // 100
    return kept, amount - kept
