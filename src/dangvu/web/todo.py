"""A clerk's home page (issue 20, item 1): what is due in their unit, each with a count and the
page that lists it. The counts are the dashboard's alert selectors and each area's own selectors
— nothing is counted a second way here."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.candidates.selectors import stalled
from dangvu.core.dates import format_date
from dangvu.dashboard import selectors as board
from dangvu.dues.rules import month_end
from dangvu.dues.selectors import unpaid_months
from dangvu.meetings.selectors import REMOVAL_MONTHS, held_in, removal_flags
from dangvu.members.models import MemberEvent
from dangvu.members.transfers import PRESENT_WITHIN_WORKING_DAYS, transfers_not_received, transfers_waiting
from dangvu.organizations.models import MEMBER_LEVELS

STALLED_DAYS = 90  # a candidate's file untouched this long is called stalled (the list's filter)


@dataclass
class Due:
    label: str
    count: int
    url: str
    hint: str = ""


def latest_year(root) -> int:
    """The latest year with records in `root`'s subtree (the members' events), not after this
    year: a clerk of a registry kept up to 2016 lands on 2016, not on an empty current year."""
    today = dt.date.today()
    last = MemberEvent.objects.filter(org__path__startswith=root.path, date__lte=today).aggregate(d=Max("date"))["d"]
    return last.year if last else today.year


def day_of(year: int) -> dt.date:
    """The day the page looks from: today in the current year, else the year's last day."""
    today = dt.date.today()
    return today if year >= today.year else dt.date(year, 12, 31)


def due_items(scope, year: int) -> list[Due]:
    org = scope.root
    on = day_of(year)
    ngay = "" if on == dt.date.today() else "?" + urlencode({"ngay": format_date(on)})
    month = on.replace(day=1)

    def alert(kind):
        return reverse("dashboard-alert", args=[org.pk, year, kind]) + ngay

    cells = scope.orgs().filter(level__in=MEMBER_LEVELS, founded_on__lte=month_end(month))
    cells = cells.exclude(dissolved_on__lte=month)
    unrecorded = cells.exclude(pk__in=held_in(org, month, month_end(month)).values("org_id")).count()
    owing = len(unpaid_months(org, year, on))
    return [
        Due(_("Sắp hết thời gian dự bị"), board.probation_ending_count(org, on), alert("du-bi"),
            _("Đảng viên dự bị đến hạn xét công nhận chính thức (Điều lệ Đảng, Điều 5: dự bị 12 tháng).")),
        Due(_("Quá hạn xét công nhận chính thức"), board.probation_overdue_count(org, on), alert("du-bi") + "#qua-han",
            _("Đã hết 12 tháng dự bị mà chưa được xét; công nhận có hiệu lực từ ngày hết dự bị.")),
        Due(_("Chi bộ chưa ghi buổi sinh hoạt tháng %(m)s") % {"m": f"{month:%m/%Y}"}, unrecorded,
            reverse("meeting-list") + "?" + urlencode({"nam": year})),
        Due(_("Đảng viên còn nợ đảng phí năm %(y)s") % {"y": year}, owing,
            reverse("dues-arrears") + "?" + urlencode({"nam": year})),
        Due(_("Đảng viên cần xem xét xóa tên"), len(removal_flags(org, year, on)),
            reverse("meeting-removal") + "?" + urlencode({"nam": year}),
            _("Bỏ sinh hoạt đảng hoặc không đóng đảng phí %(n)s tháng trong năm không có lý do chính đáng "
              "(Điều lệ Đảng, Điều 8).") % {"n": REMOVAL_MONTHS}),
        Due(_("Hồ sơ quần chúng ưu tú dừng quá %(n)s ngày") % {"n": STALLED_DAYS},
            stalled(org, days=STALLED_DAYS, today=on).count(),
            reverse("candidate-list") + "?" + urlencode({"dung_qua": STALLED_DAYS})),
        Due(_("Đến hạn xét tặng Huy hiệu Đảng"), board.badges_due_count(org, scope.members(), on), alert("huy-hieu"),
            _("Trao vào các dịp 3/2, 19/5, 2/9 và 7/11 (Quy định 94-QĐ/TW năm 2017).")),
        Due(_("Đảng viên chuyển đến chờ tiếp nhận"), transfers_waiting(scope).count(), reverse("transfer-list")),
        Due(_("Giấy giới thiệu chuyển đi quá %(n)s ngày làm việc chưa được nơi đến tiếp nhận")
            % {"n": PRESENT_WITHIN_WORKING_DAYS},
            transfers_not_received(scope, on).count(), reverse("transfer-list") + "#da-gui",
            _("Đảng viên phải xuất trình giấy giới thiệu với nơi đến trong %(n)s ngày làm việc "
              "(Hướng dẫn 01-HD/TW năm 2021); hỏi nơi đến hoặc đảng viên.") % {"n": PRESENT_WITHIN_WORKING_DAYS}),
        Due(_("Cán bộ sắp hết thời hạn bổ nhiệm"), board.terms_ending_soon(org, on).count(), alert("bo-nhiem"),
            _("Bổ nhiệm có thời hạn 5 năm; xem xét bổ nhiệm lại trước khi hết hạn (báo trước %(n)s tháng).")
            % {"n": board.TERM_ALERT_MONTHS}),
        Due(_("Vi phạm đã quá thời hiệu kỷ luật"), len(board.limitations_passed(org, on)), alert("thoi-hieu"),
            _("Thời hiệu 5 năm với khiển trách, 10 năm với cảnh cáo, cách chức (Quy định 102-QĐ/TW năm 2017).")),
        Due(_("Tổ chức cơ sở đảng chưa nhập kết quả đánh giá năm %(y)s") % {"y": year},
            board.reviews_missing(org, year).count(), alert("danh-gia")),
    ]  # fmt: skip
