"""The one shape of every error the API answers, in Vietnamese and English:

    {"error": {"code": "validation_error", "message": {"vi": "…", "en": "…"},
               "fields": {"birth_date": ["Ngày sinh … ở tương lai; …"]}}}

code is one of validation_error (422), not_found (404), forbidden (403), unauthorized (401),
rate_limited (429). `fields` holds the same Vietnamese messages the web forms show, because
both call the same services. Out of scope and not found are the same 404, so that nothing
leaks about other units."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from .throttling import TooManyBadTokens


class Message(Schema):
    vi: str
    en: str


class ErrorBody(Schema):
    code: str
    message: Message
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorBody


MESSAGES = {
    "validation_error": (
        "Dữ liệu chưa hợp lệ; xem lỗi ở từng trường.",
        "Some fields are not valid; see fields.",
    ),
    "not_found": ("Không tìm thấy trong phạm vi của bạn.", "Not found in your scope."),
    "forbidden": ("Vai trò của bạn không có quyền thực hiện việc này.", "Your role may not do this."),
    "unauthorized": (
        "Chưa xác thực: gửi token hợp lệ trong tiêu đề Authorization: Bearer <token>, hoặc đăng nhập.",
        "Not authenticated: send a valid token as Authorization: Bearer <token>, or log in.",
    ),
    "rate_limited": (
        "Quá nhiều yêu cầu trong một phút; hãy chờ rồi gửi lại.",
        "Too many requests in a minute; wait and retry.",
    ),
}
STATUS = {
    "validation_error": 422,
    "not_found": 404,
    "forbidden": 403,
    "unauthorized": 401,
    "rate_limited": 429,
}


def body(code: str, fields: dict | None = None, vi: str | None = None, en: str | None = None) -> dict:
    default_vi, default_en = MESSAGES[code]
    message = {"vi": vi or default_vi, "en": en or default_en}
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def responses(ok_status: int, ok_schema, *codes: int) -> dict:
    """The responses of an operation for the OpenAPI document: its success and every error it may
    answer (401 and 429 always, as every call is authenticated and rate limited)."""
    out = {ok_status: ok_schema}
    for code in (401, 422, 429, *codes):
        out[code] = ErrorOut
    return out


# --- pydantic (request shape) errors, told in Vietnamese ----------------------------------------

_PYDANTIC_VI = {
    "missing": "Thông tin bắt buộc; hãy gửi trường này.",
    "date_from_datetime_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2016-03-02.",
    "date_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2016-03-02.",
    "date_type": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2016-03-02.",
    "date_from_datetime_inexact": "Chỉ gửi ngày (YYYY-MM-DD), không kèm giờ.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "greater_than_equal": "Giá trị quá nhỏ (tối thiểu {ge}).",
    "less_than_equal": "Giá trị quá lớn (tối đa {le}).",
    "string_too_long": "Quá dài (tối đa {max_length} ký tự).",
    "string_too_short": "Quá ngắn (tối thiểu {min_length} ký tự).",
    "string_type": "Phải là chuỗi ký tự.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "enum": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "decimal_parsing": "Phải là một số.",
    "float_parsing": "Phải là một số.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
    "model_attributes_type": "Nội dung gửi lên phải là một đối tượng JSON.",
    "dict_type": "Nội dung gửi lên phải là một đối tượng JSON.",
    "value_error": "{error}",
    "extra_forbidden": "Trường không có trong tài liệu API; hãy bỏ trường này.",
}


def _vi(error: dict) -> str:
    template = _PYDANTIC_VI.get(error.get("type", ""))
    if template is None:
        return f"Giá trị không hợp lệ ({error.get('msg', '')})."
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return template.split(" (")[0].rstrip(".") + "."


def _field_name(loc) -> str:
    # ninja's locations look like ("body", "payload", "birth_date") or ("query", "limit").
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "filters")]
    return ".".join(parts) or "__all__"


def pydantic_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(_vi(error))
    return fields


def service_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def install(api):
    """Answer every error in the one shape."""

    def respond(request, code, fields=None, vi=None, en=None):
        return api.create_response(request, body(code, fields, vi, en), status=STATUS[code])

    @api.exception_handler(NinjaValidationError)
    def _request_shape(request, exc):
        return respond(request, "validation_error", pydantic_fields(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def _service(request, exc):
        return respond(request, "validation_error", service_fields(exc))

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, "not_found")

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return respond(request, "forbidden")

    @api.exception_handler(AuthenticationError)
    def _unauthorized(request, exc):
        return respond(request, "unauthorized")

    @api.exception_handler(Throttled)
    def _throttled(request, exc):
        return respond(request, "rate_limited")

    @api.exception_handler(TooManyBadTokens)
    def _bad_tokens(request, exc):
        minutes = max(1, round(exc.wait / 60))
        response = respond(
            request, "rate_limited",
            vi=f"Địa chỉ này đã gửi quá nhiều token sai; hãy kiểm tra token rồi thử lại sau khoảng {minutes} phút.",
            en=f"Too many wrong tokens from this address; check the token and retry in about {minutes} min.",
        )  # fmt: skip
        response["Retry-After"] = str(exc.wait)
        return response

    @api.exception_handler(HttpError)
    def _http(request, exc):
        if exc.status_code == 403:  # ninja's CSRF refusal for a browser session
            return respond(
                request, "forbidden", vi="Thiếu hoặc sai mã CSRF của phiên đăng nhập; hãy tải lại trang rồi gửi lại.",
                en="CSRF check failed for the browser session; reload and retry.",
            )  # fmt: skip
        if exc.status_code == 401:
            return respond(request, "unauthorized")
        if exc.status_code == 429:
            return respond(request, "rate_limited")
        if exc.status_code == 404:
            return respond(request, "not_found")
        return respond(request, "validation_error", {"__all__": [str(exc)]})
