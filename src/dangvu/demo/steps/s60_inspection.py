"""Inspections, supervisions and discipline in Hoàng Mai, 2014–2016, through inspection.services.

Each year the district committee (its inspection commission) inspects and supervises a few tens
of grassroots organizations, and the grassroots committees inspect and supervise a few tens of
their members. In 2016 exactly four members are disciplined — two khiển trách, one cảnh cáo and
one cách chức, all full members who stay in the Party to the end of the year — as the seed says
("thi hành kỷ luật 4 đảng viên vi phạm"). Their ids are left in `ctx.disciplined_2016` for the
review step, which rates them lowest. No khai trừ: it would rewrite the member's later history.
"""

import datetime as dt

from dangvu.inspection.models import Form, Kind, Mode
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.members.models import Activity, Member, Standing
from dangvu.members.selectors import periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_periods_on

from ..context import DemoContext

YEARS = (2014, 2015, 2016)
# Inspection campaigns (đợt) of each year: (month, day) of the start.
WAVES = ((3, 9), (6, 15), (9, 12), (11, 2))
ORG_TOPICS = [
    "Việc thực hiện Quy chế làm việc của cấp ủy và nguyên tắc tập trung dân chủ",
    "Việc lãnh đạo thực hiện Nghị quyết Trung ương 4 (khóa XI) về xây dựng Đảng",
    "Việc quản lý, thu, nộp đảng phí",
    "Việc thực hiện Chỉ thị 03-CT/TW về học tập và làm theo tấm gương đạo đức Hồ Chí Minh",
    "Công tác phát triển đảng viên và quản lý hồ sơ đảng viên",
]
MEMBER_TOPICS = [
    "Việc thực hiện nhiệm vụ đảng viên và giữ gìn phẩm chất đạo đức, lối sống",
    "Việc kê khai tài sản, thu nhập",
    "Việc thực hiện Quy định 76-QĐ/TW về đảng viên đang công tác thường xuyên giữ mối liên hệ với nơi cư trú",
    "Việc chấp hành chính sách, pháp luật của Nhà nước",
]
# The four of 2016: (form, decision date, violation date, reason).
DISCIPLINES_2016 = [
    (Form.REPRIMAND, dt.date(2016, 4, 20), dt.date(2015, 11, 3), "Vi phạm chính sách dân số (sinh con thứ ba)"),
    (Form.REPRIMAND, dt.date(2016, 7, 14), dt.date(2016, 2, 22),
     "Không thực hiện nhiệm vụ đảng viên nơi cư trú, không giữ mối liên hệ với chi ủy nơi cư trú"),
    (Form.WARNING, dt.date(2016, 9, 8), dt.date(2015, 6, 17), "Vi phạm quy định trong quản lý, sử dụng đất đai"),
    (Form.REMOVAL, dt.date(2016, 11, 24), dt.date(2016, 3, 1),
     "Thiếu trách nhiệm trong lãnh đạo, quản lý, để xảy ra sai phạm về tài chính tại đơn vị"),
]  # fmt: skip


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("inspection")
    hm = Organization.objects.get(code="HM")
    counts = {"orgs": 0, "members": 0}
    for year in YEARS:
        for month, day in WAVES:
            _wave(ctx, rng, hm, dt.date(year, month, day), counts)
    _discipline_a_cell(ctx, rng, hm, dt.date(2015, 10, 12))
    ctx.disciplined_2016 = _discipline_2016(ctx, rng, hm)
    ctx.say(
        f"Kiểm tra, giám sát 2014–2016: {counts['orgs']} lượt tổ chức, {counts['members']} lượt đảng viên; "
        f"kỷ luật {len(ctx.disciplined_2016)} đảng viên năm 2016."
    )


def _units_on(hm: Organization, day: dt.date) -> dict[int, tuple[str, int | None]]:
    """{org id: (level, superior id)} of the subtree as it stood on `day`."""
    return {p.org_id: (p.org.level, p.parent_id) for p in subtree_periods_on(hm, day).select_related("org")}


def _grassroots_of(units: dict, org_id: int) -> int:
    level, parent = units[org_id]
    return parent if level == Level.CELL else org_id


def _wave(ctx, rng, hm, start: dt.date, counts: dict) -> None:
    units = _units_on(hm, start)
    grassroots = sorted(pk for pk, (level, _) in units.items() if level in GRASSROOTS_LEVELS)
    by_pk = Organization.objects.in_bulk(grassroots)
    # The district: about a quarter of the grassroots organizations per wave, half inspected, half supervised.
    for n, pk in enumerate(rng.sample(grassroots, k=min(len(grassroots), rng.randint(5, 8)))):
        kind = Kind.INSPECTION if n % 2 == 0 else Kind.SUPERVISION
        inspection_record(
            actor=ctx.actor, kind=kind, mode=rng.choice([Mode.REGULAR, Mode.THEMATIC]), conducted_by=hm,
            subject_org=by_pk[pk], start_date=start, end_date=start + dt.timedelta(days=rng.randint(10, 40)),
            content=rng.choice(ORG_TOPICS), conclusion="Cơ bản thực hiện tốt; cần khắc phục một số hạn chế đã chỉ ra.",
        )  # fmt: skip
        counts["orgs"] += 1
    # The grassroots committees: a few of their members each wave.
    members = sorted(periods_on(hm, start).filter(activity=Activity.ACTIVE).values_list("member_id", "org_id"))
    for n, (member_id, org_id) in enumerate(rng.sample(members, k=min(len(members), rng.randint(6, 10)))):
        found = rng.random() < 0.15
        conductor = by_pk.get(_grassroots_of(units, org_id)) or hm
        inspection_record(
            actor=ctx.actor, kind=Kind.INSPECTION if n % 3 else Kind.SUPERVISION,
            mode=Mode.SIGNS_OF_VIOLATION if found else Mode.REGULAR, conducted_by=conductor,
            subject_member=Member.objects.get(pk=member_id), start_date=start,
            end_date=start + dt.timedelta(days=rng.randint(7, 30)), content=rng.choice(MEMBER_TOPICS),
            conclusion="Có vi phạm, đề nghị xem xét xử lý." if found else "Chấp hành tốt.",
            violations_found=found, violation_date=start - dt.timedelta(days=rng.randint(30, 400)) if found else None,
        )  # fmt: skip
        counts["members"] += 1


def _discipline_a_cell(ctx, rng, hm, decided_on: dt.date) -> None:
    """One cell reprimanded by its grassroots committee in 2015 (none in 2016: the seed names none)."""
    units = _units_on(hm, decided_on)
    cells = sorted(pk for pk, (level, _) in units.items() if level == Level.CELL)
    if not cells:
        return
    cell = Organization.objects.get(pk=rng.choice(cells))
    committee = Organization.objects.get(pk=units[cell.pk][1])
    discipline_record(
        actor=ctx.actor, form=Form.REPRIMAND, subject_org=cell, decided_by=committee,
        decision_no="15-QĐ/ĐU", decision_date=decided_on, violation_date=dt.date(2015, 3, 1),
        reason="Buông lỏng quản lý đảng viên, để đảng viên vi phạm kéo dài",
    )  # fmt: skip


def _discipline_2016(ctx, rng, hm) -> list[int]:
    """Four full members, each full on the decision date and still active at the end of 2016."""
    year_end = dt.date(2016, 12, 31)
    staying = set(periods_on(hm, year_end).filter(standing=Standing.FULL, activity=Activity.ACTIVE)
                  .values_list("member_id", flat=True))  # fmt: skip
    chosen: list[int] = []
    for form, decided_on, violated_on, reason in DISCIPLINES_2016:
        units = _units_on(hm, decided_on)
        candidates = sorted(
            (member_id, org_id)
            for member_id, org_id in periods_on(hm, decided_on).filter(standing=Standing.FULL)
            .values_list("member_id", "org_id")
            if member_id in staying and member_id not in chosen
        )  # fmt: skip
        member_id, org_id = rng.choice(candidates)
        decided_by = Organization.objects.get(pk=_grassroots_of(units, org_id))
        discipline_record(
            actor=ctx.actor, form=form, subject_member=Member.objects.get(pk=member_id), decided_by=decided_by,
            decision_no=f"{len(chosen) + 1:02d}-QĐ/ĐU", decision_date=decided_on, violation_date=violated_on,
            reason=reason,
        )  # fmt: skip
        chosen.append(member_id)
    return chosen
