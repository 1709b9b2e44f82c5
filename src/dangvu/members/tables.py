"""The member lists of the search page and of a unit's page: 50 a page in Vietnamese order (by
given name), drawn by members/_member_table.html.

A plain template loop rather than django-tables2: its per-cell machinery (a template compiled for
every date cell, a signature inspected for every cell) cost more than the queries of a whole
unit's page on the country data."""

from types import SimpleNamespace

from django.core.paginator import Page, Paginator
from django.db.models import CharField, F, QuerySet

from dangvu.core import compiled
from dangvu.core.compiled import Slot, StartsWith

from .models import IN_PARTY_STATUSES, Member
from .selectors import page_of_ids

PER_PAGE = 50
# Matches a search lists (20 pages); past that the page asks for more of the name. Each match past
# it is still read, but PostgreSQL keeps only the first ones while sorting: for "hung" on the city
# (14.342 matches), 1.001 kept cost 17-19 ms against 22 ms for 5.001.
SEARCH_LIMIT = 1000


def _numbered(page: Page) -> Page:
    """The page numbers to link to: the first and last two, two each side of this one, "…" between."""
    page.numbers = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=2))
    return page


# What the rows show (members.templatetags.member_table): a member has 37 columns and its cell 15,
# and converting the rest cost ~1 ms of a unit's page.
ROW_FIELDS = ("full_name", "birth_date", "status", "admitted_on", "party_card_no", "org", "org__name")
_ROW_VALUES = ("pk", *ROW_FIELDS[:-2], "org_id", "org__name")  # Row's arguments, in order


def member_page(request, members: QuerySet) -> Page:
    """The page of `members` asked for by ?page= (the first one for a page that is not a number,
    the last one past the end), their cells' names read in the same query, the fields the rows show
    as plain values (Row: 50 members and their cells built as model instances were ~2 ms of a
    unit's page)."""
    # Counted on `members` itself: counting the rows' values kept their join on the cells, which
    # made PostgreSQL read a province's members from the table rather than from its index alone
    # (70 against 13 ms on the country data).
    page = Paginator(members, PER_PAGE).get_page(request.GET.get("page"))
    first = (page.number - 1) * PER_PAGE
    page.object_list = [Row(*r) for r in members.values_list(*_ROW_VALUES)[first : first + PER_PAGE]]
    return _numbered(page)


class Row:
    """What a row of the list shows of a member (`ROW_FIELDS`), read as plain values: 50 members
    and their cells built as model instances cost ~1 ms of a search."""

    __slots__ = ("pk", "full_name", "birth_date", "status", "admitted_on", "party_card_no", "org_id", "org")
    _labels = dict(Member._meta.get_field("status").flatchoices)

    def __init__(self, pk, full_name, birth_date, status, admitted_on, party_card_no, org_id, org_name):
        self.pk, self.full_name, self.birth_date, self.status = pk, full_name, birth_date, status
        self.admitted_on, self.party_card_no, self.org_id = admitted_on, party_card_no, org_id
        self.org = SimpleNamespace(pk=org_id, name=org_name) if org_id else None

    def get_status_display(self) -> str:
        return self._labels.get(self.status, self.status)


def subtree_member_page(request, scope, unit) -> Page:
    """`member_page` of the members in the Party of `unit`'s subtree (a unit's page), `unit` being
    in `scope`: the count and the page's rows read by queries compiled once (core.compiled; the
    page's offset is part of the rows' key). A root's members are read by their root instead
    (`Scope.members_under`), through `member_page`."""
    if unit.parent_id is None or not scope.covers(unit):
        return member_page(request, scope.members_under(unit).filter(status__in=IN_PARTY_STATUSES))
    total = compiled.count(Member, ("members.under-count",), _in_party_under, path=unit.path)
    page = Paginator(range(total), PER_PAGE).get_page(request.GET.get("page"))
    first = (page.number - 1) * PER_PAGE

    def build():
        return _in_party_under().values_list(*_ROW_VALUES)[first : first + PER_PAGE]

    page.object_list = [Row(*r) for r in compiled.rows(Member, ("members.under-rows", first), build, path=unit.path)]
    return _numbered(page)


def _in_party_under() -> QuerySet:
    """The members in the Party under the path given at each run (`Scope.members_under` of a unit below a root)."""
    return Member.objects.filter(StartsWith(F("org__path"), Slot("path", CharField())), status__in=IN_PARTY_STATUSES)


def search_page(request, found: QuerySet, limit: int = SEARCH_LIMIT) -> Page:
    """The same page for the matches of a search (members.selectors.search), from ONE reading of
    the matches: the page's ids in order and how many match, counted up to `limit` (past it
    `page.more` is set and the pages stop there), then the rows of the page's 50 members by id. A
    paginator would find every match twice — to count them, then for the page."""
    number = _page_number(request.GET.get("page"))
    ids, total = page_of_ids(found, limit + 1, (number - 1) * PER_PAGE, PER_PAGE)
    listed = min(total, limit)  # the one past the limit only counts
    if total and (number - 1) * PER_PAGE >= listed:  # past the last page: the last one, as get_page gives
        number = (listed - 1) // PER_PAGE + 1
        ids, _ = page_of_ids(found, limit + 1, (number - 1) * PER_PAGE, PER_PAGE)
    page = Paginator(range(listed), PER_PAGE).get_page(number)
    ids = ids[: listed - (number - 1) * PER_PAGE]
    rows = {r.pk: r for r in rows_by_id(ids)}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    page.more = total > limit
    return _numbered(page)


def rows_by_id(ids: list[int]) -> list[Row]:
    """The rows of the members `ids` (at most a page of them, in no particular order), read by a
    query compiled once (core.compiled) for a page's worth of ids: a short page repeats its last id."""
    if not ids:
        return []
    n = max(len(ids), PER_PAGE)
    padded = [*ids, *[ids[-1]] * (n - len(ids))]

    def build():
        wanted = [Slot(f"id{i}", Member._meta.pk) for i in range(n)]
        return Member.objects.filter(pk__in=wanted).values_list(*_ROW_VALUES)

    values = {f"id{i}": pk for i, pk in enumerate(padded)}
    return [Row(*r) for r in compiled.rows(Member, ("members.rows-by-id", n), build, **values)]


def _page_number(asked) -> int:
    """?page= as Paginator.get_page reads it: a page that is not a number is the first one, one
    below 1 the last one (asked for here as a page past any end)."""
    try:
        number = int(asked)
    except (TypeError, ValueError):
        return 1
    return min(number, _PAST_ANY_END) if number >= 1 else _PAST_ANY_END  # an OFFSET fits a bigint


_PAST_ANY_END = 10**6
