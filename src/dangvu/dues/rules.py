"""Party dues (đảng phí) rules, as pure functions, with their sources; `RULES` says which were
checked against the text (`certain=True`) and which were not.

Quyết định 342-QĐ/TW (28/12/2010, in force from 01/4/2011) of the Politburo on the party dues
regime, in force in 2016 (guided by Công văn 141-CV/VPTW/nb, 17/3/2011). It was replaced in 2026
by Quy định 01-QĐ/TW (pension still 0,5%; students 5.000 đồng), not encoded here: the demo year
is 2016.
- Members in agencies, political and mass organizations, the armed forces: 1% of the monthly
  salary and the allowances subject to social insurance, or of the wage (tiền công); members in
  enterprises and public service units: 1% of salary, wage and other income from the unit's wage
  fund — QĐ 342, B.I.
- Members receiving a social-insurance pension or allowance: 0,5% of it — QĐ 342, B.I.
- Other members in the country (farmers, students, the self-employed …): a fixed amount from
  2.000 to 30.000 đồng a month, the amount set by the provincial committee; members beyond
  working age pay 50% of the working-age amount — QĐ 342, B.I. The Hà Nội amounts are not
  encoded (the cell records each member's amount within the range).
- Members may pay more than the rate, with the cell's agreement — QĐ 342.
- Shares kept by the collecting level (trích để lại), QĐ 342, B.II, in the country: a cell under
  a grassroots committee (chi bộ trực thuộc đảng bộ cơ sở) keeps 30% to 50% and passes 50% to 70%
  up; a grassroots organization of a commune, ward or town keeps 90% and passes 10% up; other
  grassroots organizations keep 70% and pass 30% up; each level above the grassroots keeps 50%.
  A cell's own share within 30–50% is its superior's decision: 30% by default, another one set
  with a DuesShare row.
- Not paying dues three months in a year without a good reason: the cell considers removal
  (xóa tên) — Điều lệ Đảng, Điều 8, khoản 2 (see meetings.selectors.removal_flags).
"""

from dangvu.organizations.models import GRASSROOTS_LEVELS, Kind, Level
from dangvu.reviews.rulebooks.base import Rule

SALARY_RATE_PER_10000 = 100  # 1%
PENSION_RATE_PER_10000 = 50  # 0.5%
FIXED_MIN = 2_000
FIXED_MAX = 30_000

DEFAULT_KEPT_PERCENT = {"cell": 30, "ward": 90, "other_grassroots": 70, "above_grassroots": 50}
CELL_KEPT_RANGE = (30, 50)
QD342 = "Quyết định 342-QĐ/TW (28/12/2010)"

RATES = Rule(
    "dues.rates",
    "Hưởng lương: 1% tiền lương, phụ cấp tính đóng BHXH, tiền công; hưởng lương hưu, trợ cấp BHXH: 0,5%; "
    "đảng viên khác trong nước: 2.000–30.000 đồng/tháng.",
    f"{QD342}, mục B.I; Công văn 141-CV/VPTW/nb (17/3/2011)",
)
FIXED_AMOUNT = Rule(
    "dues.fixed_amount_hanoi",
    "Mức cụ thể cho đảng viên khác do tỉnh ủy, thành ủy quy định trong khung 2.000–30.000 đồng; đảng viên ngoài "
    "độ tuổi lao động đóng 50% mức của đảng viên trong độ tuổi lao động.",
    f"{QD342}, mục B.I",
    certain=False,
    note="Mức của Thành ủy Hà Nội không được đưa vào; chi bộ ghi mức của từng đảng viên trong khung.",
)
SHARES = Rule(
    "dues.shares_kept",
    "Chi bộ trực thuộc đảng bộ cơ sở trích để lại 30–50%; tổ chức cơ sở đảng xã, phường, thị trấn 90%; tổ chức "
    "cơ sở đảng khác 70%; mỗi cấp trên cơ sở 50%; phần còn lại nộp lên cấp ủy cấp trên.",
    f"{QD342}, mục B.II",
)
RULES = (RATES, FIXED_AMOUNT, SHARES)


def amount_due(kind: str, base_amount: int | None, fixed_amount: int | None) -> int:
    """Monthly dues in whole đồng, rounded half up."""
    if kind == "salary":
        return (int(base_amount or 0) * SALARY_RATE_PER_10000 + 5_000) // 10_000
    if kind == "pension":
        return (int(base_amount or 0) * PENSION_RATE_PER_10000 + 5_000) // 10_000
    return int(fixed_amount or 0)


def default_kept_percent(level: str, kind: str) -> int:
    """The share (%) of collected dues the collecting unit keeps by default (SHARES)."""
    if level == Level.CELL:
        return DEFAULT_KEPT_PERCENT["cell"]
    if level not in GRASSROOTS_LEVELS:
        return DEFAULT_KEPT_PERCENT["above_grassroots"]
    if kind == Kind.WARD:
        return DEFAULT_KEPT_PERCENT["ward"]
    return DEFAULT_KEPT_PERCENT["other_grassroots"]


def kept_percent_problem(level: str, kept_percent: int) -> str | None:
    """A cell under a grassroots committee keeps between 30% and 50% (SHARES)."""
    low, high = CELL_KEPT_RANGE
    if level == Level.CELL and not low <= kept_percent <= high:
        return (
            f"Chi bộ trực thuộc đảng bộ cơ sở được trích để lại từ {low}% đến {high}% đảng phí thu được "
            f"({QD342}, mục B.II); hãy nhập tỷ lệ trong khoảng đó."
        )
    return None


def split(amount: int, kept_percent: int) -> tuple[int, int]:
    """(kept, passed up) of a collected amount, kept rounded down to the đồng."""
    kept = amount * kept_percent // 100
    return kept, amount - kept
