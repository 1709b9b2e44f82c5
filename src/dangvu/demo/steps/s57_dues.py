"""Party dues of 2016 in the cells of two wards (dues.services): each member's basis by
occupation (1% of salary, 0.5% of pension, or the cell's fixed amount), then the month's
collection at each cell — a few members stop paying in the autumn, so the arrears and the
removal list have names. `dues.collected` sums these payments."""

import datetime as dt

from dangvu.core.numbers import format_int
from dangvu.dues.services import dues_basis_set, dues_collect_month
from dangvu.members.models import Member, MemberPeriod

from ..context import YEAR, DemoContext
from .s55_meetings import cells


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("dues")
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    orgs = {o.pk: o for o in cells(ctx, start) + cells(ctx, end)}
    ids = MemberPeriod.objects.filter(org_id__in=orgs, valid_from__lte=end).exclude(valid_to__lt=start)
    members = list(Member.objects.filter(pk__in=ids.values("member_id")).order_by("pk"))
    debtors = set()
    for m in members:
        if m.occupation == "Hưu trí":
            dues_basis_set(
                actor=ctx.actor,
                member=m,
                kind="pension",
                valid_from=start,
                base_amount=rng.randrange(2_500_000, 9_000_000, 50_000),
            )
        elif m.occupation in ("Lao động tự do", "Kinh doanh", "Công nhân", "Cán bộ tổ dân phố", "Nhân viên văn phòng"):
            dues_basis_set(actor=ctx.actor, member=m, kind="fixed", valid_from=start, fixed_amount=5_000)
        else:
            dues_basis_set(
                actor=ctx.actor,
                member=m,
                kind="salary",
                valid_from=start,
                base_amount=rng.randrange(3_500_000, 14_000_000, 10_000),
            )
        if rng.random() < 0.02:
            debtors.add(m.pk)
    payments = 0
    for month in range(1, 13):
        first = dt.date(YEAR, month, 1)
        for org in cells(ctx, first):
            payers = None if month < 9 else {m.pk for m in members} - debtors
            paid = dues_collect_month(
                actor=ctx.actor,
                org=org,
                month=first,
                paid_on=first + dt.timedelta(days=rng.randint(2, 14)),
                member_ids=payers,
                collected_by="Đồng chí Chi ủy viên phụ trách tài chính",
            )
            payments += len(paid)
    ctx.say(
        f"Đảng phí 2016 (phường Định Công, Đại Kim): {format_int(len(members))} đảng viên, "
        f"{format_int(payments)} lượt nộp, {len(debtors)} đảng viên ngừng nộp từ tháng 9."
    )
