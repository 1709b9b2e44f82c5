"""Targets of 2016: the city (Thành ủy, HN) assigns Hoàng Mai 5 new party organizations in
non-state enterprises ("chỉ tiêu TP giao": 6 founded → 120%); Hoàng Mai's own plan is 180
admissions (209 admitted → 116%); each ward sets its own admission plan. The achievements are
never typed in: they come from the indicators over the records built by the other steps."""

from dangvu.organizations.models import Kind, Level
from dangvu.targets.services import target_set

from ..context import YEAR, DemoContext


def build(ctx: DemoContext) -> None:
    city, district = ctx.org("HN"), ctx.org("HM")
    target_set(
        actor=ctx.actor, org=district, indicator_key="orgs.founded.non_state_enterprise", year=YEAR, value=5,
        assigned_by=city, note="Chỉ tiêu Thành phố giao",
    )  # fmt: skip
    target_set(
        actor=ctx.actor, org=district, indicator_key="members.admitted", year=YEAR, value=180,
        assigned_by=district, note="Kế hoạch kết nạp đảng viên năm 2016 của Quận ủy",
    )  # fmt: skip
    rng = ctx.rng_for("targets")
    wards = sorted(
        (o for o in ctx.orgs.values() if o.kind == Kind.WARD and o.level == Level.GRASSROOTS_COMMITTEE
         and o.parent_id == district.pk and o.dissolved_on is None),
        key=lambda o: o.code,
    )  # fmt: skip
    for ward in wards:
        target_set(
            actor=ctx.actor, org=ward, indicator_key="members.admitted", year=YEAR, value=rng.randint(5, 9),
            assigned_by=ward, note="Kế hoạch kết nạp đảng viên năm 2016",
        )  # fmt: skip
    ctx.say(f"Chỉ tiêu năm {YEAR}: 2 chỉ tiêu của quận, kế hoạch kết nạp của {len(wards)} phường.")
