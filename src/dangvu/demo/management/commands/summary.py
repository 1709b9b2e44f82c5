"""`dangvu summary --org HM --year 2016`: the main figures of a subtree, from the selectors.
Without --org: the committees at the top of the tree, each with the committees directly under it
and their codes (after the demo: HM, which ended on 1/7/2025, and HN with its new wards)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from dangvu.core.dates import format_date
from dangvu.core.numbers import format_int
from dangvu.members.models import EventKind, MemberEvent
from dangvu.members.selectors import member_count_on, member_counts_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_ids_during, subtree_periods_on

FIRST_YEAR = 2006
# Columns of the yearly table: (event kind, heading).
YEARLY = [
    (EventKind.REGISTERED, "Nhập hồ sơ"),
    (EventKind.ADMITTED, "Kết nạp"),
    (EventKind.RECOGNIZED, "Công nhận CT"),
    (EventKind.TRANSFERRED_IN, "Chuyển đến"),
    (EventKind.TRANSFERRED_OUT, "Chuyển đi"),
    (EventKind.DIED, "Từ trần"),
    (EventKind.REMOVED, "Xóa tên"),
    (EventKind.PROBATION_FAILED, "Không CN CT"),
]


class Command(BaseCommand):
    help = "In các số liệu chính của một đảng bộ đến cuối năm: tổ chức đảng, đảng viên, biến động theo năm."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Mã tổ chức đảng; bỏ trống để xem các đảng bộ cấp trên cùng và mã của chúng.")
        parser.add_argument("--year", type=int, help="Năm (mặc định năm trước).")

    def handle(self, *args, org: str | None, year: int | None, **options):
        if not org:
            self.roots()
            return
        year = year or dt.date.today().year - 1
        root = Organization.objects.filter(code=org.strip().upper()).first()
        if root is None:
            raise CommandError(f"Không có tổ chức đảng mã {org}; hãy kiểm tra lại mã (ví dụ HM).")
        end = dt.date(year, 12, 31)
        out = self.stdout.write
        out(f"{root.name} — số liệu đến ngày {format_date(end)}")
        out("")
        self.organizations(root, end)
        out("")
        counts = member_counts_on(root, end)
        out(f"Đảng viên đến {format_date(end)}")
        for label, key in (("Tổng số", "total"), ("Dự bị", "probationary"), ("Chính thức", "full"),
                           ("Miễn sinh hoạt", "exempt")):  # fmt: skip
            out(f"  {label:<28}{format_int(counts[key]):>8}")
        out("")
        self.yearly(root, year)

    def roots(self):
        """The committees no unit stands above, with their life and the committees under them."""
        out = self.stdout.write
        roots = Organization.objects.filter(parent__isnull=True).order_by("code")
        if not roots:
            out("Chưa có tổ chức đảng nào. Tạo đảng bộ gốc: dangvu setup (hoặc dangvu demo để có dữ liệu mẫu).")
            return
        out("Các đảng bộ cấp trên cùng (mã, tên) và các đảng bộ trực thuộc:")
        committees = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.BLOC)
        for root in roots:
            out(f"  {root.code:<10}{root.name}{_life(root)}")
            under = root.children.filter(level__in=committees).order_by("code")
            for unit in under:
                out(f"    {unit.code:<10}{unit.name}{_life(unit)}")
        out("Xem số liệu một đảng bộ: dangvu summary --org MÃ --year NĂM")

    def organizations(self, root, end):
        by_level = dict(
            subtree_periods_on(root, end).exclude(org_id=root.pk).values_list("org__level").annotate(n=Count("id"))
        )
        grassroots = sum(by_level.get(level, 0) for level in GRASSROOTS_LEVELS)
        self.stdout.write(f"Tổ chức đảng đến {format_date(end)}")
        rows = [(Level(level).label, by_level[level]) for level in Level.values if by_level.get(level)]
        rows.insert(0, ("Tổ chức cơ sở đảng", grassroots))
        for label, n in rows:
            self.stdout.write(f"  {label:<44}{format_int(n):>8}")
        # Since 1/7/2025 a city holds ward and commune committees directly: list them with their codes
        # (the Hà Nội 2025 demo's seven new wards, `dangvu demo --scenario hanoi-2025`).
        direct = (
            subtree_periods_on(root, end).filter(parent=root, org__level__in=(Level.COMMUNE, Level.BLOC))
            .select_related("org").order_by("org__code")
        )  # fmt: skip
        if direct:
            self.stdout.write(f"Đảng bộ trực thuộc {root.name} (mã, tên)")
            for period in direct:
                self.stdout.write(f"  {period.org.code:<10}{period.org.name}")

    def yearly(self, root, year):
        headings = [h for _, h in YEARLY] + ["Cuối năm"]
        self.stdout.write("Biến động đảng viên theo năm")
        self.stdout.write("  Năm  " + "  ".join(f"{h:>12}" for h in headings))
        registered = 0
        for y in range(FIRST_YEAR, year + 1):
            start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
            # The units under the root at some time in the year, as the tree stood then.
            counts = dict(
                MemberEvent.objects.filter(date__range=(start, end), org_id__in=subtree_ids_during(root, start, end))
                .values_list("kind")
                .annotate(n=Count("id"))
            )
            cells = [format_int(counts.get(kind, 0)) for kind, _ in YEARLY] + [format_int(member_count_on(root, end))]
            self.stdout.write(f"  {y}  " + "  ".join(f"{c:>12}" for c in cells))
            registered += counts.get(EventKind.REGISTERED, 0)
        if registered:
            # Without this, a year whose members were typed in from paper (or imported) shows
            # "Kết nạp 0" beside an end-of-year count that grows, with nothing to say why.
            self.stdout.write(
                f"  “Nhập hồ sơ”: {format_int(registered)} đảng viên vào Đảng trước khi có trong hệ thống, được nhập"
                " hồ sơ (không phải kết nạp trong năm); số cuối năm tính cả họ, nên tăng nhiều hơn số kết nạp."
            )


def _life(unit: Organization) -> str:
    if unit.dissolved_on:
        return f" (từ {format_date(unit.founded_on)} đến {format_date(unit.dissolved_on)})"
    return f" (từ {format_date(unit.founded_on)})"
