"""Transfers between units of the system as two acts (issue 20, item 2): the sending unit issues
the transfer to a cell chosen by name, anywhere in the system's tree; the receiving unit sees it
waiting and records the arrival, which writes the TRANSFERRED event through member_record_event
(so the period moves under the lifecycle rules). A destination outside the system stays a
TRANSFERRED_OUT event with its free-text place."""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.dates import format_date, working_days_before
from dangvu.core.errors import fail
from dangvu.core.text import clean, search_terms
from dangvu.organizations.models import MEMBER_LEVELS, Organization

from .identity import past_date
from .models import EventKind, Member, Status, Transfer, TransferState
from .services import member_record_event


def unit_with_superior(org: Organization | None) -> str:
    """A unit's name with its superior's ("Chi bộ khu dân cư số 7 — Đảng bộ phường Đại Kim"):
    many cells share a name, their ward tells them apart."""
    if org is None:
        return ""
    parent = org.parent if org.parent_id else None
    return f"{org.name} — {parent.name}" if parent is not None else org.name


# --- selectors ---------------------------------------------------------------------------------


def destinations(query: str = "", *, exclude: Organization | None = None, on: dt.date | None = None, limit=30):
    """The cells a transfer may go to — any active cell of the system's tree, for a unit sends to
    units it does not administer — whose name or superior's name holds every word of `query`,
    typed with or without diacritics ("dai kim" finds "… phường Đại Kim")."""
    units = Organization.objects.filter(level__in=MEMBER_LEVELS).select_related("parent")
    day = on or dt.date.today()
    units = units.filter(founded_on__lte=day).filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day))
    if exclude is not None:
        units = units.exclude(pk=exclude.pk)
    for word in search_terms(query):
        units = units.filter(Q(name_key__contains=" " + word) | Q(parent__name_key__contains=" " + word))
    return list(units.order_by("path")[:limit])


def transfers_waiting(scope):
    """Transfers sent to a unit of `scope` and not yet received: what its clerk has to record."""
    if scope.root is None:
        return Transfer.objects.none()
    return (
        Transfer.objects.filter(state=TransferState.WAITING, to_org__path__startswith=scope.root.path)
        .select_related("member", "from_org__parent", "to_org__parent")
        .order_by("issued_on", "id")
    )


def transfers_sent(scope):
    """Transfers issued by units of `scope` that the receiving unit has not recorded yet."""
    if scope.root is None:
        return Transfer.objects.none()
    return (
        Transfer.objects.filter(state=TransferState.WAITING, from_org__path__startswith=scope.root.path)
        .select_related("member", "from_org__parent", "to_org__parent")
        .order_by("issued_on", "id")
    )


# The member presents the transfer letter to the receiving unit within 30 working days of its
# signing (Hướng dẫn 01-HD/TW 2021 on Điều lệ Đảng, chuyển sinh hoạt đảng; as read, not yet checked
# against the text); past it, without a good reason, the member is considered for removal.
PRESENT_WITHIN_WORKING_DAYS = 30


def transfers_not_received(scope, on: dt.date):
    """Transfers issued by units of `scope`, still not recorded by the receiving unit on `on`,
    more than PRESENT_WITHIN_WORKING_DAYS working days after the letter was issued."""
    return transfers_sent(scope).filter(issued_on__lt=working_days_before(on, PRESENT_WITHIN_WORKING_DAYS))


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def transfer_issue(
    *, actor, scope, member: Member, to_org: Organization, issued_on: dt.date, decision_no: str = "", reason: str = ""
) -> Transfer:
    """The sending unit introduces `member` to the cell `to_org`. Refused, naming the field: a
    member outside the sender's scope or not active, one already on their way, the member's own
    cell, a unit that is not a cell active that day, a day in the future or before the member
    joined their cell."""
    member = Member.objects.select_for_update(of=("self",)).select_related("org").get(pk=member.pk)
    if not scope.covers(member.org):
        fail("member", "Đảng viên không thuộc phạm vi của bạn.")
    if member.status not in (Status.PROBATIONARY, Status.FULL):
        fail("to_org", f"Đảng viên {member.full_name} {member.get_status_display().lower()}; không thể chuyển.")
    waiting = member.transfers.filter(state=TransferState.WAITING).select_related("to_org").first()
    if waiting is not None:
        fail("to_org", f"Đã giới thiệu chuyển đến {unit_with_superior(waiting.to_org)}, đang chờ nơi đến tiếp nhận.")
    past_date("issued_on", issued_on, "Ngày giới thiệu chuyển đi")
    if to_org is None:
        fail("to_org", "Hãy chọn chi bộ nơi chuyển đến.")
    if to_org.pk == member.org_id:
        fail("to_org", f"Đảng viên đang sinh hoạt tại {to_org.name}; hãy chọn chi bộ khác.")
    if to_org.level not in MEMBER_LEVELS or not to_org.is_active_on(issued_on):
        fail("to_org", f"{unit_with_superior(to_org)} không phải chi bộ hoạt động vào ngày {format_date(issued_on)}.")
    joined = member.periods.filter(valid_to__isnull=True).values_list("valid_from", flat=True).first()
    if joined and issued_on < joined:
        fail("issued_on", f"Ngày giới thiệu phải từ ngày đảng viên sinh hoạt tại chi bộ ({format_date(joined)}).")
    with acting_as(actor):
        return Transfer.objects.create(
            member=member, from_org=member.org, to_org=to_org, issued_on=issued_on,
            decision_no=clean(decision_no), reason=clean(reason),
        )  # fmt: skip


@transaction.atomic
def transfer_receive(*, actor, scope, transfer: Transfer, received_on: dt.date) -> Transfer:
    """The receiving unit records the arrival on `received_on`: the TRANSFERRED event is written
    (member_record_event, every lifecycle rule applies) and the transfer is closed, together or
    not at all. Only the receiving unit's scope may record it."""
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("to_org", "member").get(pk=transfer.pk)
    if not scope.covers(transfer.to_org):
        fail("transfer", "Giấy giới thiệu này không gửi đến đơn vị của bạn.")
    if transfer.state != TransferState.WAITING:
        fail("received_on", f"Việc chuyển này {transfer.get_state_display().lower()}.")
    past_date("received_on", received_on, "Ngày tiếp nhận")
    if received_on < transfer.issued_on:
        fail("received_on", f"Ngày tiếp nhận phải từ ngày giới thiệu ({format_date(transfer.issued_on)}).")
    event = member_record_event(
        actor=actor, member=transfer.member, kind=EventKind.TRANSFERRED, date=received_on, to_org=transfer.to_org,
        decision_no=transfer.decision_no, decision_date=transfer.issued_on, reason=transfer.reason,
    )  # fmt: skip
    with acting_as(actor):
        transfer.state, transfer.received_on, transfer.event = TransferState.RECEIVED, received_on, event
        transfer.save(update_fields=["state", "received_on", "event"])
    return transfer


@transaction.atomic
def transfer_cancel(*, actor, scope, transfer: Transfer) -> Transfer:
    """The sending unit withdraws a transfer not yet received (sent to the wrong cell)."""
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("from_org").get(pk=transfer.pk)
    if not scope.covers(transfer.from_org):
        fail("transfer", "Chỉ đơn vị gửi mới hủy được việc chuyển này.")
    if transfer.state != TransferState.WAITING:
        fail("transfer", f"Việc chuyển này {transfer.get_state_display().lower()}.")
    with acting_as(actor):
        transfer.state = TransferState.CANCELLED
        transfer.save(update_fields=["state"])
    return transfer
