"""The admission rules, as pure functions over plain data, each citing its source.

- Course: the certificate of the party-awareness course (lớp bồi dưỡng nhận thức về Đảng) is
  valid 5 years (Hướng dẫn 01-HD/TW 20/9/2016, điểm 3.1; kept in Hướng dẫn 01-HD/TW 2021):
  an expired certificate on the day of the cell's vote is refused.
- Introducers: two full members (Điều lệ Đảng, Điều 4, khoản 1–2) who have worked, studied or
  lived with the candidate at least 12 months in the same unit under the grassroots organization
  (Quy định 29-QĐ/TW 25/7/2016, điểm 3.2; Quy định 24-QĐ/TW 2021, điểm 3.2.1). A probationary
  member, or one admitted less than a year before, may not introduce.
- The cell's vote: the cell proposes admission when at least two thirds of its full members agree
  (Hướng dẫn 01-HD/TW 2016, điểm 3.4; the superior committee then decides, Điều lệ Đảng Điều 4
  khoản 3). Recorded as a ratio below so that a different reading can be set in one place.
- Age: 18 to 60 years counted in months on the day the cell considers the admission
  (Quy định 24-QĐ/TW, điểm 1.1.1): members.rules.admission_age_problem.
"""

import datetime as dt
from fractions import Fraction

from dangvu.core.dates import add_years, format_date, whole_months_between

COURSE_VALID_YEARS = 5
INTRODUCER_MIN_MONTHS = 12
INTRODUCER_MIN_PARTY_MONTHS = 12
INTRODUCERS_REQUIRED = 2
VOTE_SHARE = Fraction(2, 3)
# A cell is expected to have at least three full members (Điều lệ Đảng, Điều 21).
MIN_CELL_FULL_MEMBERS = 3


def course_expires(issued_on: dt.date) -> dt.date:
    """The last day the certificate is valid."""
    return add_years(issued_on, COURSE_VALID_YEARS) - dt.timedelta(days=1)


def course_problem(issued_on: dt.date | None, on: dt.date) -> str | None:
    if issued_on is None:
        return "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng; hãy ghi bước này trước."
    if issued_on > on:
        return f"Giấy chứng nhận cấp ngày {format_date(issued_on)}, sau ngày {format_date(on)}."
    if on > course_expires(issued_on):
        return (
            f"Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng cấp ngày {format_date(issued_on)} đã hết hạn "
            f"ngày {format_date(course_expires(issued_on))} (có giá trị 5 năm); người vào Đảng phải học lại lớp "
            "trước khi chi bộ xét kết nạp."
        )
    return None


def worked_together_problem(since: dt.date, introduced_on: dt.date) -> str | None:
    if since > introduced_on:
        return "Ngày bắt đầu cùng công tác phải trước ngày giới thiệu."
    months = whole_months_between(since, introduced_on)
    if months < INTRODUCER_MIN_MONTHS:
        return (
            f"Đảng viên giới thiệu mới cùng công tác với người vào Đảng {months} tháng (từ {format_date(since)}); "
            "phải cùng công tác, lao động, học tập hoặc sinh hoạt nơi cư trú ít nhất 12 tháng "
            "(Quy định 29-QĐ/TW, điểm 3.2)."
        )
    return None


def introducer_problem(
    *, admitted_on: dt.date, standing: str | None, introduced_on: dt.date, name: str = "Đảng viên này"
) -> str | None:
    """`standing` is the member's standing on `introduced_on` ("full", "probationary", or None if
    not in the Party then)."""
    if standing is None:
        return f"{name} không có tên trong danh sách đảng viên vào ngày {format_date(introduced_on)}."
    if whole_months_between(admitted_on, introduced_on) < INTRODUCER_MIN_PARTY_MONTHS:
        return (
            f"{name} mới vào Đảng ngày {format_date(admitted_on)}, chưa đủ một năm; đảng viên giới thiệu phải là "
            "đảng viên chính thức (Điều lệ Đảng, Điều 4). Hãy chọn một đảng viên chính thức khác."
        )
    if standing != "full":
        return (
            f"{name} đang là đảng viên dự bị; đảng viên giới thiệu phải là đảng viên chính thức "
            "(Điều lệ Đảng, Điều 4). Hãy chọn một đảng viên chính thức khác."
        )
    return None


def vote_passes(votes_for: int, full_members: int) -> bool:
    return full_members > 0 and Fraction(votes_for, full_members) >= VOTE_SHARE
