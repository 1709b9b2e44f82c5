"""Writes of awards. Each service validates first (a ValidationError naming the field, in
Vietnamese), then writes in one transaction attributed to `actor`."""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail, refuse_unknown_fields
from dangvu.core.text import clean, clean_multiline
from dangvu.organizations.models import Organization

from .models import ORG_ONLY_TITLES, Award, Program, RecipientKind, Title

FIELDS = (
    "recipient_kind", "recipient_org", "recipient_member", "recipient_name", "title", "title_detail", "program",
    "for_year", "awarded_by", "decision_no", "decision_date", "note",
)  # fmt: skip


def _check_recipient(kind, org: Organization | None, member, name: str, decision_date: dt.date | None, title: str):
    """One recipient that fits the kind and the title; a unit alive on the decision's day (when known)."""
    given = [x for x in (org, member, name) if x]
    if len(given) != 1:
        fail(
            "recipient_org" if org else "recipient_name",
            "Mỗi quyết định khen ghi đúng một đối tượng: chọn một tổ chức đảng, hoặc một đảng viên, hoặc nhập "
            "tên tập thể / cá nhân khác (không nhập nhiều hơn một)."
            if given
            else "Hãy chọn tổ chức đảng hoặc đảng viên được khen, hoặc nhập tên tập thể / cá nhân được khen.",
        )
    if org is not None:
        if kind != RecipientKind.COLLECTIVE:
            fail("recipient_kind", "Tổ chức đảng là tập thể; hãy chọn đối tượng là Tập thể.")
        if decision_date is not None and org.dissolved_on is not None and org.dissolved_on <= decision_date:
            fail(
                "recipient_org",
                f"{org.name} đã giải thể hoặc sáp nhập từ ngày {format_date(org.dissolved_on)}, trước ngày quyết định "
                f"{format_date(decision_date)}; không thể khen thưởng tổ chức không còn hoạt động. "
                "Hãy kiểm tra lại tổ chức hoặc ngày quyết định.",
            )
        if decision_date is not None and org.founded_on > decision_date:
            fail(
                "recipient_org",
                f"{org.name} thành lập ngày {format_date(org.founded_on)}, sau ngày quyết định; hãy kiểm tra lại.",
            )
    if member is not None and kind != RecipientKind.PERSON:
        fail("recipient_kind", "Đảng viên là cá nhân; hãy chọn đối tượng là Cá nhân.")
    if title in ORG_ONLY_TITLES and org is None:
        fail(
            "recipient_org",
            f"Danh hiệu “{Title(title).label}” chỉ dành cho tổ chức đảng; hãy chọn tổ chức đảng được khen.",
        )


def award_checks(data: dict) -> list:
    """The checks of an award's fields, each a callable raising its ValidationError: _validated runs
    them in turn, the form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    kind, title = data.get("recipient_kind"), data.get("title")
    awarded_by: Organization | None = data.get("awarded_by")
    day = data.get("decision_date")
    known_day = day if isinstance(day, dt.date) and day <= dt.date.today() else None

    def recipient_kind():
        if kind not in RecipientKind.values:
            fail("recipient_kind", "Hãy chọn đối tượng được khen: tập thể hoặc cá nhân.")

    def title_known():
        if title not in Title.values:
            fail("title", "Hãy chọn danh hiệu hoặc hình thức khen thưởng.")

    def program():
        if data.get("program") not in Program.values:
            fail("program", "Hãy chọn căn cứ khen thưởng (kết quả đánh giá, Chỉ thị 03, Chỉ thị 05 hoặc khác).")

    def committee():
        if awarded_by is None:
            fail("awarded_by", "Hãy chọn cấp ủy ra quyết định khen thưởng.")

    def decision_no():
        if not clean(data.get("decision_no")):
            fail("decision_no", "Hãy nhập số quyết định khen thưởng, ví dụ 512-QĐ/QU.")

    def decision_day():
        if day is None:
            fail("decision_date", "Hãy nhập ngày quyết định khen thưởng (ngày/tháng/năm).", code="required")
        if not isinstance(day, dt.date):
            fail("decision_date", "Ngày quyết định không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 30/12/2016.")
        if day > dt.date.today():
            fail("decision_date", f"Ngày quyết định {format_date(day)} ở tương lai; hãy nhập ngày đã ký quyết định.")

    def committee_active():
        if awarded_by is not None and known_day and not awarded_by.is_active_on(known_day):
            fail("awarded_by", f"{awarded_by.name} không hoạt động vào ngày {format_date(known_day)}.")

    def recipient():
        org, member = data.get("recipient_org"), data.get("recipient_member")
        _check_recipient(kind, org, member, clean(data.get("recipient_name")), known_day, title)

    def for_year():
        year = data.get("for_year")
        if year is not None and known_day and not (1930 <= year <= known_day.year):
            fail("for_year", f"Năm thành tích {year} không hợp lệ; phải không sau năm quyết định ({known_day.year}).")

    return [
        recipient_kind, title_known, program, committee, decision_no, decision_day, committee_active, recipient,
        for_year,
    ]  # fmt: skip


def _validated(data: dict) -> dict:
    for check in award_checks(data):
        check()
    kind, title, program = data.get("recipient_kind"), data.get("title"), data.get("program")
    awarded_by, decision_no, day = data.get("awarded_by"), clean(data.get("decision_no")), data.get("decision_date")
    org, member, name = data.get("recipient_org"), data.get("recipient_member"), clean(data.get("recipient_name"))
    for_year = data.get("for_year")
    return {
        "recipient_kind": kind, "recipient_org": org, "recipient_member": member, "recipient_name": name,
        "title": title, "title_detail": clean(data.get("title_detail")), "program": program, "for_year": for_year,
        "awarded_by": awarded_by, "decision_no": decision_no, "decision_date": day,
        "note": clean_multiline(data.get("note")),
    }  # fmt: skip


@transaction.atomic
def award_create(*, actor, **fields) -> Award:
    """Record an award to exactly one recipient: a party organization active on the decision
    date, a member, or a named collective or person."""
    refuse_unknown_fields(fields, FIELDS)
    values = _validated(fields)
    require_open(org=values["awarded_by"], day=values["decision_date"], field="decision_date")
    with acting_as(actor):
        return Award.objects.create(**values)


@transaction.atomic
def award_update(*, actor, award: Award, **fields) -> Award:
    refuse_unknown_fields(fields, FIELDS)
    current = {name: getattr(award, name) for name in FIELDS}
    current.update(fields)
    values = _validated(current)
    # the record as it stands, too: an edit must not move it out of a closed year
    require_open(org=award.awarded_by, day=award.decision_date, field="decision_date")
    require_open(org=values["awarded_by"], day=values["decision_date"], field="decision_date")
    with acting_as(actor):
        for name, value in values.items():
            setattr(award, name, value)
        award.save()
    return award


@transaction.atomic
def award_delete(*, actor, award: Award) -> None:
    require_open(org=award.awarded_by, day=award.decision_date, field="decision_date")
    with acting_as(actor):
        award.delete()
