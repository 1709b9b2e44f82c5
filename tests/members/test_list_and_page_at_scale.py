"""The member search, the member list's unit choices and the member page, as reshaped for the
country data (issue #7): same answers, and work that does not grow with what a member carries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core.prepared import prepared
from dangvu.members import selectors
from dangvu.members.models import Member, MemberEvent
from dangvu.members.restructure import org_dissolve
from dangvu.members.services import member_record_event
from dangvu.organizations import selectors as org_selectors
from dangvu.organizations.selectors import tree_now, units_by_depth

from ..conftest import D


@pytest.fixture
def an(tree, admit):
    return admit(tree.a1, on=D(2016, 5, 19), full_name="Nguyễn Văn An", citizen_id="001080012345")


@pytest.fixture
def binh(tree, register):
    return register(tree.b1, full_name="Trần Thị Bình", sex="F")


def _names(html: str, names) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def test_search_lists_every_match_in_vietnamese_order_within_the_scope(client, make_user, tree, register):
    names = ["Trần Văn Hùng", "Nguyễn Hùng Anh", "Lê Thị Hương", "Phạm Hưng", "Đỗ Mạnh Hùng"]
    for name, cell in zip(names, [tree.a1, tree.a2, tree.b1, tree.a1, tree.c], strict=True):
        register(cell, full_name=name)
    client.force_login(make_user("grassroots", tree.a))  # ward A: cells A1 and A2 only
    html = client.get(reverse("member-list"), {"q": "hung"}).content.decode()
    # "hung" is a word start without diacritics: Hùng and Hưng, not Hương; by given name, then
    # middle name (Anh < Hùng < Hưng).
    assert _names(html, names) == ["Nguyễn Hùng Anh", "Trần Văn Hùng", "Phạm Hưng"]
    assert "3 người" in html


def test_search_pages_are_50_long_in_order_without_repeats(tree, register):
    for i in range(53):
        register(tree.a1, full_name=f"Nguyễn Văn Hùng {i:02d}")
    found = selectors.search(Member.objects.all(), "nguyen hung")
    first, rest = list(found[:50]), list(found[50:])
    assert len(first) == 50 and len(rest) == 3
    assert len({m.pk for m in first + rest}) == 53
    keys = [m.sort_key for m in first + rest]
    assert keys == sorted(keys)


def test_units_counted_up_to_a_bound_are_each_depth_counted_up_to_it(tree, actor, monkeypatch):
    assert units_by_depth(tree.hn) == {0: 1, 1: 1, 2: 3, 3: 3}
    assert units_by_depth(tree.hn, at_most=2) == {0: 1, 1: 1, 2: 2, 3: 2}
    assert units_by_depth(tree.a, at_most=1000) == {2: 1, 3: 2}
    # A tree deeper than one query's depths is read on by the next query, to its deepest unit.
    monkeypatch.setattr(org_selectors, "DEPTHS_A_QUERY", 2)
    assert units_by_depth(tree.hn, at_most=1000) == {0: 1, 1: 1, 2: 3, 3: 3}
    # Today's tree: a dissolved cell is not counted.
    org_dissolve(actor=actor, org=tree.a2, on=D(2024, 1, 1), decision="1-QĐ/QU")
    assert units_by_depth(tree.hn, at_most=1000) == units_by_depth(tree.hn) == {0: 1, 1: 1, 2: 3, 3: 2}


def test_unit_choices_stop_at_the_depth_that_fits_and_keep_the_asked_unit(tree):
    everything = tree_now(tree.hn, 100)
    assert [(o.code, d) for o, d in everything][:3] == [("HN", 0), ("HM", 1), ("C", 2)]  # display order
    assert {o.code for o, _ in everything} == {"HN", "HM", "A", "A1", "A2", "B", "B1", "C"}
    # Five units fit: the province, the district and its three grassroots units; no cells.
    assert {o.code for o, _ in tree_now(tree.hn, 5)} == {"HN", "HM", "A", "B", "C"}
    assert {o.code for o, _ in tree_now(tree.hn, 5, keep=tree.b1)} == {"HN", "HM", "A", "B", "C", "B1"}
    assert {o.code for o, _ in tree_now(tree.hn, 1)} == {"HN", "HM"}  # always one level below the root


def test_the_list_filters_by_a_cell_below_the_units_it_offers(board, tree, an, binh, monkeypatch):
    from dangvu.members import views

    monkeypatch.setattr(views, "UNIT_CHOICES", 3)  # the district board then sees no cells in the list
    html = board.get(reverse("member-list"), {"unit": tree.b1.pk, "status": "dang"}).content.decode()
    assert "Trần Thị Bình" in html and "Nguyễn Văn An" not in html
    assert f'value="{tree.b1.pk}" selected' in html
    assert f'value="{tree.a1.pk}"' not in html


def test_history_entries_are_the_records_own_newest_first_with_units_named(tree, an, binh, actor):
    member_record_event(actor=actor, member=an, kind="transferred", date=D(2016, 8, 1), to_org=tree.a2)
    events = list(an.events.all())
    with CaptureQueriesContext(connection) as ctx:
        entries = selectors.history_entries({Member: [an.pk], MemberEvent: [e.pk for e in events]})
        shown = [e.changes_display_dict for e in entries]
    # The entries, then the units their changes name: not one query per event and unit.
    assert len(ctx.captured_queries) <= 3
    assert {(e.content_type.model, e.object_id) for e in entries} == {
        ("member", an.pk),
        *(("memberevent", e.pk) for e in events),
    }
    assert [e.timestamp for e in entries] == sorted((e.timestamp for e in entries), reverse=True)
    units = {v for d in shown for values in d.values() for v in values}
    assert {"Chi bộ tổ dân phố số 1", "Chi bộ tổ dân phố số 2"} <= units
    assert selectors.history_entries({}) == []
    assert selectors.history_entries({Member: [], MemberEvent: []}) == []


def test_the_member_page_takes_the_same_queries_however_many_events(board, tree, an, actor):
    url = reverse("member-detail", args=[an.pk])
    board.get(url)
    with CaptureQueriesContext(connection) as few:
        board.get(url)
    for day, kind in [(D(2016, 8, 1), "exempted"), (D(2017, 1, 2), "resumed"), (D(2017, 3, 1), "exempted")]:
        member_record_event(actor=actor, member=an, kind=kind, date=day)
    with CaptureQueriesContext(connection) as many:
        html = board.get(url).content.decode()
    assert html.count("Miễn sinh hoạt đảng") >= 2
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_words_index_and_the_unit_by_unit_shapes_find_the_same_members(tree, register):
    # On PostgreSQL the whole tree is searched through the index of the words' beginnings (members
    # 0016), unit by unit through LIKE: the two must agree word for word, in every odd case.
    names = ["Trần Văn Hùng", "Nguyễn Hùng Anh", "Lê Thị Hương", "Phạm Hưng", "Hùng Thị Lan", "Đỗ Khánh", "Hà Hạ Hả"]
    for name in names:
        register(tree.a1, full_name=name)
    everyone, in_tree = Member.objects.all(), Member.objects.filter(root=tree.hn)
    queries = ["hung", "thi", "hung lan", "huong", "an", "xyz", "ĐỖ", "h", "ha ha", "hunga", "h_ng", "h%", "lan hung"]
    for query in queries:
        unit_by_unit = [m.full_name for m in selectors.search(everyone, query, units=10)]
        whole_tree = [m.full_name for m in selectors.search(everyone, query, units=10**6)]
        assert unit_by_unit == whole_tree, query
        # A tree's scope, through its root (what a province's or a city's search gives).
        one_tree = [m.full_name for m in selectors.search(in_tree, query, units=10)]
        by_root = selectors.search(in_tree, query, units=10**6, root_id=tree.hn.pk)
        assert [m.full_name for m in by_root] == one_tree, query
    assert [m.full_name for m in selectors.search(everyone, "hung", units=10)] == [
        "Nguyễn Hùng Anh",
        "Trần Văn Hùng",
        "Phạm Hưng",
        "Hùng Thị Lan",
    ]


def test_a_search_with_too_many_matches_lists_the_first_ones_and_says_so(rf, tree, register):
    from dangvu.members.tables import search_page

    for i in range(7):
        register(tree.a1, full_name=f"Nguyễn Văn Hùng {i}")
    found = selectors.search(Member.objects.all(), "hung")
    page = search_page(rf.get("/dang-vien/", {"q": "hung"}), found, limit=5)
    assert page.more and page.paginator.count == 5
    assert [m.full_name for m in page.object_list] == [f"Nguyễn Văn Hùng {i}" for i in range(5)]
    page = search_page(rf.get("/dang-vien/", {"q": "hung"}), found, limit=10)
    assert not page.more and page.paginator.count == 7


def test_a_search_page_lists_its_slice_in_name_order_and_stays_within_the_pages(rf, tree, register):
    from dangvu.members.tables import PER_PAGE, search_page

    names = [f"Trần Văn Hùng {i:03d}" for i in range(2 * PER_PAGE + 7)]
    for name in reversed(names):  # stored in the opposite order to the names'
        register(tree.a1, full_name=name)
    found = selectors.search(Member.objects.all(), "hung", units=10**6)

    def shown(page, limit=1000):
        p = search_page(rf.get("/dang-vien/", {"q": "hung", "page": page}), found, limit=limit)
        return p.number, [m.full_name for m in p.object_list], p.paginator.count, p.more

    assert shown("2") == (2, names[PER_PAGE : 2 * PER_PAGE], len(names), False)
    assert shown("3") == (3, names[2 * PER_PAGE :], len(names), False)
    # Past the end, below 1: the last page; not a number: the first, as Paginator.get_page reads it.
    assert shown("9") == shown("0") == shown("-2") == shown("3")
    assert shown("x") == shown("1") == (1, names[:PER_PAGE], len(names), False)
    # Counted up to the limit: the pages stop there and the page says there are more. The page
    # just past a limit of whole pages holds only the match read to know there are more.
    assert shown("9", limit=60) == (2, names[PER_PAGE:60], 60, True)
    assert (
        shown("3", limit=2 * PER_PAGE)
        == shown("2", limit=2 * PER_PAGE)
        == (2, names[PER_PAGE : 2 * PER_PAGE], 100, True)
    )
    assert shown("99999999999999999999") == shown("3")  # past any OFFSET a database takes
    with prepared():  # where reads are prepared on the server (core.prepared): the same page
        assert shown("2") == (2, names[PER_PAGE : 2 * PER_PAGE], len(names), False)
    # Nothing found: the first page, empty, whatever page was asked for.
    found = selectors.search(Member.objects.all(), "xyz", units=10**6)
    assert shown("3") == shown("1") == (1, [], 0, False)


def test_search_keeps_the_scope_and_what_the_caller_loads_with_the_members(tree, register):
    for name, cell in [("Trần Văn Hùng", tree.a1), ("Lê Hùng", tree.b1), ("Phạm Hùng", tree.c)]:
        register(cell, full_name=name)
    ward_a = Member.objects.filter(org__path__startswith=tree.a.path).select_related("org")
    found = list(selectors.search(ward_a.prefetch_related("work_periods"), "hung"))
    with CaptureQueriesContext(connection) as ctx:
        cells = [m.org.name for m in found]  # what the Excel export and the list show
        [list(m.work_periods.all()) for m in found]  # what the API gives with each member
    assert cells == ["Chi bộ tổ dân phố số 1"] and not ctx.captured_queries
    # The ids of a page are read in the same order, the scope kept, and counted.
    assert selectors.page_of_ids(selectors.search(ward_a, "hung"), 10, 0, 10) == ([m.pk for m in found], 1)


def test_page_links_keep_the_search_and_mark_the_page_shown(board, tree, register):
    for i in range(301):  # seven pages of 50
        register(tree.a1, full_name=f"Nguyễn Văn Thử {i:03d}")
    html = board.get(reverse("member-list"), {"q": "thu", "page": "4"}).content.decode()
    assert "301 người · trang 4/7" in html
    assert 'href="?q=thu&amp;page=3">‹ Trang trước' in html and 'href="?q=thu&amp;page=5">Trang sau ›' in html
    assert 'href="?q=thu&amp;page=4" aria-current="page">4<' in html
    assert 'href="?q=thu&amp;page=1"' in html and 'href="?q=thu&amp;page=7"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's parallel workers")
@pytest.mark.django_db(transaction=True)
def test_a_search_page_is_read_by_one_process_and_leaves_the_connection_as_it_was(tree, register):
    register(tree.a1, full_name="Trần Văn Hùng")
    found = selectors.search(Member.objects.all(), "hung", units=10**6)

    def workers():
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return cursor.fetchone()[0]

    before = workers()
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.page_of_ids(found, 10, 0, 10) == ([Member.objects.get().pk], 1)
    assert ctx.captured_queries[0]["sql"].startswith("SET LOCAL max_parallel_workers_per_gather = 0; SELECT")
    assert before != "0" and workers() == before  # the setting ended with the query's own transaction
