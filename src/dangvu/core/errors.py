"""Validation errors that name the field, in Vietnamese, so forms, imports and the API can show
them next to what the user typed."""

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def fail(field: str, message: str, code: str = "invalid"):
    raise field_error(field, message, code)
