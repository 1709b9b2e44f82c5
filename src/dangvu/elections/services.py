"""Writes of elections and their per-area results. Each service validates first, raises a
ValidationError naming the field in Vietnamese, runs in one transaction and is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.numbers import format_int
from dangvu.core.text import clean, unaccent
from dangvu.organizations.models import Organization

from .models import Election, ElectionArea


def election_checks(*, name, date, organizer) -> list:
    """election_create's checks, each a callable raising its ValidationError: the service runs them
    in turn, the form all at once (web.forms.check_all) so every error shows on the first submit.
    A check whose fields are missing or did not parse waits for the one that names them."""
    day = date if isinstance(date, dt.date) and date <= dt.date.today() else None

    def named():
        if not clean(name or ""):
            fail("name", "Hãy nhập tên cuộc bầu cử.")

    def held():
        if not isinstance(date, dt.date):
            fail("date", "Ngày bầu cử không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 22/05/2016.")
        if date > dt.date.today():
            fail("date", f"Ngày bầu cử {format_date(date)} ở tương lai; chỉ ghi kết quả cuộc bầu cử đã diễn ra.")

    def led():
        if organizer is None:
            fail("organizer", "Hãy chọn tổ chức đảng lãnh đạo cuộc bầu cử.")
        if day is not None and not organizer.is_active_on(day):
            fail("organizer", f"{organizer.name} không hoạt động vào ngày {format_date(day)}.")
        if day is not None:
            require_open(org=organizer, day=day)

    return [named, held, led]


@transaction.atomic
def election_create(*, actor, name: str, date: dt.date, organizer: Organization) -> Election:
    """An election held on `date` (not in the future), led by `organizer` (election_checks)."""
    for check in election_checks(name=name, date=date, organizer=organizer):
        check()
    with acting_as(actor):
        return Election.objects.create(name=clean(name), date=date, organizer=organizer)


def _count(field: str, value, label: str) -> int:
    if value is None or value == "":
        fail(field, f"Hãy nhập {label}.")
    if not isinstance(value, int) or isinstance(value, bool):
        fail(field, f"{label.capitalize()} phải là số nguyên.")
    if value < 0:
        fail(field, f"{label.capitalize()} không thể âm ({value}).")
    return value


def area_checks(election: Election, *, name, org, registered, voted) -> list:
    """election_area_record's checks, as election_checks: the area's name (once per election), the
    two counts (whole, not negative, no more voters than registered), its unit alive on the day and
    the year open for the unit and the organizer."""
    name = clean(name or "")

    def named():
        if not name:
            fail("name", "Hãy nhập tên khu vực bỏ phiếu (phường, đơn vị).")

    def counts():
        # each count on its own field; the turnout waits for both
        problems = {}
        for field, value, label in (("registered", registered, "số cử tri trong danh sách"),
                                    ("voted", voted, "số cử tri đã đi bầu")):  # fmt: skip
            try:
                _count(field, value, label)
            except ValidationError as e:
                problems.update(e.message_dict)
        if problems:
            raise ValidationError(problems)
        if voted > registered:
            fail(
                "voted",
                f"Khu vực {name}: số cử tri đi bầu ({format_int(voted)}) lớn hơn số cử tri trong danh sách "
                f"({format_int(registered)}), tỷ lệ vượt 100%; hãy kiểm tra lại hai số này.",
            )

    def unit():
        if org is None:
            fail("org", "Hãy chọn tổ chức đảng của địa bàn (phường, đơn vị).")
        if not org.is_active_on(election.date):
            fail("org", f"{org.name} không hoạt động vào ngày bầu cử {format_date(election.date)}.")
        # the turnout of a closed year is in its issued report: the area's unit and the organizer both hold it
        require_open(org=org, day=election.date, field="org")
        require_open(org=election.organizer, day=election.date, field="org")

    def once():
        key = unaccent(name)
        if name and any(unaccent(n) == key for n in election.areas.values_list("name", flat=True)):
            fail("name", f"Khu vực {name} đã có kết quả trong cuộc bầu cử này; hãy sửa kết quả đã nhập.")

    return [named, counts, unit, once]


@transaction.atomic
def election_area_record(
    *, actor, election: Election, name: str, org: Organization, registered: int, voted: int
) -> ElectionArea:
    """The result of one area: registered voters and voters who voted (at most all of them).
    An area appears once per election."""
    for check in area_checks(election, name=name, org=org, registered=registered, voted=voted):
        check()
    name = clean(name)
    with acting_as(actor):
        return ElectionArea.objects.create(election=election, name=name, org=org, registered=registered, voted=voted)
