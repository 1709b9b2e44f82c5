"""A person's identity as the registry keeps it — the fields a member's record and a candidate's
file share, the rest of the record sheet, and their checks: names, dates, and the citizen ID and
party card numbers no two members share. Used by the member services, the bulk import, the
candidates' files and the forms."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db.models import Q

from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean

from .models import Member, Sex

IDENTITY_FIELDS = (
    "full_name", "usual_name", "birth_date", "sex", "citizen_id", "ethnicity", "religion", "education",
    "qualification", "political_theory", "occupation", "birthplace", "hometown", "address", "phone",
    "party_card_no",
)  # fmt: skip
# The rest of the record sheet (Mẫu 2-HSĐV). Not in IDENTITY_FIELDS, which a candidate's file
# shares (candidates.services); a member has both.
RECORD_FIELDS = (
    "alias", "temporary_address", "academic_title", "academic_degree", "foreign_languages", "it_skills",
    "minority_languages", "youth_union_joined_on", "mass_org_positions", "health",
)  # fmt: skip
MEMBER_FIELDS = IDENTITY_FIELDS + RECORD_FIELDS

CITIZEN_ID = re.compile(r"^\d{12}$")
CARD_NO = re.compile(r"^[0-9A-Z.\-/]{4,20}$")
# The numbers no two members share: (field, pattern, label, what a valid one looks like).
UNIQUE_NUMBERS = (
    ("citizen_id", CITIZEN_ID, "Số CCCD", "phải gồm đúng 12 chữ số"),
    ("party_card_no", CARD_NO, "Số thẻ đảng viên", "chỉ gồm chữ số (4–20 ký tự)"),
)


def past_date(field_name: str, value, label: str, required: bool = True):
    """Refuse (fail) a missing, malformed, future or pre-1900 date, naming the field."""
    if value is None:
        if required:
            fail(field_name, f"Hãy nhập {label.lower()} (ngày/tháng/năm).")
        return
    if not isinstance(value, dt.date):
        fail(field_name, f"{label} không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2016.")
    if value > dt.date.today():
        fail(field_name, f"{label} {format_date(value)} ở tương lai; hãy nhập ngày đã diễn ra.")
    if value.year < 1900:
        fail(field_name, f"{label} {format_date(value)} không hợp lệ.")


def normalize_number(value) -> str | None:
    """A citizen ID or card number as stored: trimmed, without spaces, upper case; None when blank."""
    value = clean(value) if isinstance(value, str) else value
    return (value or "").replace(" ", "").upper() or None


def stored_holders(member: Member | None = None):
    """clean_identity's default uniqueness lookup: `wanted` {field: number} -> {field: full name}
    of the stored member (other than `member`) holding that number. One query for both numbers:
    this runs for every member created or corrected."""

    def holders(wanted: dict) -> dict:
        clash = Q()
        for name, value in wanted.items():
            clash |= Q(**{name: value})
        others = Member.objects.filter(clash).order_by()
        if member is not None:
            others = others.exclude(pk=member.pk)
        found = {}
        for row in others.values("citizen_id", "party_card_no", "full_name")[:2]:
            for name, value in wanted.items():
                if row[name] == value:
                    found[name] = row["full_name"]
        return found

    return holders


_SEXES = frozenset(Sex.values)  # Sex.values builds its list anew on each call: once per import row


def clean_identity(data: dict, member: Member | None = None, *, holders=None) -> dict:
    """Normalize and check identity fields; raise one ValidationError listing every bad field.
    `holders` looks up who already holds a citizen ID or card number ({field: number} -> {field:
    full name}); by default the stored members other than `member` (stored_holders)."""
    out = {}
    errors: dict[str, str] = {}
    for name in MEMBER_FIELDS:
        if name not in data:
            continue
        value = data[name]
        out[name] = clean(value) if isinstance(value, str) else value
    if "full_name" in out and len(out["full_name"].split(" ")) < 2:
        errors["full_name"] = "Hãy nhập đủ họ và tên (ít nhất hai chữ), ví dụ Nguyễn Văn An."
    if "sex" in out and out["sex"] not in _SEXES:
        errors["sex"] = "Giới tính phải là Nam hoặc Nữ."
    if "birth_date" in out:
        try:
            past_date("birth_date", out["birth_date"], "Ngày sinh")
        except ValidationError as e:
            errors["birth_date"] = e.message_dict["birth_date"][0]
    if out.get("youth_union_joined_on") is not None:
        try:
            past_date("youth_union_joined_on", out["youth_union_joined_on"], "Ngày vào Đoàn")
        except ValidationError as e:
            errors["youth_union_joined_on"] = e.message_dict["youth_union_joined_on"][0]
        born = out.get("birth_date") or (member.birth_date if member else None)
        if "youth_union_joined_on" not in errors and born and out["youth_union_joined_on"] <= born:
            errors["youth_union_joined_on"] = "Ngày vào Đoàn phải sau ngày sinh; hãy kiểm tra lại."
    wanted = {}
    for name, pattern, label, hint in UNIQUE_NUMBERS:
        if name not in out:
            continue
        value = out[name] = normalize_number(out[name])
        if value is None:
            continue
        if not pattern.match(value):
            errors[name] = f"{label} {value} không hợp lệ: {hint}."
            continue
        wanted[name] = value
    if wanted:
        found = (holders or stored_holders(member))(wanted)
        for name, _pattern, label, _hint in UNIQUE_NUMBERS:
            if name in found:
                errors[name] = f"{label} {wanted[name]} đã có ở đảng viên {found[name]}; hãy kiểm tra lại."
    if errors:
        raise ValidationError(errors)
    return out
