"""The records behind a figure, as a table a user can read: members and their events get their own
columns; any other area's records a generic rendering (the record, its dates, a link if the model
has `get_absolute_url`). Records are filtered to the user's scope first."""

from django.db import models
from django.db.models import QuerySet
from django.urls import reverse

from dangvu.core.catalogue import Indicator
from dangvu.core.dates import format_date
from dangvu.members.models import Member, MemberEvent, MemberPeriod
from dangvu.organizations.models import Organization

from .record_tables import TABLES, Cell


def _scope_lookup(model) -> str | None:
    """The lookup from `model` to an organization's `path`, guessed from its fields."""
    if model is Organization:
        return "path"
    fields = {f.name: f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)}
    for name in ("org", "organization", "unit"):
        if name in fields and fields[name].related_model is Organization:
            return f"{name}__path"
    if "member" in fields and fields["member"].related_model is Member:
        return "member__org__path"
    for name, f in fields.items():
        if f.related_model is Organization:
            return f"{name}__path"
    return None


def in_scope(qs: QuerySet, ind: Indicator, root: Organization | None) -> QuerySet:
    """Only the records of units inside the scope, as the tree is today; none if the scope
    cannot be checked (an area should then declare `records_scope` on its indicator)."""
    lookup = ind.records_scope or _scope_lookup(qs.model)
    if root is None or lookup is None:
        return qs.none()
    return qs.filter(**{f"{lookup}__startswith": root.path})


def _member(member) -> Cell:
    return Cell(member.full_name, reverse("member-detail", args=[member.pk]))


def _unit(org) -> Cell:
    return Cell(org.name if org else "", reverse("org-detail", args=[org.pk]) if org else "")


def _events(qs, window: slice):
    header = ["Đảng viên", "Ngày", "Sự kiện", "Quyết định", "Đơn vị"]
    qs = qs.select_related("member", "org").order_by("date", "member__sort_key", "id")[window]
    rows = [
        [
            _member(e.member),
            Cell(format_date(e.date)),
            Cell(e.get_kind_display()),
            Cell(e.decision_no),
            _unit(e.org),
        ]
        for e in qs
    ]
    return header, rows


def _periods(qs, window: slice):
    header = ["Đảng viên", "Đơn vị", "Loại đảng viên", "Từ ngày", "Đến ngày", "Bắt đầu do", "Kết thúc do"]
    qs = qs.select_related("member", "org").order_by("member__sort_key", "valid_from", "id")[window]
    rows = [
        [
            _member(p.member),
            _unit(p.org),
            Cell(p.get_standing_display()),
            Cell(format_date(p.valid_from)),
            Cell(format_date(p.valid_to)),
            Cell(p.get_start_kind_display()),
            Cell(p.get_end_kind_display() if p.end_kind else ""),
        ]
        for p in qs
    ]
    return header, rows


def _orgs(qs, window: slice):
    header = ["Tổ chức", "Mã", "Cấp", "Loại hình", "Ngày thành lập"]
    rows = [
        [
            _unit(o),
            Cell(o.code),
            Cell(o.get_level_display()),
            Cell(o.get_kind_display()),
            Cell(format_date(o.founded_on)),
        ]
        for o in qs.order_by("path")[window]
    ]
    return header, rows


def _generic(qs, window: slice):
    # Business dates only: a DateTimeField is when the record was typed in, not a fact of it.
    dates = [f for f in qs.model._meta.concrete_fields if type(f) is models.DateField]
    header = [
        str(qs.model._meta.verbose_name).capitalize(),
        *(str(f.verbose_name).capitalize() for f in dates),
    ]
    has_url = hasattr(qs.model, "get_absolute_url")
    rows = []
    for obj in qs.order_by("pk")[window]:
        first = Cell(str(obj), obj.get_absolute_url() if has_url else "")
        rows.append([first, *(Cell(format_date(getattr(obj, f.attname))) for f in dates)])
    return header, rows


_RENDERERS = {MemberEvent: _events, MemberPeriod: _periods, Organization: _orgs}


def as_table(qs: QuerySet, window: slice = slice(None)) -> tuple[list[str], list[list[Cell]]]:
    """(header, rows) of the records in `qs`, in a stable order, limited to `window` (a page)."""
    if qs.model in TABLES:
        return TABLES[qs.model].render(qs, window)
    return _RENDERERS.get(qs.model, _generic)(qs, window)
