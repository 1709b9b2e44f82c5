"""The admission rules, as pure functions over plain data, each citing its source. `RULES` lists
them with `certain=True` where the text of the regulation was checked, `certain=False` and a note
where it was not (the committee may then decide otherwise and record why).

- Course: the certificate of the party-awareness course (lớp bồi dưỡng nhận thức về Đảng) is
  valid 5 years (Hướng dẫn 01-HD/TW 20/9/2016, điểm 3.1; kept in Hướng dẫn 01-HD/TW 28/9/2021):
  an expired certificate on the day of the cell's vote is refused.
- Introducers: two full members (Điều lệ Đảng 2011, Điều 4, khoản 1–2) who have worked, studied
  or lived with the candidate at least 12 months in the same unit under the grassroots
  organization (Quy định 29-QĐ/TW 25/7/2016, điểm 3.2; Quy định 24-QĐ/TW 30/7/2021, điểm
  3.2.1). A probationary member, or one admitted less than a year before, may not introduce.
- Introduction by a mass organization (Điều lệ Đảng 2011, Điều 4, khoản 1): where there is a
  Youth Union (Đoàn TNCS Hồ Chí Minh), a candidate of youth age must be a Youth Union member and
  is introduced by the Youth Union's grassroots executive committee and ONE full member; in
  agencies and enterprises without a Youth Union, a trade-union member is introduced by the
  trade union's grassroots executive committee and one full member. Quy định 24-QĐ/TW 2021,
  điểm 3.1 (Khoản 1): "Ban Chấp hành Đoàn TNCS Hồ Chí Minh cơ sở hoặc tập thể chi đoàn cơ sở;
  Ban Chấp hành công đoàn cơ sở xem xét, ra nghị quyết giới thiệu đoàn viên vào Đảng". Youth age
  is 16 to 30 (Luật Thanh niên 2005 and 2020, Điều 1; Điều lệ Đoàn: a member over 30 comes of
  age out of the Union). Whether the Youth Union route is OBLIGATORY for a young candidate depends
  on a Youth Union existing where they work, which the registry does not know: two members remain
  accepted.
- The cell's vote: "Chi bộ xét và đề nghị kết nạp từng người một, khi được ít nhất hai phần ba số
  đảng viên chính thức trong chi bộ tán thành thì đề nghị lên cấp uỷ cấp trên" (Điều lệ Đảng
  2011, Điều 4, khoản 3); the superior committee then decides.
- Age: 18 to 60 years counted in months on the day the cell considers the admission
  (Quy định 24-QĐ/TW, điểm 1.1.1): members.rules.admission_age_problem.
- A cell with fewer than three full members (Điều lệ Đảng, Điều 21, asks three to found one):
  no text found that says who votes then; the vote by the grassroots committee is kept as an
  UNCERTAIN local reading (see SMALL_CELL below).
"""

import datetime as dt
from fractions import Fraction

from dangvu.core.dates import add_years, format_date, whole_months_between
from dangvu.reviews.rulebooks.base import Rule

COURSE_VALID_YEARS = 5
INTRODUCER_MIN_MONTHS = 12
INTRODUCER_MIN_PARTY_MONTHS = 12
INTRODUCERS_REQUIRED = 2
VOTE_SHARE = Fraction(2, 3)
# A cell is expected to have at least three full members (Điều lệ Đảng, Điều 21).
MIN_CELL_FULL_MEMBERS = 3
YOUTH_MAX_AGE = 30
STATUTE_ART4 = "Điều lệ Đảng 2011, Điều 4"

COURSE = Rule(
    "candidates.course_valid_5_years",
    "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng có giá trị 5 năm.",
    "Hướng dẫn 01-HD/TW 2016, điểm 3.1; Hướng dẫn 01-HD/TW 2021",
    certain=False,
    note="Đối chiếu qua các hướng dẫn nghiệp vụ của cấp ủy, chưa đối chiếu nguyên văn Hướng dẫn 01-HD/TW.",
)
INTRODUCERS = Rule(
    "candidates.two_full_members",
    "Hai đảng viên chính thức giới thiệu, cùng công tác, học tập hoặc sinh hoạt nơi cư trú với người vào Đảng "
    "ít nhất 12 tháng; đảng viên dự bị không được giới thiệu.",
    f"{STATUTE_ART4}, khoản 1–2; Quy định 24-QĐ/TW 2021, điểm 3.2.1",
)
UNION = Rule(
    "candidates.union_and_one_member",
    "Ban Chấp hành Đoàn cơ sở (hoặc tập thể chi đoàn cơ sở) hoặc Ban Chấp hành Công đoàn cơ sở ra nghị quyết "
    "giới thiệu và một đảng viên chính thức giới thiệu thay cho hai đảng viên.",
    f"{STATUTE_ART4}, khoản 1; Quy định 24-QĐ/TW 2021, điểm 3.1",
)
YOUTH_AGE = Rule(
    "candidates.youth_age_30",
    "Tổ chức Đoàn giới thiệu người vào Đảng trong độ tuổi thanh niên (đến 30 tuổi).",
    f"{STATUTE_ART4}, khoản 1; Luật Thanh niên 2020, Điều 1 (thanh niên từ đủ 16 đến 30 tuổi)",
    certain=False,
    note="Người đã quá 30 tuổi (từ ngày sinh nhật thứ 31) được coi là ngoài độ tuổi thanh niên; cách tính này "
    "chưa được đối chiếu với văn bản hướng dẫn.",
)
VOTE = Rule(
    "candidates.cell_vote_two_thirds",
    "Chi bộ đề nghị kết nạp khi có ít nhất hai phần ba số đảng viên chính thức trong chi bộ tán thành.",
    f"{STATUTE_ART4}, khoản 3",
)
SMALL_CELL = Rule(
    "candidates.small_cell_committee_vote",
    "Chi bộ có dưới 3 đảng viên chính thức: đảng ủy cơ sở cấp trên trực tiếp biểu quyết thay, tính trên số "
    "đảng viên chính thức của đảng bộ.",
    "Điều lệ Đảng 2011, Điều 21 (chi bộ có từ 3 đảng viên chính thức)",
    certain=False,
    note="Không tìm thấy văn bản quy định ai biểu quyết khi chi bộ chưa đủ 3 đảng viên chính thức; "
    "cấp ủy có thể quyết định khác và ghi rõ lý do.",
)
AGE = Rule(
    "candidates.age_18_60",
    "Người vào Đảng đủ 18 đến đủ 60 tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp.",
    "Quy định 24-QĐ/TW 2021, điểm 1.1.1",
)
RULES = (COURSE, INTRODUCERS, UNION, YOUTH_AGE, VOTE, SMALL_CELL, AGE)


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


def introductions_problem(members: int, union: bool) -> str | None:
    """Whether the file has its introductions: two full members, or a mass organization's
    resolution and one full member (UNION)."""
    if members + (1 if union else 0) >= INTRODUCERS_REQUIRED and members >= 1:
        return None
    if union:
        return "Hồ sơ đã có nghị quyết giới thiệu của tổ chức đoàn thể nhưng chưa có đảng viên chính thức giới thiệu."
    return (
        "Hồ sơ chưa đủ người giới thiệu: cần hai đảng viên chính thức, hoặc nghị quyết giới thiệu của Đoàn "
        "(hay Công đoàn) cơ sở và một đảng viên chính thức."
    )


def youth_age_problem(birth_date: dt.date, on: dt.date) -> str | None:
    """A Youth Union introduces a candidate of youth age only (YOUTH_AGE)."""
    age = whole_months_between(birth_date, on) // 12
    if age > YOUTH_MAX_AGE:
        return (
            f"Người vào Đảng đã {age} tuổi vào ngày {format_date(on)}, ngoài độ tuổi thanh niên (đến 30 tuổi); "
            "tổ chức Đoàn không giới thiệu được. Hãy ghi hai đảng viên chính thức giới thiệu, hoặc Công đoàn cơ sở "
            "nếu người vào Đảng là đoàn viên công đoàn."
        )
    return None
