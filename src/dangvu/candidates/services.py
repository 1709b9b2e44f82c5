"""Writes of the admission pipeline. Each service checks everything before it writes, raises a
ValidationError naming the field in Vietnamese, runs in one transaction and is attributed to the
actor in the audit. A candidate becomes a member only through `candidate_admit` (the superior's
decision), which calls members.services.member_admit — or, for an admission already in the
registry before its file was entered, `candidate_link_admission`, which checks that the file
really led to it.
"""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline, name_sort_key, search_key
from dangvu.members.identity import IDENTITY_FIELDS, clean_identity
from dangvu.members.models import EventKind, Member
from dangvu.members.services import member_admit
from dangvu.organizations.models import MEMBER_LEVELS, Organization

from . import rules
from .checks import close_checks, introducer_checks, step_checks, union_checks, vote_checks
from .checks import full_members_on as full_members_on  # the demo's vote counts as the service does
from .checks import past as _past
from .models import (
    STAGE_ORDER,
    Candidate,
    Introducer,
    Stage,
    Status,
    Step,
    StepKind,
    UnionIntroduction,
)

CANDIDATE_IDENTITY = tuple(f for f in IDENTITY_FIELDS if f != "party_card_no")
SIMPLE_STEPS = (StepKind.COURSE, StepKind.APPLICATION, StepKind.BACKGROUND)


def _check_cell(org: Organization | None, day: dt.date, field: str = "org"):
    if org is None:
        fail(field, "Hãy chọn chi bộ.")
    if org.level not in MEMBER_LEVELS:
        fail(field, f"{org.name} là {org.get_level_display().lower()}; hãy chọn một chi bộ.")
    if not org.is_active_on(day):
        fail(field, f"{org.name} không hoạt động vào ngày {format_date(day)}.")


def _require_open(candidate: Candidate):
    if candidate.status != Status.OPEN:
        fail("candidate", f"Hồ sơ của {candidate.full_name} đã kết thúc ({candidate.get_status_display().lower()}).")


def refresh_stage(candidate: Candidate) -> Candidate:
    """Derive `stage` (the furthest step reached) and `stage_on` (the date of the latest step)."""
    steps = {s.kind: s for s in candidate.steps.all()}
    introducers = list(candidate.introducers.all())
    union = UnionIntroduction.objects.filter(candidate=candidate).first()
    dates = [candidate.opened_on] + [s.date for s in steps.values()] + [i.introduced_on for i in introducers]
    if union:
        dates.append(union.resolution_date)
    reached = [Stage.LISTED]
    for kind in SIMPLE_STEPS:
        if kind in steps:
            reached.append(Stage(kind))
    if rules.introductions_problem(len(introducers), union is not None) is None:
        reached.append(Stage.INTRODUCED)
    if StepKind.VOTE in steps and steps[StepKind.VOTE].passed:
        reached.append(Stage.VOTED)
    if candidate.status == Status.ADMITTED:
        reached.append(Stage.ADMITTED)
    if candidate.status == Status.CLOSED:
        reached.append(Stage.CLOSED)
    stage, stage_on = max(reached, key=STAGE_ORDER.index), max(d for d in dates if d)
    if (stage, stage_on) != (candidate.stage, candidate.stage_on):
        candidate.stage, candidate.stage_on = stage, stage_on
        candidate.save(update_fields=["stage", "stage_on"])
    return candidate


# --- opening a file ------------------------------------------------------------------------


@transaction.atomic
def candidate_open(*, actor, org: Organization, opened_on: dt.date, in_charge: str = "", **identity) -> Candidate:
    """Put a person on the cell's list of candidates. Identity as for a member (valid, citizen ID
    not a member's); no second open file for the same citizen ID; the cell active that day."""
    unknown = set(identity) - set(CANDIDATE_IDENTITY)
    if unknown:
        fail(sorted(unknown)[0], "Trường không thuộc lý lịch người vào Đảng.")
    data = clean_identity(identity)
    for required in ("full_name", "birth_date", "sex"):
        if not data.get(required):
            fail(required, "Thông tin bắt buộc; hãy nhập trước khi lưu.")
    _past("opened_on", opened_on, "Ngày đưa vào danh sách")
    _check_cell(org, opened_on)
    require_open(org=org, day=opened_on, field="opened_on")
    if data.get("citizen_id"):
        other = Candidate.objects.filter(citizen_id=data["citizen_id"], status=Status.OPEN).first()
        if other:
            fail(
                "citizen_id",
                f"Số CCCD {data['citizen_id']} đã có hồ sơ đang xem xét ({other.full_name}, {other.org}).",
            )
    data = {k: (v if v is not None else "") for k, v in data.items()}
    with acting_as(actor):
        candidate = Candidate.objects.create(
            **data, org=org, opened_on=opened_on, stage_on=opened_on, in_charge=clean(in_charge),
            name_key=search_key(data["full_name"]), sort_key=name_sort_key(data["full_name"]),
        )  # fmt: skip
    return candidate


@transaction.atomic
def candidate_update(*, actor, candidate: Candidate, in_charge: str | None = None, **identity) -> Candidate:
    """Correct the identity of an open file; the audit keeps the old values."""
    _require_open(candidate)
    data = clean_identity(identity)
    with acting_as(actor):
        for k, v in data.items():
            setattr(candidate, k, v if v is not None else "")
        if in_charge is not None:
            candidate.in_charge = clean(in_charge)
        candidate.name_key = search_key(candidate.full_name)
        candidate.sort_key = name_sort_key(candidate.full_name)
        candidate.save()
    return candidate


# --- the steps -----------------------------------------------------------------------------


@transaction.atomic
def candidate_record_step(
    *, actor, candidate: Candidate, kind: str, date: dt.date, in_charge: str = "", reference: str = "", note: str = ""
) -> Step:
    """Record (or correct) the course certificate, the application or the background check."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    if kind not in SIMPLE_STEPS:
        fail("kind", "Bước không hợp lệ; biểu quyết và quyết định kết nạp có trang riêng.")
    for check in step_checks(candidate, kind=kind, date=date, reference=reference):
        check()
    if candidate.steps.filter(kind=StepKind.VOTE).exists():
        fail("kind", "Chi bộ đã biểu quyết; không sửa các bước trước đó nữa.")
    with acting_as(actor):
        step, _ = Step.objects.update_or_create(
            candidate=candidate, kind=kind,
            defaults={"date": date, "in_charge": clean(in_charge), "reference": clean(reference),
                      "note": clean_multiline(note)},
        )  # fmt: skip
        refresh_stage(candidate)
    return step


@transaction.atomic
def candidate_add_introducer(
    *,
    actor,
    candidate: Candidate,
    member: Member | None,
    worked_together_since: dt.date,
    introduced_on: dt.date,
    position: str = "",
) -> Introducer:
    """Record one of the two introducers (the only one when a Youth Union or trade union resolution
    introduces the candidate too). Refused: not a member that day, probationary or admitted less
    than a year before, worked together less than 12 months, one introducer too many, the same
    member twice (rules.introducer_problem, rules.worked_together_problem)."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    for check in introducer_checks(
        candidate, member=member, worked_together_since=worked_together_since, introduced_on=introduced_on
    ):
        check()
    if candidate.steps.filter(kind=StepKind.VOTE).exists():
        fail("member", "Chi bộ đã biểu quyết; không thêm người giới thiệu nữa.")
    with acting_as(actor):
        introducer = Introducer.objects.create(
            candidate=candidate, member=member, position=clean(position),
            worked_together_since=worked_together_since, introduced_on=introduced_on,
        )  # fmt: skip
        refresh_stage(candidate)
    return introducer


@transaction.atomic
def candidate_add_union_introduction(
    *, actor, candidate: Candidate, body: str, name: str, resolution_no: str, resolution_date: dt.date
) -> UnionIntroduction:
    """Record the resolution by which the Youth Union (Ban Chấp hành Đoàn cơ sở or the chi đoàn) or
    the trade union (Ban Chấp hành Công đoàn cơ sở) introduces the candidate, in place of one of the
    two members (rules.UNION). Refused: a second organization, a file that already has two
    members, a Youth Union introducing someone over youth age (rules.YOUTH_AGE), a date in the
    future, no number or name, a file already voted on."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    for check in union_checks(
        candidate, body=body, name=name, resolution_no=resolution_no, resolution_date=resolution_date
    ):
        check()
    if candidate.steps.filter(kind=StepKind.VOTE).exists():
        fail("body", "Chi bộ đã biểu quyết; không thêm người giới thiệu nữa.")
    with acting_as(actor):
        introduction = UnionIntroduction.objects.create(
            candidate=candidate, body=body, name=clean(name), resolution_no=clean(resolution_no),
            resolution_date=resolution_date,
        )  # fmt: skip
        refresh_stage(candidate)
    return introduction


@transaction.atomic
def candidate_record_vote(
    *,
    actor,
    candidate: Candidate,
    date: dt.date,
    votes_for: int,
    votes_against: int,
    in_charge: str = "",
    reference: str = "",
    voting_org: Organization | None = None,
) -> Step:
    """Record the cell's vote on proposing the admission. The file must be complete on that day:
    a valid course certificate, the application, the background check and two introducers, all
    dated on or before the vote; the candidate aged 18–60 counted in months. The number of full
    members comes from the registry; the vote passes with at least 2/3 of them (rules.VOTE,
    Điều lệ Đảng Điều 4 khoản 3).
    A vote that does not pass is kept, and the file cannot go to the decision.

    A cell with fewer than three full members that day (below what Điều lệ Đảng, Điều 21, asks of
    a cell) may leave the vote to its grassroots committee (`voting_org`), whose full members are
    then counted — an UNCERTAIN reading (rules.SMALL_CELL: no text found for such cells); the step
    records that the committee voted, and a committee may decide otherwise."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    read: dict = {}
    for check in vote_checks(
        candidate, date=date, votes_for=votes_for, votes_against=votes_against, voting_org=voting_org, read=read
    ):
        check()
    full = read["full"]
    by_committee = voting_org is not None and voting_org != candidate.org
    with acting_as(actor):
        step = Step.objects.create(
            candidate=candidate, kind=StepKind.VOTE, date=date, in_charge=clean(in_charge),
            reference=clean(reference), full_members=full, votes_for=votes_for, votes_against=votes_against,
            passed=rules.vote_passes(votes_for, full), note=f"Biểu quyết tại {voting_org.name}" if by_committee else "",
        )  # fmt: skip
        refresh_stage(candidate)
    return step


def _passed_vote(candidate: Candidate, by: dt.date, field: str) -> Step:
    vote = candidate.steps.filter(kind=StepKind.VOTE).first()
    if vote is None:
        fail(field, "Chi bộ chưa biểu quyết đề nghị kết nạp; chưa thể ra quyết định.")
    if not vote.passed:
        fail(
            field,
            f"Chi bộ biểu quyết ngày {format_date(vote.date)} không đạt (tán thành {vote.votes_for}/"
            f"{vote.full_members} đảng viên chính thức, cần ít nhất hai phần ba).",
        )
    if vote.date > by:
        fail(field, f"Quyết định kết nạp phải sau ngày chi bộ biểu quyết ({format_date(vote.date)}).")
    return vote


# --- the decision --------------------------------------------------------------------------


@transaction.atomic
def candidate_admit(
    *,
    actor,
    candidate: Candidate,
    admitted_on: dt.date,
    decision_no: str,
    decision_date: dt.date | None = None,
    in_charge: str = "",
    age_override_reason: str = "",
) -> Member:
    """The superior committee's decision: the candidate becomes a probationary member of the cell
    through members.services.member_admit (every member rule applies), and the file is closed
    and linked to the new member."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    _past("admitted_on", admitted_on, "Ngày kết nạp", candidate.org)
    _passed_vote(candidate, admitted_on, "admitted_on")
    identity = {f: getattr(candidate, f) for f in CANDIDATE_IDENTITY}
    identity["citizen_id"] = identity["citizen_id"] or None
    # Every member rule (age, cell, decision number, unique citizen ID) is member_admit's to check.
    member = member_admit(
        actor=actor, org=candidate.org, admitted_on=admitted_on, decision_no=decision_no,
        decision_date=decision_date, age_override_reason=age_override_reason, **identity,
    )  # fmt: skip
    with acting_as(actor):
        Step.objects.create(
            candidate=candidate, kind=StepKind.DECISION, date=admitted_on, in_charge=clean(in_charge),
            reference=member.admission_decision,
        )  # fmt: skip
        candidate.member, candidate.status, candidate.closed_on = member, Status.ADMITTED, admitted_on
        candidate.save(update_fields=["member", "status", "closed_on"])
        refresh_stage(candidate)
    return member


@transaction.atomic
def candidate_link_admission(*, actor, candidate: Candidate, member: Member, in_charge: str = "") -> Candidate:
    """Attach a file to an admission already in the registry (entered before its file, or imported).

    Guarantees the file led to it: the member was admitted (an ADMITTED event) into the file's cell,
    is the same person (name and birth date), has no other file, and the cell's passing vote is
    dated on or before the admission."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    event = member.events.filter(kind=EventKind.ADMITTED).first()
    if event is None:
        fail("member", f"Đồng chí {member.full_name} không có quyết định kết nạp trong danh sách đảng viên.")
    if Candidate.objects.filter(member=member).exists():
        fail("member", f"Đồng chí {member.full_name} đã có hồ sơ kết nạp.")
    if (clean(member.full_name), member.birth_date) != (candidate.full_name, candidate.birth_date):
        fail("member", "Họ tên hoặc ngày sinh của đảng viên không khớp với hồ sơ.")
    if event.org_id != candidate.org_id:
        fail("member", f"Đồng chí {member.full_name} được kết nạp ở chi bộ khác ({event.org}).")
    _passed_vote(candidate, event.date, "member")
    with acting_as(actor):
        Step.objects.create(
            candidate=candidate, kind=StepKind.DECISION, date=event.date, in_charge=clean(in_charge),
            reference=event.decision_no,
        )  # fmt: skip
        candidate.member, candidate.status, candidate.closed_on = member, Status.ADMITTED, event.date
        candidate.citizen_id = candidate.citizen_id or (member.citizen_id or "")
        candidate.save(update_fields=["member", "status", "closed_on", "citizen_id"])
        refresh_stage(candidate)
    return candidate


@transaction.atomic
def candidate_close(*, actor, candidate: Candidate, closed_on: dt.date, reason: str) -> Candidate:
    """Stop considering a file (the person withdrew, moved away, or the cell decided so)."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _require_open(candidate)
    for check in close_checks(candidate, closed_on=closed_on, reason=reason):
        check()
    with acting_as(actor):
        candidate.status, candidate.closed_on, candidate.close_reason = (
            Status.CLOSED,
            closed_on,
            clean_multiline(reason),
        )
        candidate.save(update_fields=["status", "closed_on", "close_reason"])
        refresh_stage(candidate)
    return candidate
