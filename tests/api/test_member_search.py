"""The API's member list searched by one word over a province: its pages read by given name
(members.selectors.first_ids) hold the same members, in the same order and counted the same, as
sorting every match — page after page, and past the read's reach."""

import pytest
from django.db import connection

from dangvu.accounts.models import Role
from dangvu.api.routers import members as members_api
from dangvu.members import selectors
from dangvu.members.models import Member

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the given names' ranges are PostgreSQL's")

NAMES = ["Trần Văn Hùng", "Nguyễn Hùng Anh", "Lê Thị Hương", "Phạm Hưng", "Nguyễn Văn Hùng", "Đỗ Mạnh Hùng",
         "Hùng Văn Sơn", "Lê Hùng", "Trần Văn Hùng", "Vũ Thị Lan"]  # fmt: skip


def _all_pages(client, headers, query, limit):
    ids, offset = [], 0
    while True:
        body = client.get("/api/v1/members", {"q": query, "limit": limit, "offset": offset}, headers=headers).json()
        ids += [m["id"] for m in body["items"]]
        offset += limit
        if offset >= body["count"]:
            return ids, body["count"]


@pytest.mark.parametrize("query", ["hung", "hư", "nguyen"])
def test_the_pages_of_a_one_word_search_are_those_of_sorting_every_match(
    client, tree, register, token_for, monkeypatch, query
):
    cells = [tree.a1, tree.a2, tree.b1, tree.c]
    for i, name in enumerate(NAMES):
        register(cells[i % len(cells)], full_name=name)
    monkeypatch.setattr(selectors, "ROOT_INDEX_UNITS", 0)  # the province reads the (root, name) index
    province = token_for(Role.ADMIN, tree.hn)
    read = []
    monkeypatch.setattr(selectors, "first_ids", lambda *a, _f=selectors.first_ids: read.append(1) or _f(*a))
    by_name, count = _all_pages(client, province, query, 2)
    assert read  # the pages were read by given name
    monkeypatch.setattr(members_api, "FIRST_IDS_MAX", 0)  # every match sorted, once a page
    assert _all_pages(client, province, query, 2) == (by_name, count)
    wanted = [
        m
        for m in Member.objects.order_by("sort_key", "pk")
        if selectors.search(Member.objects.filter(pk=m.pk), query).exists()
    ]
    assert by_name == [m.pk for m in wanted] and count == len(wanted) > 0
