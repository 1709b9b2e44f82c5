"""The reorganization of 1/7/2025 through members.reorganization.org_reorganize: the
district HM, its 14 ward committees and one divided cell end; the 7 new ward committees are
founded under the city; every cell of an old ward, every grassroots organization of the district
and every member of the divided cell is assigned exactly once (demo.hanoi.plan says where)."""

# The module itself, not `from . import plan`: that runs the package, which imports this module.
import dangvu.demo.hanoi.plan as p
from dangvu.members.models import MemberPeriod
from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.reorganization import MEMBER, UNIT, Assignment, NewUnit, Plan
from dangvu.organizations.selectors import covering

BEFORE = p.ON.replace(day=30, month=6)


def _children(org: Organization) -> list[Organization]:
    return [c for c in Organization.objects.filter(parent=org).order_by("code") if c.is_active_on(BEFORE)]


def build_plan() -> Plan:
    district = Organization.objects.get(code=p.DISTRICT)
    ward_codes = [f"{p.DISTRICT}-{w}" for w in p.COMPOSITION]
    found = [
        NewUnit(code=code, name=f"Đảng bộ phường {name}", level=Level.COMMUNE, kind=Kind.WARD, parent=p.CITY,
                short_name=f"Phường {name}")
        for code, name in p.NEW_WARDS.items()
    ]  # fmt: skip
    assignments: list[Assignment] = []
    first_of: dict[str, str] = {}  # receiving new ward -> the first Thịnh Liệt cell it took
    for ward in p.COMPOSITION:
        cells = [c.code for c in _children(Organization.objects.get(code=f"{p.DISTRICT}-{ward}"))]
        cells = [c for c in cells if c != p.DIVIDED_CELL]
        for cell, new in p.divide_ward(ward, cells).items():
            assignments.append(Assignment(UNIT, cell, new))
            if cell.startswith(f"{p.DISTRICT}-TL-") and p.is_residential(cell):
                first_of.setdefault(new, cell)
    own = [c for c in _children(district) if c.code not in ward_codes]
    for index, org in enumerate(own):
        assignments.append(Assignment(UNIT, org.code, p.ward_of_grassroots(org.code, index)))
    divided = Organization.objects.get(code=p.DIVIDED_CELL)
    receivers = [first_of[new] for new, _ in p.COMPOSITION["TL"]]
    members = (
        MemberPeriod.objects.filter(covering(BEFORE), org=divided)
        .order_by("member_id")
        .values_list("member_id", flat=True)
    )
    for n, member_id in enumerate(members):
        assignments.append(Assignment(MEMBER, str(member_id), receivers[n % len(receivers)]))
    return Plan(
        on=p.ON, decision=p.DECISION, dissolve=[p.DISTRICT, *ward_codes, p.DIVIDED_CELL], found=found,
        assignments=assignments,
        note="Sắp xếp tổ chức đảng khi kết thúc hoạt động cấp huyện, sắp xếp đơn vị hành chính cấp xã (dữ liệu mẫu).",
    )  # fmt: skip


def reorganize(ctx) -> None:
    outcome = org_reorganize(actor=ctx.actor, plan=build_plan())
    ctx.orgs.update({o.code: o for o in Organization.objects.all()})
    ctx.say(f"Sắp xếp ngày 01/7/2025 (Quyết định {p.DECISION}): {outcome.summary()}")
