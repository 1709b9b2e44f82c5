"""The checks of each step of the admission procedure, kept apart from the writes: each builder
returns a list of callables, each raising its ValidationError on the field it names. The services
(candidates.services) run them in turn, so they refuse on their own (the API, the imports); the
forms run them all at once through web.forms.check_all, so a clerk sees every error of a step on
the first submit. A check whose fields are missing or did not parse waits for the one that names
them; the file's own state (closed, already voted) stays with the service."""

import datetime as dt

from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members import rules as member_rules
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import Level, Organization
from dangvu.organizations.selectors import covering, subtree_ids_on

from . import rules
from .models import YOUTH_BODIES, Candidate, StepKind, UnionBody, UnionIntroduction


def past(field: str, value, label: str, org: Organization | None = None):
    """A step's day: a real day, not in the future, and — given the file's cell — not in a year the
    committee above has closed (the files open at its end are in that year's issued report)."""
    if not isinstance(value, dt.date):
        fail(field, f"Hãy nhập {label.lower()} theo dạng ngày/tháng/năm, ví dụ 31/12/2016.")
    if value > dt.date.today():
        fail(field, f"{label} {format_date(value)} ở tương lai; hãy nhập ngày đã diễn ra.")
    if org is not None:
        require_open(org=org, day=value, field=field)


def _day(value) -> dt.date | None:
    """The day a later check may use: a date not in the future (past() names the others)."""
    return value if isinstance(value, dt.date) and value <= dt.date.today() else None


def standing_on(member: Member, day: dt.date) -> str | None:
    return MemberPeriod.objects.filter(covering(day), member=member).values_list("standing", flat=True).first()


def full_members_on(org: Organization, day: dt.date, subtree: bool = False) -> int:
    """Full members of the cell (or of a committee's subtree) at the end of `day`, from the registry."""
    periods = MemberPeriod.objects.filter(covering(day), standing="full")
    if subtree:
        return periods.filter(org_id__in=subtree_ids_on(org, day)).count()
    return periods.filter(org=org).count()


def step_checks(candidate: Candidate, *, kind: str, date, reference="") -> list:
    """The course certificate, the application or the background check: its day, not before the
    file was opened (the course may be older), and the certificate's number."""

    def after_opening():
        day = _day(date)
        if kind != StepKind.COURSE and day and day < candidate.opened_on:
            fail("date", f"Ngày phải từ ngày đưa vào danh sách ({format_date(candidate.opened_on)}) trở đi.")

    def certificate():
        if kind == StepKind.COURSE and not clean(reference or ""):
            fail("reference", "Hãy nhập số giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.")

    return [lambda: past("date", date, "Ngày", candidate.org), after_opening, certificate]


def introducer_checks(candidate: Candidate, *, member: Member | None, worked_together_since, introduced_on) -> list:
    """One introducer: a member chosen, both days past, not twice nor one too many, a full member
    admitted a year before (rules.introducer_problem), 12 months worked together."""
    introduced, since = _day(introduced_on), _day(worked_together_since)

    def chosen():
        if member is None:
            fail("member", "Hãy chọn đảng viên giới thiệu (số thẻ đảng viên hoặc số CCCD).")

    def fits():
        if member is None:
            return
        existing = list(candidate.introducers.all())
        if any(i.member_id == member.pk for i in existing):
            fail("member", f"Đồng chí {member.full_name} đã là người giới thiệu của hồ sơ này.")
        union = UnionIntroduction.objects.filter(candidate=candidate).first()
        if union is not None and existing:
            fail(
                "member",
                f"Hồ sơ đã có nghị quyết giới thiệu của {union.get_body_display()} và một đảng viên giới thiệu; "
                "không cần thêm người giới thiệu.",
            )
        if len(existing) >= rules.INTRODUCERS_REQUIRED:
            fail("member", "Hồ sơ đã có đủ hai đảng viên giới thiệu.")
        if introduced is None:
            return
        problem = rules.introducer_problem(
            admitted_on=member.admitted_on, standing=standing_on(member, introduced), introduced_on=introduced,
            name=f"Đồng chí {member.full_name}",
        )  # fmt: skip
        if problem:
            fail("member", problem)

    def worked_long_enough():
        problem = since and introduced and rules.worked_together_problem(since, introduced)
        if problem:
            fail("worked_together_since", problem)

    return [
        chosen,
        lambda: past("introduced_on", introduced_on, "Ngày giới thiệu", candidate.org),
        lambda: past("worked_together_since", worked_together_since, "Ngày bắt đầu cùng công tác"),
        fits,
        worked_long_enough,
    ]


def union_checks(candidate: Candidate, *, body: str, name="", resolution_no="", resolution_date=None) -> list:
    """The Youth Union's or trade union's resolution: the body, its name and number, a past day,
    the only organization on a file without two members, a Youth Union only for youth age."""

    def body_chosen():
        if body not in UnionBody.values:
            fail("body", "Hãy chọn tổ chức giới thiệu: Ban Chấp hành Đoàn cơ sở, chi đoàn cơ sở hoặc Công đoàn cơ sở.")

    def named():
        if not clean(name or ""):
            fail(
                "name",
                "Hãy ghi tên tổ chức Đoàn hoặc Công đoàn giới thiệu, ví dụ Đoàn TNCS Hồ Chí Minh phường Tân Mai.",
            )

    def numbered():
        if not clean(resolution_no or ""):
            fail("resolution_no", "Hãy ghi số nghị quyết giới thiệu đoàn viên vào Đảng (Mẫu 4-KNĐ).")

    def the_only_one():
        existing = UnionIntroduction.objects.filter(candidate=candidate).first()
        if existing:
            fail("body", f"Hồ sơ đã có nghị quyết giới thiệu của {existing.get_body_display()} ({existing.name}).")
        if candidate.introducers.count() >= rules.INTRODUCERS_REQUIRED:
            fail("body", "Hồ sơ đã có hai đảng viên chính thức giới thiệu; không cần nghị quyết của tổ chức đoàn thể.")
        day = _day(resolution_date)
        problem = body in YOUTH_BODIES and day and rules.youth_age_problem(candidate.birth_date, day)
        if problem:
            fail("body", problem)

    return [
        body_chosen, named, numbered,
        lambda: past("resolution_date", resolution_date, "Ngày nghị quyết", candidate.org),
        the_only_one,
    ]  # fmt: skip


def vote_checks(
    candidate: Candidate, *, date, votes_for, votes_against, voting_org: Organization | None = None,
    read: dict | None = None,
) -> list:  # fmt: skip
    """The cell's vote: its day (the file complete and dated before it, the candidate's age), the
    committee voting for a small cell, the counts within the full members of the registry. The
    full members counted are kept in `read` ("full")."""
    day = _day(date)
    read = {} if read is None else read
    by_committee = voting_org is not None and voting_org != candidate.org

    def complete_on_the_day():
        past("date", date, "Ngày chi bộ biểu quyết", candidate.org)
        if candidate.steps.filter(kind=StepKind.VOTE).exists():
            fail("date", "Chi bộ đã biểu quyết hồ sơ này.")
        steps = {s.kind: s for s in candidate.steps.all()}
        course = steps.get(StepKind.COURSE)
        problem = rules.course_problem(course.date if course else None, date)
        if problem:
            fail("date", problem)
        for kind, label in (
            (StepKind.APPLICATION, "đơn xin vào Đảng"), (StepKind.BACKGROUND, "kết quả thẩm tra lý lịch"),
        ):  # fmt: skip
            if kind not in steps:
                fail("date", f"Hồ sơ chưa có {label}; hãy ghi bước này trước khi chi bộ biểu quyết.")
            if steps[kind].date > date:
                fail("date", f"Ngày biểu quyết phải sau ngày của bước {StepKind(kind).label.lower()}.")
        introducers = list(candidate.introducers.all())
        union = UnionIntroduction.objects.filter(candidate=candidate).first()
        problem = rules.introductions_problem(len(introducers), union is not None)
        if problem:
            fail("date", problem)
        if any(i.introduced_on > date for i in introducers) or (union and union.resolution_date > date):
            fail("date", "Ngày biểu quyết phải sau ngày giới thiệu của những người, tổ chức giới thiệu.")
        problem = member_rules.admission_age_problem(candidate.birth_date, date)
        if problem:
            fail("date", problem)

    def committee_problem() -> str | None:
        if "committee" not in read:  # asked twice, read once
            read["committee"] = None
            if by_committee and (
                voting_org.level != Level.GRASSROOTS_COMMITTEE or candidate.org.parent_id != voting_org.pk
            ):
                read["committee"] = "Chỉ chi bộ hoặc đảng ủy cơ sở cấp trên trực tiếp của chi bộ biểu quyết hồ sơ này."
            elif by_committee and day and full_members_on(candidate.org, day) >= rules.MIN_CELL_FULL_MEMBERS:
                read["committee"] = f"{candidate.org.name} đủ đảng viên chính thức; chi bộ phải tự biểu quyết."
        return read["committee"]

    def committee():
        problem = committee_problem()
        if problem:
            fail("voting_org", problem)

    def counts():
        for field, value in (("votes_for", votes_for), ("votes_against", votes_against)):
            if not isinstance(value, int) or value < 0:
                fail(field, "Hãy nhập số phiếu (số nguyên, không âm).")

    def within_the_full_members():
        if day is None or committee_problem():
            return
        read["full"] = full = (
            full_members_on(voting_org, day, subtree=True) if by_committee else full_members_on(candidate.org, day)
        )
        if full == 0:
            fail("date", f"{candidate.org.name} không có đảng viên chính thức nào vào ngày {format_date(day)}.")
        valid = all(isinstance(v, int) and v >= 0 for v in (votes_for, votes_against))
        if valid and votes_for + votes_against > full:
            fail(
                "votes_for",
                f"Tổng số phiếu ({votes_for + votes_against}) vượt số đảng viên chính thức của chi bộ ({full}).",
            )

    return [complete_on_the_day, committee, counts, within_the_full_members]


def close_checks(candidate: Candidate, *, closed_on, reason="") -> list:
    """Stopping a file: a past day, not before the stage it reached, and the reason."""

    def after_the_stage():
        day = _day(closed_on)
        if day and day < candidate.stage_on:
            fail("closed_on", f"Ngày dừng xem xét phải từ ngày {format_date(candidate.stage_on)} trở đi.")

    def reason_given():
        if not clean(reason or ""):
            fail("reason", "Hãy ghi lý do dừng xem xét.")

    return [lambda: past("closed_on", closed_on, "Ngày dừng xem xét", candidate.org), after_the_stage, reason_given]
