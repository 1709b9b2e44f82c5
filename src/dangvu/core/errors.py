"""Validation errors that name the field, in Vietnamese, so forms, imports and the API can show
them next to what the user typed."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def fail(field: str, message: str, code: str = "invalid"):
    raise field_error(field, message, code)


def version_of(record) -> str:
    """The token an edit form carries (a record's `updated_at`) to detect a change saved meanwhile."""
    return record.updated_at.isoformat() if record.updated_at else ""


def refuse_if_changed(current, expected_version: str | None, what: str) -> None:
    """Optimistic locking: refuse (code "conflict") when `current` — read FOR UPDATE — is no longer
    the version the form was loaded with. `what` names the record: "Hồ sơ", "Buổi sinh hoạt"."""
    if expected_version is not None and str(expected_version) != version_of(current):
        when = timezone.localtime(current.updated_at).strftime("%H:%M ngày %d/%m/%Y")
        fail(
            NON_FIELD_ERRORS,
            f"{what} đã được người khác sửa lúc {when}; hãy tải lại trang và nhập lại thay đổi.",
            code="conflict",
        )


def refuse_unknown_fields(fields, known) -> None:
    """A programming error, not a user's: a service given a field it does not know (a typo in a
    caller) fails loudly instead of silently dropping it."""
    extra = set(fields) - set(known)
    if extra:
        raise TypeError(f"unknown fields: {', '.join(sorted(extra))}")
