"""Party dues (đảng phí) rules, as pure functions, with their sources; `RULES` says which were
checked against the text (`certain=True`) and which were not. Two regulations, chosen by the month
a payment is for (`rulebook_on`): the amount due is an obligation of that month, so dues for
01/2026 paid in 03/2026 are still computed under QĐ 342.

Quyết định 342-QĐ/TW (28/12/2010, in force from 01/4/2011) of the Politburo on the party dues
regime (guided by Công văn 141-CV/VPTW/nb, 17/3/2011), for months up to 01/2026:
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

Quy định 01-QĐ/TW (03/02/2026) of the Politburo on the party dues regime, replacing QĐ 342, applied
from 01/02/2026 (so from the month 02/2026), as published (Dân trí, Thanh Niên, VietNamNet
06–07/02/2026; Thư viện pháp luật on its articles):
- Members in compulsory social insurance: 1% of the salary on which compulsory social insurance
  was paid for the month before; on sick or maternity leave, 1% of the allowance — Điều 3.
- Members outside compulsory social insurance: with a pension, 0,5% of it; pupils and students
  5.000 đồng a month — Điều 3, khoản 2.
- The others outside compulsory social insurance: a share of the regional minimum monthly wage
  where they hold party activity — below retirement age 0,3% (2026–2027) then 0,5% (from 2028);
  from retirement age 0,2% then 0,3% — Điều 3, điểm 2.2 khoản 2. The cell records the regional
  minimum wage as the basis amount (Nghị định on minimum wages; not encoded here).
- Exemptions (50 years of party age and more, social pension, poor households …) and reductions
  of 30/50/70% for up to 12 months — Điều 5: not computed here; the cell records them.
- Shares kept by each level under QĐ 01: not found in the published summaries. The QĐ 342 shares
  stay the defaults after 02/2026, marked unconfirmed (`certain=False`), and a unit may record
  its own with a DuesShare row.
"""

import datetime as dt
from dataclasses import dataclass

from dangvu.core.dates import add_months
from dangvu.organizations.models import GRASSROOTS_LEVELS, Kind, Level
from dangvu.reviews.rulebooks.base import Rule

SALARY_RATE_PER_10000 = 100  # 1%
PENSION_RATE_PER_10000 = 50  # 0.5%
FIXED_MIN = 2_000
FIXED_MAX = 30_000
STUDENT_AMOUNT = 5_000  # QĐ 01, Điều 3, khoản 2
# QĐ 01, Điều 3, điểm 2.2 khoản 2: per 10.000 of the regional minimum wage, (from, working age, retirement age).
MIN_WAGE_RATES = ((dt.date(2026, 1, 1), 30, 20), (dt.date(2028, 1, 1), 50, 30))

DEFAULT_KEPT_PERCENT = {"cell": 30, "ward": 90, "other_grassroots": 70, "above_grassroots": 50}
CELL_KEPT_RANGE = (30, 50)
QD342 = "Quyết định 342-QĐ/TW (28/12/2010)"
QD01 = "Quy định 01-QĐ/TW (03/02/2026)"
QD01_FROM = dt.date(2026, 2, 1)

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
RATES_2026 = Rule(
    "dues.rates_2026",
    "Tham gia BHXH bắt buộc: 1% tiền lương làm căn cứ đóng BHXH bắt buộc của tháng trước liền kề (nghỉ ốm đau, "
    "thai sản: 1% mức trợ cấp); hưởng lương hưu: 0,5% lương hưu; học sinh, sinh viên: 5.000 đồng/tháng.",
    f"{QD01}, Điều 3",
    note="Áp dụng từ 01/02/2026 theo các bản tin đăng văn bản; số khoản, điểm của từng mức chưa đối chiếu bản gốc.",
)
MIN_WAGE_2026 = Rule(
    "dues.min_wage_2026",
    "Đảng viên không tham gia BHXH bắt buộc, không hưởng lương hưu: chưa đến tuổi nghỉ hưu 0,3% (2026–2027), "
    "0,5% (từ 2028) mức lương tối thiểu tháng theo vùng nơi sinh hoạt đảng; từ đủ tuổi nghỉ hưu 0,2% rồi 0,3%.",
    f"{QD01}, Điều 3, điểm 2.2 khoản 2",
    note="Mức lương tối thiểu vùng do chi bộ ghi làm căn cứ (theo nghị định của Chính phủ đang áp dụng).",
)
EXEMPTIONS_2026 = Rule(
    "dues.exemptions_2026",
    "Miễn đóng: từ đủ 50 năm tuổi đảng, hưởng trợ cấp hưu trí xã hội, hoàn cảnh đặc biệt khó khăn có đơn; "
    "miễn hoặc giảm 30%, 50%, 70% tối đa 12 tháng mỗi lần.",
    f"{QD01}, Điều 5",
    certain=False,
    note="Chưa tính tự động: chi bộ ghi mức tự nguyện hoặc không thu tháng được miễn.",
)
SHARES_2026 = Rule(
    "dues.shares_kept_2026",
    "Tỷ lệ trích để lại của các cấp theo Quy định 01-QĐ/TW chưa đối chiếu được; tạm dùng tỷ lệ của QĐ 342.",
    f"{QD01}; {QD342}, mục B.II",
    certain=False,
    note="Cấp ủy ghi tỷ lệ được giao bằng 'tỷ lệ trích giữ lại' của đơn vị khi khác mặc định.",
)


@dataclass(frozen=True)
class Rulebook:
    """The dues regulation in force for a range of months."""

    code: str
    title: str
    valid_from: dt.date  # the first month it applies to
    kinds: tuple[str, ...]  # the bases (models.BasisKind values) it knows
    rules: tuple[Rule, ...]


QD342_BOOK = Rulebook(
    "qd342", QD342, dt.date(2011, 4, 1), ("salary", "pension", "fixed"), (RATES, FIXED_AMOUNT, SHARES)
)
QD01_BOOK = Rulebook(
    "qd01_2026", QD01, QD01_FROM, ("salary", "pension", "student", "min_wage", "mw_retired"),
    (RATES_2026, MIN_WAGE_2026, EXEMPTIONS_2026, SHARES_2026),
)  # fmt: skip
RULEBOOKS = (QD342_BOOK, QD01_BOOK)  # oldest first
RULES = QD342_BOOK.rules + QD01_BOOK.rules


def rulebook_on(month: dt.date) -> Rulebook:
    """The regulation in force for the month (QĐ 342 also before 04/2011: nothing older is encoded)."""
    return QD01_BOOK if month >= QD01_FROM else QD342_BOOK


def kind_problem(kind: str, month: dt.date) -> str | None:
    """Why a basis of `kind` cannot compute the dues of `month`, or None."""
    book = rulebook_on(month)
    if kind in book.kinds:
        return None
    if book is QD01_BOOK:
        return (
            f"Từ tháng 02/2026 ({QD01}) không còn mức cố định 2.000–30.000 đồng: hãy ghi lại căn cứ — học sinh, "
            "sinh viên; hoặc theo lương tối thiểu vùng (chưa đến / đã đến tuổi nghỉ hưu)."
        )
    return f"Đối tượng này chỉ có từ tháng 02/2026 ({QD01}); tháng trước đó tính theo {QD342}."


def _per_10000(amount: int | None, rate: int) -> int:
    return (int(amount or 0) * rate + 5_000) // 10_000  # rounded half up


def amount_due(kind: str, base_amount: int | None, fixed_amount: int | None, month: dt.date) -> int | None:
    """Monthly dues in whole đồng (rounded half up) under the regulation in force for `month`;
    None when that regulation has no such basis (kind_problem says why)."""
    if kind_problem(kind, month):
        return None
    if kind == "salary":
        return _per_10000(base_amount, SALARY_RATE_PER_10000)
    if kind == "pension":
        return _per_10000(base_amount, PENSION_RATE_PER_10000)
    if kind == "student":
        return STUDENT_AMOUNT
    if kind in ("min_wage", "mw_retired"):
        _, working, retired = [r for r in MIN_WAGE_RATES if r[0] <= month][-1]
        return _per_10000(base_amount, working if kind == "min_wage" else retired)
    return int(fixed_amount or 0)


def default_kept_percent(level: str, kind: str) -> int:
    """The share (%) of collected dues the collecting unit keeps by default (SHARES; SHARES_2026
    keeps them, unconfirmed)."""
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


# --- months and the amount due ---------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return add_months(month_start(month), 1) - dt.timedelta(days=1)


def format_month(month: dt.date) -> str:
    return f"{month.month:02d}/{month.year}"


def due_of(basis, month: dt.date) -> int | None:
    """The amount a basis (a DuesBasis, or None) asks for `month` under the regulation in force that
    month (the voluntary amount when the cell agreed to one); None without a basis, or with one that
    regulation does not know (a fixed amount after 01/2026)."""
    if basis is None:
        return None
    due = amount_due(basis.kind, basis.base_amount, basis.fixed_amount, month_start(month))
    if due is None:
        return None
    return max(due, basis.voluntary_amount or 0)
