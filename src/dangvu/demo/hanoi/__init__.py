"""The second demo, Hà Nội 2025–2026 (`dangvu demo --scenario hanoi-2025`), built on the Hoàng Mai
2016 demo: the district's yearly flows 2017 → 30/6/2025 (flows.py), the reorganization of 1/7/2025
into 7 ward committees under the city (plan.py, reorganize.py), and the new phường Hoàng Mai's 2025
and 2026 so far (ward_year.py), its 2026 quarters evaluated under QĐ 366 (quarters.py). Everything
goes through the services, in one transaction; run twice, the second run changes nothing. See
build_hanoi_2025."""

import datetime as dt
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.models import Role
from dangvu.accounts.services import user_create
from dangvu.core.numbers import format_int
from dangvu.organizations.models import Organization

from ..context import DemoContext, seconds
from ..logins import HANOI_LOGINS, Line, logins_path, new_password, read_logins, write_logins
from . import plan as p
from . import quarters as q
from . import ward_year as w
from .flows import Flows
from .reorganize import build_plan, reorganize

ALREADY_THERE = "Dữ liệu mẫu Hà Nội 2025–2026 đã có; không thay đổi gì."
NEEDS_2016 = "Chưa có dữ liệu mẫu Hoàng Mai 2016; hãy chạy trước: dangvu demo"


def present() -> bool:
    return Organization.objects.filter(code=w.CODE).exists()


@transaction.atomic
def build_hanoi_2025(*, actor, scale: float = 1.0, log=print, logins_file=None) -> DemoContext:
    """Build the scenario once: raises ValidationError when the 2016 demo is missing; does nothing
    (says so) when the scenario is already there."""
    if present():
        log(ALREADY_THERE)
        return DemoContext(actor=actor, scale=scale, logins_file=logins_file)
    if not Organization.objects.filter(code=p.DISTRICT, dissolved_on__isnull=True).exists():
        raise ValidationError(NEEDS_2016)
    ctx = DemoContext(actor=actor, scale=scale, logins_file=logins_file)
    district = Organization.objects.get(code=p.DISTRICT)
    flows = Flows(ctx)
    left = flows.adopt_probationary(district, closed_until=dt.date(2016, 12, 31))
    if left:
        log(f"{left} đảng viên hết thời gian dự bị trong năm 2016 (đã chốt số liệu) chưa được công nhận chính thức.")

    def step(label, action):
        started = time.perf_counter()
        result = action()
        log(f"{label}: {result} ({seconds(time.perf_counter() - started)}).")

    for year in range(2017, 2025):
        step(f"Năm {year}", lambda y=year: _flow_text(flows.year(district, dt.date(y, 1, 1), dt.date(y, 12, 31), "QU")))
    day_before = p.ON - dt.timedelta(days=1)
    step("01/01–30/6/2025", lambda: _flow_text(flows.year(district, dt.date(2025, 1, 1), day_before, "QU")))
    received = w.cells_going_to(build_plan, w.CODE)
    step("Kết nạp trước 01/7/2025 ở các chi bộ sẽ chuyển về phường Hoàng Mai",
         lambda: w.admissions(flows, received, dt.date(2025, 1, 2), day_before, w.BEFORE, "QU"))  # fmt: skip
    flows.recognize_until(day_before, "QU")
    step("Sắp xếp ngày 01/7/2025", lambda: reorganize(ctx) or "xong")
    for line in ctx.log:
        log(line)
    ctx.log.clear()
    city, ward = Organization.objects.get(code=p.CITY), Organization.objects.get(code=w.CODE)
    step("01/7–31/12/2025 (7 phường)",
         lambda: _flow_text(flows.year(city, p.ON, dt.date(2025, 12, 31), "ĐU", share=0.5)))  # fmt: skip
    step("Kết nạp sau 01/7/2025 ở phường Hoàng Mai",
         lambda: w.admissions(flows, w.cells_of(ward, p.ON), p.ON, dt.date(2025, 12, 19), w.AFTER, "ĐU"))  # fmt: skip
    flows.recognize_until(dt.date(2025, 12, 31), "ĐU")
    w.target_2025(ctx)
    step("Đánh giá, xếp loại năm 2025 của phường Hoàng Mai", lambda: w.review_2025(ctx))
    w.report_2025(ctx)
    until = min(w.UNTIL_2026, dt.date.today())
    step(
        "Năm 2026 đến nay (7 phường)",
        lambda: _flow_text(flows.year(city, dt.date(2026, 1, 1), until, "ĐU", share=until.timetuple().tm_yday / 365)),
    )
    step("Kết nạp năm 2026 ở phường Hoàng Mai",
         lambda: w.admissions(flows, w.cells_of(ward, until), dt.date(2026, 1, 5), until, w.IN_2026, "ĐU"))  # fmt: skip
    flows.recognize_until(until, "ĐU")
    step("Sinh hoạt chi bộ 2026 (phường Hoàng Mai)", lambda: f"{w.meetings_2026(ctx, until)} buổi")
    step("Đảng phí 2026 (phường Hoàng Mai)", lambda: f"{format_int(w.dues_2026(ctx, until))} lượt nộp")
    step("Đánh giá theo quý năm 2026 (Quy định 366-QĐ/TW)", lambda: q.quarters_2026(ctx, until))
    made = _logins(ctx)
    if made:
        log(f"Tài khoản dùng thử mới: {', '.join(made)} (xem bằng `dangvu logins`).")
    return ctx


def _flow_text(done: dict) -> str:
    return (
        f"kết nạp {done['admitted']}, công nhận chính thức {done['recognized']}, "
        f"chuyển đến {done['transferred_in']}, từ trần {done['died']}"
    )


def _logins(ctx) -> list[str]:
    """The new ward's demo logins, added to the logins file beside the 2016 ones."""
    User = get_user_model()
    lines = []
    for login in HANOI_LOGINS:
        if User.objects.filter(username=login.username).exists():
            continue
        org = Organization.objects.get(code=login.org_code)
        password = new_password()
        user_create(actor=ctx.actor, username=login.username, password=password, role=login.role, org=org,
                    full_name=login.full_name)  # fmt: skip
        lines.append(Line(login.username, password, Role(login.role).label, org.name))
    if lines:
        kept = read_logins(logins_path(ctx.logins_file)) or []
        write_logins(kept + lines, logins_path(ctx.logins_file))
        ctx.logins.extend(lines)
    return [x.username for x in lines]
