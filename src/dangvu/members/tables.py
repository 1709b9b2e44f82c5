"""The member lists of the search page and of a unit's page: 50 a page in Vietnamese order (by
given name), drawn by members/_member_table.html.

A plain template loop rather than django-tables2: its per-cell machinery (a template compiled for
every date cell, a signature inspected for every cell) cost more than the queries of a whole
unit's page on the country data."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PER_PAGE = 50


def member_page(request, members: QuerySet) -> Page:
    """The page of `members` asked for by ?page= (the first one for a page that is not a number,
    the last one past the end), their cells fetched in the same query."""
    return Paginator(members.select_related("org"), PER_PAGE).get_page(request.GET.get("page"))
