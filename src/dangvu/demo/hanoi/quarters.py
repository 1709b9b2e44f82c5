"""PHM's 2026 quarters under Quy định 366-QĐ/TW, through the tasks services: the ward opens its 2026
review cycle; each quarter over by the scenario's day, some of its grassroots organizations and cells
and some members of its grassroots organizations get tasks with a deadline in the quarter, their
results (most on time, some beyond requirement, some late), a self-assessment, the cell's or
committee's opinion and the ward committee's conclusion — the class the rules propose from the
points and tasks, so no figure is typed. The counts are fixed (they do not scale) to keep the step
short; the tests read every figure back from the records."""

import datetime as dt

import dangvu.demo.hanoi.plan as p  # noqa: F401  (the package imports this module; see ward_year)
from dangvu.core.numbers import format_int
from dangvu.members.models import Activity, Member
from dangvu.members.selectors import periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_periods_on
from dangvu.reviews.rulebooks import rulebook_for
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.services import evaluation_record, period_bounds, task_assign, task_result_record

CODE = "PHM"
YEAR = 2026
UNITS, MEMBERS = 6, 12  # collectives and members evaluated each quarter
UNIT_TASKS = (
    ("Tổ chức sinh hoạt chuyên đề", "buổi", 3),
    ("Rà soát, cập nhật hồ sơ đảng viên", "hồ sơ", 20),
    ("Vận động hộ gia đình tham gia phong trào của phường", "hộ gia đình", 40),
)
MEMBER_TASKS = (
    ("Nắm tình hình dư luận ở tổ dân phố", "báo cáo", 2),
    ("Tham gia tuyên truyền tại khu dân cư", "buổi", 4),
)


def quarters_over(until: dt.date) -> list[int]:
    return [q for q in (1, 2, 3, 4) if period_bounds(YEAR, q)[1] <= until]


def _units(ward: Organization) -> list[Organization]:
    day = dt.date(YEAR, 1, 1)
    found = Organization.objects.filter(pk__in=subtree_periods_on(ward, day).values("org_id"), parent=ward)
    return list(found.filter(level__in=(*GRASSROOTS_LEVELS, Level.CELL)).order_by("code"))


def _members(units: list[Organization]) -> list[tuple[Member, Organization]]:
    """Active members of the ward's grassroots organizations (a member is evaluated in theirs)."""
    out = []
    for org in [u for u in units if u.level in GRASSROOTS_LEVELS]:
        ids = periods_on(org, dt.date(YEAR, 1, 1)).filter(activity=Activity.ACTIVE).values("member_id")
        out += [(m, org) for m in Member.objects.filter(pk__in=ids).order_by("pk")[: MEMBERS - len(out)]]
    return out


def _outcome(rng, beyond: bool) -> str:
    """How a task ends: mostly on time, a share beyond requirement (where allowed), a few late."""
    draw = rng.random()
    # A late task is rare: one late of a unit's three is a third late, over the 20% a "completed"
    # class allows (QĐ 366, Điều 11), so each one costs a class.
    return "late" if draw < 0.06 else "beyond" if beyond and draw < 0.45 else "on_time"


def _task(ctx, rng, org, member, q, spec, beyond: bool) -> None:
    title, measure, target = spec
    start, end = period_bounds(YEAR, q)
    deadline = end - dt.timedelta(days=rng.randint(5, 20))
    task = task_assign(actor=ctx.actor, org=org, member=member, year=YEAR, quarter=q, title=f"{title} quý {q}/{YEAR}",
                       measure=measure, target=target, deadline=deadline)  # fmt: skip
    how = _outcome(rng, beyond)
    done_on = deadline + dt.timedelta(days=rng.randint(3, 12)) if how == "late" else deadline - dt.timedelta(days=2)
    quantity = target + (1 + target // 5 if how == "beyond" else 0)
    task_result_record(actor=ctx.actor, task=task, done_on=done_on, quantity=quantity,
                       product=f"Đã thực hiện {quantity} {measure}.")  # fmt: skip


def _assess(ctx, rng, cycle, org, member, q) -> str:
    """Self-assessment and the opinion, at the class the rules propose; returns it."""
    politics = rng.randint(22, 29)
    note = "Tự đánh giá theo kết quả nhiệm vụ của quý."
    ev = evaluation_record(actor=ctx.actor, cycle=cycle, org=org, member=member, quarter=q, stage="self",
                           scores={"politics": politics}, note=note)  # fmt: skip
    agreed = "Nhất trí với mức tự xếp loại."
    evaluation_record(actor=ctx.actor, cycle=cycle, org=org, member=member, quarter=q, stage="opinion",
                      scores={"politics": politics}, cls=ev.proposed_class, note=agreed)  # fmt: skip
    return ev.proposed_class


def _decide(ctx, cycle, q, proposed: list[tuple[Organization, Member | None, str]]) -> dict[str, int]:
    """The ward committee's conclusions at the proposed class, the excellent last: where one more
    excellent member would break the rulebook's quota over the grassroots organization's set, the
    committee concludes good, which the member's facts also allow (no override)."""
    book, decided, counts = cycle.get_rulebook(), {}, {}
    for org, member, cls in sorted(proposed, key=lambda x: x[2] == "excellent"):
        taken = decided.setdefault(org.pk, [])
        if member is not None and cls == "excellent" and book.check_member_set([*taken, cls]):
            cls = "good"
        evaluation_record(actor=ctx.actor, cycle=cycle, org=org, member=member, quarter=q, stage="decision", cls=cls)
        if member is not None:
            taken.append(cls)
        counts[cls] = counts.get(cls, 0) + 1
    return counts


def quarters_2026(ctx, until: dt.date) -> str:
    rng = ctx.rng_for("hanoi-quarters")
    ward = Organization.objects.get(code=CODE)
    cycle = review_cycle_open(actor=ctx.actor, committee=ward, year=YEAR)
    units = _units(ward)[:UNITS]
    members = _members(_units(ward))
    decided: dict[str, int] = {}
    quarters = quarters_over(until)
    for q in quarters:
        for org in units:
            for spec in UNIT_TASKS:
                _task(ctx, rng, org, None, q, spec, True)
        for n, (member, org) in enumerate(members):
            # One member in six may go beyond requirement, so the excellent stay within the
            # quota of the good the rulebook checks over each grassroots organization's set.
            for spec in MEMBER_TASKS:
                _task(ctx, rng, org, member, q, spec, (n + q) % 6 == 0)
        # Members first: a grassroots organization's class reads its members' results.
        for who in ([(org, m) for m, org in members], [(org, None) for org in units]):
            proposed = [(org, m, _assess(ctx, rng, cycle, org, m, q)) for org, m in who]
            for cls, n in _decide(ctx, cycle, q, proposed).items():
                decided[cls] = decided.get(cls, 0) + n
    done = classes_said(decided, YEAR)
    return f"quý {', '.join(map(str, quarters))}: {len(units)} tổ chức, {format_int(len(members))} đảng viên ({done})"


def classes_said(counts: dict[str, int], year: int) -> str:
    """'Hoàn thành xuất sắc nhiệm vụ: 6, Hoàn thành tốt nhiệm vụ: 30': the step's line is read by
    Vietnamese users, so each class by the label of the year's rulebook, best first."""
    book = rulebook_for(year)
    grades = sorted(book.member_classes, key=lambda g: g.rank)
    return ", ".join(f"{g.label}: {counts[g.code]}" for g in grades if counts.get(g.code))
