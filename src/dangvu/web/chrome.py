"""Strings of the page chrome that templates outside web/ and dashboard/ show (the login page,
common buttons), marked here so that `makemessages` keeps them in the English catalogue until
their templates use {% translate %} themselves."""

from django.utils.translation import gettext_noop

COMMON = (
    gettext_noop("Đăng nhập"),
    gettext_noop("Tên đăng nhập"),
    gettext_noop("Mật khẩu"),
    gettext_noop("Quên mật khẩu? Hãy liên hệ cán bộ quản trị hệ thống của cấp ủy."),
    gettext_noop("Lưu"),
    gettext_noop("Hủy"),
    gettext_noop("Tìm"),
    gettext_noop("Lọc"),
    gettext_noop("Sửa"),
    gettext_noop("Thêm"),
    gettext_noop("Xóa"),
    gettext_noop("Trang trước"),
    gettext_noop("Trang sau"),
    gettext_noop("Không tìm thấy trang này"),
)
