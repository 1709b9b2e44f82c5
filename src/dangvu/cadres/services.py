"""Writes of cadre actions. Each service validates everything first, raising a ValidationError
that names the field in Vietnamese, then writes in one transaction attributed to `actor`."""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import add_years, format_date
from dangvu.core.errors import fail, refuse_unknown_fields
from dangvu.core.text import clean, clean_multiline, unaccent
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .models import TERM_KINDS, TERM_YEARS, ActionKind, CadreAction

# The fields a user types; the services take them as keyword arguments.
FIELDS = (
    "member", "full_name", "kind", "position", "from_org", "from_unit", "to_org", "to_unit", "decided_by",
    "decision_no", "decision_date", "effective_date", "note",
)  # fmt: skip
# Kinds that concern a named post: the post must be given.
POSITION_REQUIRED = (*TERM_KINDS, ActionKind.DISMISSAL, ActionKind.RESIGNATION)


def term_end_for(kind: str, effective_date: dt.date) -> dt.date | None:
    """Appointments and re-appointments run TERM_YEARS from the effective date; other actions have no term."""
    return add_years(effective_date, TERM_YEARS) if kind in TERM_KINDS else None


def _past_date(field_name: str, value, label: str):
    if value is None:
        fail(field_name, f"Hãy nhập {label.lower()} (ngày/tháng/năm), ví dụ 15/3/2016.", code="required")
    if not isinstance(value, dt.date):
        fail(field_name, f"{label} không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 15/3/2016.")
    if value > dt.date.today():
        fail(field_name, f"{label} {format_date(value)} ở tương lai; hãy nhập ngày đã diễn ra.")


def _same_position(a: str, b: str) -> bool:
    return unaccent(a) == unaccent(b)


def _has_prior_appointment(*, member, full_name, position, before, exclude_pk=None) -> bool:
    person = Q(member=member) if member else Q(member__isnull=True, full_name=full_name)
    earlier = CadreAction.objects.filter(person, kind__in=TERM_KINDS, effective_date__lt=before)
    if exclude_pk:
        earlier = earlier.exclude(pk=exclude_pk)
    return any(_same_position(p, position) for p in earlier.values_list("position", flat=True))


def cadre_checks(data: dict, instance: CadreAction | None = None) -> list:
    """The checks of one action's fields, each a callable raising its ValidationError: _validated
    runs them in turn, the form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    member: Member | None = data.get("member")
    full_name = member.full_name if member is not None else clean(data.get("full_name"))
    kind = data.get("kind")
    known_kind = kind in ActionKind.values
    kind_words = f" {ActionKind(kind).label.lower()}" if known_kind else ""  # "quyết định bổ nhiệm"
    position = clean(data.get("position"))
    decided_by: Organization | None = data.get("decided_by")
    decision_date = data.get("decision_date")
    effective_date = data.get("effective_date") or decision_date
    dates = isinstance(decision_date, dt.date) and isinstance(effective_date, dt.date)

    def person():
        if not full_name:
            fail(
                "full_name",
                "Hãy chọn đảng viên trong danh sách, hoặc nhập họ và tên cán bộ (nếu không có trong danh sách).",
                code="required",
            )

    def kind_known():
        if not known_kind:
            fail(
                "kind",
                "Hãy chọn hình thức: điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại, biệt phái, miễn nhiệm "
                "hoặc từ chức.",
            )

    def position_given():
        if known_kind and kind in POSITION_REQUIRED and not position:
            fail("position", f"Hãy nhập chức vụ của quyết định{kind_words}, ví dụ Phó Chủ tịch UBND phường.")

    def committee():
        if decided_by is None:
            fail("decided_by", "Hãy chọn cấp ủy ra quyết định (tổ chức đảng có thẩm quyền).")

    def decision_no():
        if not clean(data.get("decision_no")):
            fail("decision_no", f"Hãy nhập số quyết định{kind_words}, ví dụ 125-QĐ/QU.")

    def decision_day():
        if decision_date is None:
            fail(
                "decision_date",
                f"Quyết định{kind_words} chưa có ngày quyết định; hãy nhập ngày ký quyết định (ngày/tháng/năm).",
                code="required",
            )
        _past_date("decision_date", decision_date, "Ngày quyết định")

    def effective_day():
        if data.get("effective_date") is not None:
            _past_date("effective_date", effective_date, "Ngày hiệu lực")
        if dates and effective_date < decision_date:
            fail(
                "effective_date",
                f"Ngày hiệu lực {format_date(effective_date)} trước ngày quyết định {format_date(decision_date)}; "
                "quyết định chỉ có hiệu lực từ ngày ký trở đi.",
            )

    def committee_active():
        if decided_by is not None and isinstance(decision_date, dt.date) and not decided_by.is_active_on(decision_date):
            fail(
                "decided_by",
                f"{decided_by.name} không hoạt động vào ngày {format_date(decision_date)} "
                "(chưa thành lập hoặc đã giải thể); hãy chọn đúng cấp ủy đã ra quyết định.",
            )

    def prior_appointment():
        if kind != ActionKind.REAPPOINTMENT or clean_multiline(data.get("note")) or not (full_name and dates):
            return
        prior = _has_prior_appointment(
            member=member, full_name=full_name, position=position, before=effective_date,
            exclude_pk=instance.pk if instance else None,
        )  # fmt: skip
        if not prior:
            fail(
                "note",
                f"Chưa có quyết định bổ nhiệm {full_name} vào chức vụ {position} trước ngày "
                f"{format_date(effective_date)}; hãy nhập quyết định bổ nhiệm trước đó, hoặc ghi chú "
                "căn cứ bổ nhiệm lại (ví dụ bổ nhiệm lần đầu năm 2011 theo Quyết định số …).",
            )

    return [
        person, kind_known, position_given, committee, decision_no, decision_day, effective_day, committee_active,
        prior_appointment,
    ]  # fmt: skip


def _validated(data: dict, instance: CadreAction | None = None) -> dict:
    """Normalize and check one action's fields (cadre_checks); returns the values to store."""
    for check in cadre_checks(data, instance):
        check()
    member: Member | None = data.get("member")
    full_name = member.full_name if member is not None else clean(data.get("full_name"))
    kind = data.get("kind")
    position = clean(data.get("position"))
    decided_by = data.get("decided_by")
    decision_no = clean(data.get("decision_no"))
    decision_date = data.get("decision_date")
    effective_date = data.get("effective_date") or decision_date
    note = clean_multiline(data.get("note"))
    return {
        "member": member,
        "full_name": full_name,
        "kind": kind,
        "position": position,
        "from_org": data.get("from_org"),
        "from_unit": "" if data.get("from_org") else clean(data.get("from_unit")),
        "to_org": data.get("to_org"),
        "to_unit": "" if data.get("to_org") else clean(data.get("to_unit")),
        "decided_by": decided_by,
        "decision_no": decision_no,
        "decision_date": decision_date,
        "effective_date": effective_date,
        "term_end": term_end_for(kind, effective_date),
        "note": note,
    }


@transaction.atomic
def cadre_action_create(*, actor, **fields) -> CadreAction:
    """Record a cadre action. The term end of an appointment is computed (5 years from the
    effective date); a missing effective date means the decision date."""
    refuse_unknown_fields(fields, FIELDS)
    values = _validated(fields)
    require_open(org=values["decided_by"], day=values["decision_date"], field="decision_date")
    with acting_as(actor):
        return CadreAction.objects.create(**values)


@transaction.atomic
def cadre_action_update(*, actor, action: CadreAction, **fields) -> CadreAction:
    """Correct a recorded action; the audit keeps the previous values."""
    refuse_unknown_fields(fields, FIELDS)
    current = {name: getattr(action, name) for name in FIELDS}
    current.update(fields)
    values = _validated(current, instance=action)
    # the record as it stands, too: an edit must not move it out of a closed year
    require_open(org=action.decided_by, day=action.decision_date, field="decision_date")
    require_open(org=values["decided_by"], day=values["decision_date"], field="decision_date")
    with acting_as(actor):
        for name, value in values.items():
            setattr(action, name, value)
        action.save()
    return action


@transaction.atomic
def cadre_action_delete(*, actor, action: CadreAction) -> None:
    """Remove an action entered by mistake; the audit keeps what it was."""
    require_open(org=action.decided_by, day=action.decision_date, field="decision_date")
    with acting_as(actor):
        action.delete()
