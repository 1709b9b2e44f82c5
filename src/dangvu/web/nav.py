"""The main navigation: every area of the system, in a few groups so that it fits one line of a
1366×768 office screen. An area shows only when its page exists (its URL name reverses, or its
prefix resolves), so an area still being built simply does not appear yet."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, get_urlconf, resolve, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    label: str
    name: str  # URL name
    path: str = ""  # the area's prefix, tried when the name does not reverse (yet)
    args: str = ""  # "root" or "root-year": the page of the user's unit (and this year)
    needs_unit: bool = False  # a page of the user's unit without it in the URL: hidden without a unit


# Groups of areas: the daily pages are plain links ("inline"), the others open from their group.
GROUPS = (
    (
        _("Hằng ngày"),
        True,
        (
            Area(_("Việc cần làm"), "todo", "/viec-can-lam/", needs_unit=True),
            Area(_("Tổng quan"), "dashboard", "/tong-quan/", "root-year"),
            Area(_("Tổ chức"), "org-tree", "/to-chuc/"),
            Area(_("Đảng viên"), "member-list", "/dang-vien/"),
            Area(_("Huy hiệu"), "badges-due", "/dang-vien/huy-hieu/"),
        ),
    ),
    (
        _("Nghiệp vụ"),
        False,
        (
            Area(_("Cán bộ"), "cadre-list", "/can-bo/"),
            Area(_("Bồi dưỡng"), "training-list", "/boi-duong/"),
            Area(_("Kiểm tra"), "inspection-list", "/kiem-tra/"),
            Area(_("Kỷ luật"), "discipline-list", "/kiem-tra/ky-luat/"),
            Area(_("Bầu cử"), "election-list", "/bau-cu/"),
            Area(_("Khen thưởng"), "award-list", "/khen-thuong/"),
            Area(_("Đánh giá"), "review-cycles", "/danh-gia/"),
            Area(_("Quần chúng ưu tú"), "candidate-list", "/quan-chung-uu-tu/"),
            Area(_("Sinh hoạt chi bộ"), "meeting-list", "/sinh-hoat/"),
            Area(_("Tài khoản đảng viên"), "handbook-cells", "/so-tay/tai-khoan/"),
            Area(_("Văn bản gửi đảng viên"), "handbook-publish", "/so-tay/van-ban/phat-hanh/"),
            Area(_("Đảng phí"), "dues-home", "/dang-phi/"),
            Area(_("Cấp ủy, đại hội"), "congress-list", "/cap-uy/"),
            Area(_("Liên hệ nơi cư trú"), "residence-list", "/cap-uy/lien-he-noi-cu-tru/"),
        ),
    ),
    (
        _("Số liệu"),
        False,
        (
            Area(_("Chỉ số"), "indicators-start", "/chi-so/"),
            Area(_("Chỉ tiêu"), "targets", "", "root-year"),
            Area(_("Thống kê"), "statistics", "", "root"),
            Area(_("Báo cáo"), "report-start", "/bao-cao/"),
            Area(_("Nhập dữ liệu"), "import-start", "/nhap-du-lieu/"),
        ),
    ),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Group:
    label: str
    inline: bool
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def url_or_empty(name: str, args=(), path: str = "") -> str:
    """The URL of `name`, or `path` if that resolves, or "" when the page does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pass
    if path:
        try:
            resolve(path)
            return path
        except Resolver404:
            pass
    return ""


def _args(area: Area, root_pk: int | None, year: int) -> tuple:
    if not area.args:
        return ()
    if root_pk is None:
        return (None,)  # never reverses: no unit, no page of a unit
    return (root_pk, year) if area.args == "root-year" else (root_pk,)


def _is_current(url: str, area: Area, here: str, links_urls: list[str]) -> bool:
    prefix = area.path or url
    if area.args:  # a unit's page: the whole area is current, whichever unit and year
        prefix = area.path or url.rsplit("/", 3)[0] + "/"
    if not here.startswith(prefix):
        return False
    # The longest matching prefix wins: /kiem-tra/ky-luat/ is Kỷ luật, not Kiểm tra.
    return not any(len(u) > len(prefix) and here.startswith(u) for u in links_urls)


@functools.lru_cache(maxsize=4096)
def _found(root_pk: int | None, year: int, urlconf, script_prefix: str) -> tuple[list, list[str]]:
    """The areas that exist with their URLs, and the areas' prefixes, for a unit and a year: the
    same for every page, reversed once per process (24 reverses cost ~1 ms of each page)."""
    found = []
    for label, inline, areas in GROUPS:
        areas = [area for area in areas if root_pk is not None or not area.needs_unit]
        pairs = [(area, url_or_empty(area.name, _args(area, root_pk, year), area.path)) for area in areas]
        found.append((label, inline, [(a, u) for a, u in pairs if u]))
    return found, [a.path or u for _, _, pairs in found for a, u in pairs]


def build(root, here: str, today: dt.date | None = None) -> list[Group]:
    """The navigation for a user whose unit is `root`, on the page at path `here`."""
    today = today or dt.date.today()
    urlconf = (settings.ROOT_URLCONF, get_urlconf())  # in the key: a test may swap it
    found, prefixes = _found(root.pk if root is not None else None, today.year, urlconf, get_script_prefix())
    groups = []
    for label, inline, pairs in found:
        if pairs:
            links = tuple(Link(str(a.label), u, _is_current(u, a, here, prefixes)) for a, u in pairs)
            groups.append(Group(str(label), inline, links))
    return groups
