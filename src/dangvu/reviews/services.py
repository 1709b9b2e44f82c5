"""Writes of the annual review. Each service validates everything first and raises a
ValidationError naming the field, in Vietnamese, before anything is stored; it runs in one
transaction and is attributed to `actor` in the audit.

Stages: the organization assesses itself (self), its committee proposes (proposal), the
superior decides (decision). A proposal or a decision that breaks a rule of the year's
rulebook is refused with the rule and its source; only at the decision stage may the deciding
committee take it anyway, giving a reason, which is stored as an `Override` (the report counts them).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.core.bulk import AuditLog, Table, values_of
from dangvu.core.closing import require_open as require_year_open
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline
from dangvu.members.models import Member
from dangvu.organizations.eras import UPPER_LEVELS
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization

from . import facts as f
from .models import CycleReopening, CycleStatus, MemberResult, OrgResult, Override, ReviewCycle, Stage
from .rulebooks import EXEMPT, SUSPENDED, NoRulebook, Violation, rulebook_for

NOT_RATED_DEFAULT = {EXEMPT: "Được miễn sinh hoạt đảng", SUSPENDED: "Đang bị đình chỉ sinh hoạt đảng"}
OVERRIDE_ONLY_AT_DECISION = (
    "Chỉ cấp ủy có thẩm quyền, khi quyết định xếp loại, mới có thể xếp loại khác quy tắc và phải ghi rõ lý do."
)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def explain(violations: list[Violation]) -> str:
    return " ".join(str(v) for v in violations)


def _require_open(cycle: ReviewCycle) -> ReviewCycle:
    """The cycle as stored, locked until the end of the transaction so that closing it waits
    for the writes in progress; refused when closed."""
    cycle = ReviewCycle.objects.select_for_update().select_related("committee").get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        fail(
            "cycle",
            f"Đợt đánh giá, xếp loại năm {cycle.year} đã khóa nên không thể sửa kết quả. "
            "Nếu cần sửa, cấp ủy hãy mở lại đợt đánh giá và ghi rõ lý do.",
        )
    return cycle


def _require_stage(stage: str):
    if stage not in Stage.values:
        fail("stage", "Bước đánh giá không hợp lệ: chọn tự đánh giá, đề xuất hoặc quyết định.")


# --- cycles -------------------------------------------------------------------------------------


@transaction.atomic
def review_cycle_open(*, actor, committee: Organization, year: int) -> ReviewCycle:
    """Open the review of `year` for the grassroots organizations under `committee`, with the
    rulebook the year picks."""
    if committee.level not in UPPER_LEVELS:
        fail(
            "committee",
            "Đợt đánh giá, xếp loại do cấp ủy cấp trên cơ sở mở (tỉnh, thành; quận, huyện đến 30/6/2025;"
            " đảng ủy xã, phường, đặc khu từ 01/7/2025).",
        )
    try:
        book = rulebook_for(year)
    except NoRulebook as e:
        fail("year", str(e))
    if year > dt.date.today().year:
        fail("year", f"Năm {year} chưa đến; chỉ mở đánh giá cho năm hiện tại hoặc các năm trước.")
    if committee.founded_on > dt.date(year, 12, 31):
        fail("year", f"{committee.name} chưa được thành lập vào năm {year}.")
    if ReviewCycle.objects.filter(committee=committee, year=year).exists():
        fail("year", f"Đợt đánh giá, xếp loại năm {year} của {committee.name} đã được mở.")
    with acting_as(actor):
        return ReviewCycle.objects.create(committee=committee, year=year, rulebook=book.code, opened_by=_user(actor))


@transaction.atomic
def review_cycle_close(*, actor, cycle: ReviewCycle) -> ReviewCycle:
    """Lock the results of the cycle; nothing in it can change until it is reopened."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.CLOSED:
        fail("cycle", f"Đợt đánh giá, xếp loại năm {cycle.year} đã khóa từ trước.")
    with acting_as(actor):
        cycle.status = CycleStatus.CLOSED
        cycle.closed_at = timezone.now()
        cycle.closed_by = _user(actor)
        cycle.save(update_fields=["status", "closed_at", "closed_by"])
    return cycle


@transaction.atomic
def review_cycle_reopen(*, actor, cycle: ReviewCycle, reason: str) -> ReviewCycle:
    """Reopen a closed cycle; who, when and why are recorded."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    reason = clean_multiline(reason)
    if cycle.status != CycleStatus.CLOSED:
        fail("cycle", f"Đợt đánh giá, xếp loại năm {cycle.year} đang mở, không cần mở lại.")
    if len(reason) < 10:
        fail("reason", "Hãy ghi rõ lý do mở lại đợt đánh giá (ít nhất 10 ký tự).")
    with acting_as(actor):
        CycleReopening.objects.create(cycle=cycle, reason=reason, reopened_by=_user(actor))
        cycle.status = CycleStatus.OPEN
        cycle.closed_at = None
        cycle.closed_by = None
        cycle.save(update_fields=["status", "closed_at", "closed_by"])
    return cycle


# --- organizations ------------------------------------------------------------------------------


def _check_org_in_cycle(cycle: ReviewCycle, org: Organization):
    levels = (*GRASSROOTS_LEVELS, Level.CELL)
    if not f.cycle_org_ids(cycle, levels).filter(pk=org.pk).exists():
        fail(
            "org",
            f"{org.name} không thuộc {cycle.committee.name} vào cuối năm {cycle.year} "
            "nên không xếp loại trong đợt này.",
        )


@transaction.atomic
def org_result_record(
    *, actor, cycle: ReviewCycle, org: Organization, stage: str, cls: str, points=None, exemplary: bool = False,
    disunity: bool | None = None, members_disciplined_corruption: int | None = None, targets_met_percent=None,
    leadership_disciplined: bool | None = None, override_reason: str = "", decided_on: dt.date | None = None,
) -> OrgResult:  # fmt: skip
    """Record an organization's class at `stage`. A proposal or decision breaking a rule is
    refused with the rule's message and source, unless it is a decision with `override_reason`.
    `decided_on`: the decision's day (today if not given), kept apart from when it was typed in."""
    cycle = _require_open(cycle)
    _require_stage(stage)
    decided_on = _decision_day(cycle, decided_on)
    _check_org_in_cycle(cycle, org)
    _require_year_unclosed(cycle, org, decided_on)
    book = cycle.get_rulebook()
    grade = book.org_grade(cls)
    if grade is None:
        labels = ", ".join(g.label for g in book.org_classes)
        fail("cls", f"Mức xếp loại “{cls}” không có trong {book.title}; chọn một trong: {labels}.")
    if points is not None:
        points = Decimal(str(points))
        if not (0 <= points <= 100):
            fail("points", "Điểm phải từ 0 đến 100.")
    if targets_met_percent is not None:
        targets_met_percent = Decimal(str(targets_met_percent))
        if not (0 <= targets_met_percent <= 100):
            fail("targets_met_percent", "Tỷ lệ chỉ tiêu hoàn thành phải từ 0 đến 100%.")
    if members_disciplined_corruption is not None and members_disciplined_corruption < 0:
        fail("members_disciplined_corruption", "Số đảng viên không được âm.")
    if exemplary and not (book.has_exemplary and grade.top and org.level in GRASSROOTS_LEVELS):
        fail("exemplary", f"Chỉ tổ chức cơ sở đảng xếp loại “{book.org_classes[0].label}” mới được chọn là tiêu biểu.")
    override_reason = clean(override_reason)
    if override_reason and stage != Stage.DECISION:
        fail("override_reason", OVERRIDE_ONLY_AT_DECISION)

    result = OrgResult.objects.filter(cycle=cycle, org=org).first() or OrgResult(cycle=cycle, org=org)
    entered = {
        "disunity": disunity, "members_disciplined_corruption": members_disciplined_corruption,
        "targets_met_percent": targets_met_percent, "leadership_disciplined": leadership_disciplined,
    }  # fmt: skip
    values = {name: getattr(result, name) if value is None else value for name, value in entered.items()}
    values["points"] = points if points is not None else (result.points if stage != Stage.SELF else None)
    violations = [] if stage == Stage.SELF else book.check_org(cls, f.org_facts(cycle, org, stage, values))
    if violations and not override_reason:
        suffix = "" if stage == Stage.DECISION else " " + OVERRIDE_ONLY_AT_DECISION
        fail("cls", explain(violations) + suffix)

    with acting_as(actor):
        setattr(result, f.STAGE_FIELD[stage], cls)
        if stage == Stage.SELF:
            result.self_points = points
        else:
            for name, value in values.items():
                setattr(result, name, value)
        if stage in (Stage.PROPOSAL, Stage.DECISION):
            result.exemplary = exemplary
        if stage == Stage.DECISION:
            result.decided_by = _user(actor)
            result.decided_at = timezone.now()
            result.decided_on = decided_on
            result.override_reason = override_reason if violations else ""
        result.save()
        if violations:
            _record_override(actor, cycle, org, None, cls, violations, override_reason)
    return result


def _decision_day(cycle: ReviewCycle, day: dt.date | None) -> dt.date:
    """The day a decision of `cycle` was taken: not before its year begins, not after today."""
    today = timezone.localdate()
    day = day or today
    if not dt.date(cycle.year, 1, 1) <= day <= today:
        fail(
            "decided_on",
            f"Ngày quyết định {day:%d/%m/%Y} không hợp lệ: phải từ 01/01/{cycle.year} đến hôm nay ({today:%d/%m/%Y}).",
        )
    return day


def _require_year_unclosed(cycle: ReviewCycle, org: Organization, decided_on: dt.date, field: str = "cls") -> None:
    """The review's classes count in the figures of the cycle's year, whatever day they were
    decided (often in January after it): refused while that year is closed (core.closing)."""
    day = decided_on if decided_on.year == cycle.year else dt.date(cycle.year, 12, 31)
    require_year_open(org=org, day=day, field=field)


def _record_override(actor, cycle, org, member, cls, violations, reason):
    Override.objects.create(
        cycle=cycle, org=org, member=member, decided_class=cls, rules=[v.rule for v in violations],
        messages=[str(v) for v in violations], reason=reason, decided_by=_user(actor),
    )  # fmt: skip


# --- members ------------------------------------------------------------------------------------


def _row_error(errors: dict, member_id, message: str):
    errors.setdefault(f"member_{member_id}", []).append(message)


@transaction.atomic
def member_results_record_bulk(
    *,
    actor,
    cycle: ReviewCycle,
    org: Organization,
    stage: str,
    rows: list[dict],
    quota_override_reason: str = "",
    decided_on: dt.date | None = None,
) -> list[MemberResult]:
    """Record the classes of the members of grassroots organization `org` at `stage`, all rows or
    none. Each row: {"member": Member or id, "cls": code or "", "not_rated_reason": str,
    "override_reason": str}. A row with neither class nor reason, for a member not yet recorded,
    is skipped. Errors are keyed "member_<id>" (one per row) and "__all__" (quotas). A fixed
    number of queries whatever the number of rows (plus one insert per override granted).
    `decided_on`: the decision's day at the decision stage (today if not given)."""
    cycle = _require_open(cycle)
    _require_stage(stage)
    decided_on = _decision_day(cycle, decided_on)
    if not f.rates_members(org):
        fail(
            "org",
            f"{org.name}: kết quả xếp loại đảng viên được nhập theo tổ chức cơ sở đảng (đảng bộ cơ sở hoặc chi bộ "
            "cơ sở) hoặc chi bộ trực thuộc đảng ủy cấp trên cơ sở; hãy chọn đơn vị đó.",
        )
    _check_org_in_cycle(cycle, org)
    _require_year_unclosed(cycle, org, decided_on, field="__all__")
    book = cycle.get_rulebook()
    field = f.STAGE_FIELD[stage]
    year_members = f.members_of_year(cycle, org)
    disciplined = f.disciplined_member_ids(cycle, org) if stage != Stage.SELF else set()
    ids = [row["member"].pk if isinstance(row["member"], Member) else int(row["member"]) for row in rows]
    names = dict(Member.objects.filter(pk__in=ids).values_list("pk", "full_name"))
    existing = {r.member_id: r for r in MemberResult.objects.filter(cycle=cycle, member_id__in=ids)}
    errors: dict[str, list[str]] = {}
    pending: dict[int, dict] = {}
    overrides = []
    for member_id, row in zip(ids, rows, strict=True):
        name = names.get(member_id, f"mã {member_id}")
        cls = (row.get("cls") or "").strip()
        reason = clean(row.get("not_rated_reason"))
        override = clean(row.get("override_reason"))
        if member_id in pending:
            _row_error(errors, member_id, f"Đồng chí {name} có hai dòng; mỗi đảng viên chỉ một dòng.")
            continue
        ym = year_members.get(member_id)
        if ym is None:
            _row_error(
                errors, member_id,
                f"Đồng chí {name} không sinh hoạt tại {org.name} trong năm {cycle.year} nên không xếp loại ở đây.",
            )  # fmt: skip
            continue
        prior = existing.get(member_id)
        if prior is not None and prior.org_id != org.pk:
            _row_error(errors, member_id, f"Đồng chí {name} đã được xếp loại năm {cycle.year} ở tổ chức khác.")
            continue
        if cls and book.member_grade(cls) is None:
            labels = ", ".join(g.label for g in book.member_classes)
            _row_error(errors, member_id, f"Đồng chí {name}: mức “{cls}” không có trong {book.title}; chọn: {labels}.")
            continue
        if not cls and not reason:
            reason = NOT_RATED_DEFAULT.get(ym.activity, "")
            if not reason and prior is None:
                continue
        if cls and reason:
            _row_error(errors, member_id, f"Đồng chí {name}: đã chọn mức xếp loại thì bỏ trống lý do không xếp loại.")
            continue
        if override and stage != Stage.DECISION:
            _row_error(errors, member_id, f"Đồng chí {name}: {OVERRIDE_ONLY_AT_DECISION}")
            continue
        violations = book.check_member(cls, f.member_facts(ym, disciplined)) if stage != Stage.SELF else []
        if violations and not override:
            _row_error(errors, member_id, f"Đồng chí {name}: {explain(violations)}")
            continue
        if violations:
            overrides.append((member_id, cls, violations, override))
        pending[member_id] = {field: cls, "not_rated_reason": reason, "override_reason": override if violations else ""}

    set_violations = []
    if stage != Stage.SELF and not errors:
        others = MemberResult.objects.filter(cycle=cycle, org=org).exclude(member_id__in=pending)
        classes = [c for c in others.values_list(field, flat=True) if c]
        classes += [p[field] for p in pending.values() if p[field]]
        set_violations = book.check_member_set(classes)
        quota_override_reason = clean(quota_override_reason)
        if set_violations and not (quota_override_reason and stage == Stage.DECISION):
            errors["__all__"] = [explain(set_violations)]
    if errors:
        raise ValidationError(errors)

    with acting_as(actor):
        given = {row["member"].pk: row["member"] for row in rows if isinstance(row["member"], Member)}
        saved = _write_member_results(actor, cycle, org, stage, pending, existing, decided_on, given)
        for member_id, cls, violations, reason in overrides:
            _record_override(actor, cycle, org, Member(pk=member_id), cls, violations, reason)
        if set_violations:
            _record_override(actor, cycle, org, None, "", set_violations, quota_override_reason)
    return saved


def _write_member_results(
    actor, cycle, org, stage, pending: dict, existing: dict, decided_on, given: dict
) -> list[MemberResult]:
    """Insert and update in bulk, writing the audit entries in bulk too (auditlog's signals do not
    fire on bulk writes). `given`: the members the caller has already read, by id (their names
    go into the audit entries)."""
    field = f.STAGE_FIELD[stage]
    user = _user(actor)
    new, changed, log = [], [], []
    for member_id, values in pending.items():
        result = existing.get(member_id)
        if result is None:
            result = MemberResult(cycle=cycle, member_id=member_id, org=org, **values)
            if member_id in given:
                result.member = given[member_id]
            new.append(result)
            log.append((result, None))
            if stage == Stage.DECISION:
                result.decided_by, result.decided_on = user, decided_on
            continue
        if any(getattr(result, k) != v for k, v in values.items()):
            before = values_of(result)
            for k, v in values.items():
                setattr(result, k, v)
            if stage == Stage.DECISION:
                result.decided_by, result.decided_on = user, decided_on
            result.updated_at = timezone.now()
            changed.append(result)
            log.append((result, before))
    _insert_member_results(new)
    fields = [field, "not_rated_reason", "override_reason", "decided_by", "decided_on", "updated_at"]
    MemberResult.objects.bulk_update(changed, fields, batch_size=500)
    _audit_bulk(user, cycle, log)
    return new + changed


def _insert_member_results(new: list[MemberResult]):
    """The new results' rows in a few statements (core.bulk.Table: on PostgreSQL one COPY), their
    ids given to them; bulk_create built every value of every row through the ORM (~0,1 ms a
    result, most of a review import's writing)."""
    if not new:
        return
    table = Table(MemberResult, connections[router.db_for_write(MemberResult)], with_pk=True)
    now = timezone.now()
    stamp = table.connection.ops.adapt_datetimefield_value(now)
    rows = []
    for result, pk in zip(new, table.reserve_ids(len(new)), strict=True):
        result.pk, result.updated_at = pk, now
        row = values_of(result)
        row["updated_at"] = stamp
        rows.append(row)
    table.insert(rows, complete=True)


def _audit_bulk(user, cycle, entries):
    """The entries auditlog writes when each result of `cycle` is saved one at a time
    (core.bulk.AuditLog): `entries` are (result, None) for a creation, (result, its values before)
    for an update."""
    # str(result) names the member and the year: their names in one query, not one per result.
    unnamed = {r.member_id for r, _ in entries if not MemberResult.member.is_cached(r)}
    names = Member.objects.only("full_name").in_bulk(unnamed) if unnamed else {}
    audit = AuditLog(user, connections[router.db_for_write(MemberResult)])
    for result, before in entries:
        if not MemberResult.member.is_cached(result):
            result.member = names[result.member_id]
        if not MemberResult.cycle.is_cached(result):
            result.cycle = cycle
        after = values_of(result)
        if before is None:
            audit.created(MemberResult, result.pk, after, str(result))
        else:
            diff = {k: (old, after[k]) for k, old in before.items() if old != after[k]}
            audit.updated(MemberResult, result.pk, diff, str(result))
    audit.flush()
