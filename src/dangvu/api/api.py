"""The integration API, version 1, at /api/v1/: the OpenAPI document at /api/v1/openapi.json and
its interactive documentation at /api/v1/docs (self-contained, see docs.py).

Every operation needs a caller — a token (Authorization: Bearer <token>, made with
`dangvu api-token create`) or a logged-in web session — and sees exactly that user's scope;
writes need the same capabilities as in the web and go through the same services. Every error
has the shape of errors.ErrorOut. Calls are rate limited per token (throttling.py)."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import errors
from .auth import SessionAuth, TokenAuth
from .docs import LocalSwagger
from .routers import bulk, elections, indicators, inspection, members, organizations, records, reviews, targets, tasks
from .throttling import PerTokenThrottle

DESCRIPTION = """
API tích hợp của Dangvu (Đảng vụ) cho các hệ thống khác: CSDL đảng viên, sổ tay đảng viên điện tử,
bảng số liệu của thành phố. / Dangvu's integration API.

**Xác thực / Authentication.** `Authorization: Bearer <token>`; token tạo bằng lệnh
`dangvu api-token create --user TÊN_ĐĂNG_NHẬP --name "Tên hệ thống"` và chỉ hiện một lần. Token có
đúng vai trò, đơn vị và phạm vi của tài khoản đó. Người đã đăng nhập web cũng gọi được (ghi cần mã CSRF).

**Lỗi / Errors.** Một dạng duy nhất:
`{"error": {"code": "validation_error|not_found|forbidden|unauthorized|rate_limited",
"message": {"vi": "…", "en": "…"}, "fields": {"trường": ["thông báo tiếng Việt"]}}}`.
Ngoài phạm vi và không tồn tại đều là 404 như nhau.

**Phân trang / Pagination.** `limit` (1–200, mặc định 50; cài đặt `DANGVU_API_MAX_PAGE_SIZE`,
`DANGVU_API_PAGE_SIZE`) và `offset`; kết quả có `count` là tổng số.
Ngày theo dạng `YYYY-MM-DD`. Đơn vị được chỉ bằng mã (ví dụ `HM`, `HM-DC`), đảng viên bằng `id`.

**Giới hạn / Rate limit.** 120 yêu cầu mỗi phút cho mỗi token (cài đặt `DANGVU_API_RATE`); quá thì 429.
Một địa chỉ gửi 10 token sai trong 15 phút (`DANGVU_API_BAD_TOKEN_LIMIT`, `DANGVU_API_BAD_TOKEN_WINDOW`)
bị từ chối (429) cho đến hết 15 phút đó.

**Chuyển dữ liệu / Migrations.** `POST /bulk/{kind}` (members, admissions, events, review_orgs,
review_members) ghi tối đa 5.000 bản ghi một lần (`DANGVU_API_BULK_MAX`), trọn vẹn hoặc không ghi gì;
lỗi chỉ rõ bản ghi và trường: `records.<thứ tự>.<trường>`. Các trường: `GET /bulk/{kind}/fields`.
"""


class Utf8JSON(JSONRenderer):
    """Vietnamese as it is, not \\u escapes: readable in a terminal and a third shorter."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSON(),
    title="Dangvu API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[PerTokenThrottle()],
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (organizations, members, records, inspection, elections, reviews, tasks, targets, indicators, bulk):
    api.add_router("", module.router)
