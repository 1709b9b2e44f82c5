"""A member's request to correct their record, and the clerk's answer."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.models import Capability
from dangvu.core.audit import acting_as
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members.identity import MEMBER_FIELDS
from dangvu.members.models import Member, Sex
from dangvu.members.services import member_update

from .models import CorrectionRequest, CorrectionState
from .notices import notices_send

OTHER = "other"
_DATES = {"birth_date", "youth_union_joined_on"}


def field_choices() -> list[tuple[str, str]]:
    return [(f, Member._meta.get_field(f).verbose_name.capitalize()) for f in MEMBER_FIELDS] + [
        (OTHER, "Mục khác (ngày vào Đảng, ngày chính thức, quá trình …)")
    ]


def label_of(field: str) -> str:
    return dict(field_choices()).get(field, field)


def shown(member: Member, field: str) -> str:
    if field == OTHER:
        return ""
    value = getattr(member, field)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if field == "sex":
        return member.get_sex_display()
    return value or ""


def parsed(field: str, text: str):
    """The proposed text as member_update takes it; a ValidationError names the field."""
    if field in _DATES:
        try:
            return dt.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            fail("proposed_value", "Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/03/1975.")
    if field == "sex":
        found = {label.lower(): code for code, label in Sex.choices}.get(text.lower())
        if found is None:
            fail("proposed_value", "Giới tính ghi Nam hoặc Nữ.")
        return found
    return text


@transaction.atomic
def correction_request_create(*, actor, member: Member, field: str, proposed_value: str, note: str = ""):
    if field not in dict(field_choices()):
        fail("field", "Hãy chọn mục cần sửa trong danh sách.")
    proposed_value = clean(proposed_value)
    if not proposed_value:
        fail("proposed_value", "Hãy ghi nội dung đúng cần sửa thành.")
    parsed(field, proposed_value)
    if field != OTHER and proposed_value == shown(member, field):
        fail("proposed_value", "Nội dung đề nghị giống hệt hồ sơ đang ghi; hãy ghi nội dung đúng.")
    with acting_as(actor):
        return CorrectionRequest.objects.create(
            member=member, field=field, current_value=shown(member, field)[:255], proposed_value=proposed_value,
            note=clean(note),
        )  # fmt: skip


def corrections_pending(*, scope):
    """The requests of members in the clerk's subtree still waiting for an answer."""
    if not scope.can(Capability.EDIT_MEMBERS) or scope.root is None:
        return CorrectionRequest.objects.none()
    return (
        CorrectionRequest.objects.filter(member__org__path__startswith=scope.path, state=CorrectionState.PENDING)
        .select_related("member__org")
        .order_by("created_at", "id")
    )


def get_correction(*, scope, pk) -> CorrectionRequest:
    found = corrections_pending(scope=scope).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đề nghị đang chờ trong phạm vi của bạn.")
    return found


@transaction.atomic
def correction_decide(*, actor, scope, request: CorrectionRequest, accept: bool, answer: str = ""):
    """Accept (the field is written through member_update) or decline (a reason is required)."""
    scope.require(Capability.EDIT_MEMBERS)
    current = CorrectionRequest.objects.select_for_update(of=("self",)).select_related("member__org").get(pk=request.pk)
    if not scope.covers(current.member.org):
        raise Http404("Không tìm thấy đề nghị trong phạm vi của bạn.")
    if current.state != CorrectionState.PENDING:
        fail("state", f"Đề nghị này đã được xử lý ({current.get_state_display().lower()}).")
    answer = clean(answer)
    if not accept and not answer:
        fail("answer", "Khi không chấp nhận, hãy ghi lý do để đảng viên biết.")
    if accept and current.field != OTHER:
        try:
            member_update(
                actor=actor, member=current.member, **{current.field: parsed(current.field, current.proposed_value)}
            )
        except ValidationError as e:
            messages = " ".join(e.messages)
            fail("answer", f"Không sửa được {label_of(current.field).lower()}: {messages}")
    with acting_as(actor):
        current.state = CorrectionState.ACCEPTED if accept else CorrectionState.DECLINED
        current.answer = answer
        current.decided_at = timezone.now()
        current.decided_by = actor
        current.save(update_fields=["state", "answer", "decided_at", "decided_by"])
    verdict = "được chấp nhận" if accept else f"không được chấp nhận: {answer}"
    notices_send(members=[current.member], url="/so-tay/",
                 text=f"Đề nghị sửa {label_of(current.field).lower()} của đồng chí {verdict}")  # fmt: skip
    return current
