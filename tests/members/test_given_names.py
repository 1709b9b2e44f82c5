"""A one-word search's first page read by given name (members 0018, selectors._FirstByGivenName):
the same members, in the same order and counted the same, as sorting every match — whichever word
(a given, middle or family name, a beginning, with or without its marks), scope and page — and
the given names' vocabulary kept by every way members are written."""

import random
import re

import pytest
from django.db import connection

from dangvu.core.text import search_key, search_terms
from dangvu.members import selectors
from dangvu.members.bulk import members_register_bulk
from dangvu.members.models import IN_PARTY_STATUSES, GivenName, Member
from dangvu.members.selectors import page_of_ids, search
from dangvu.members.services import member_update
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D, identity

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the given names' ranges are PostgreSQL's"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hùng", "Hứa", "Âu Dương", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hùng", "Hữu", "Minh", "", "Ngọc Bảo"]
GIVEN = ["An", "Hùng", "Hưng", "Hung", "Hùng Anh", "Huệ", "Lan", "Đạt", "Dat", "Yến", "Ánh", "A", "Nguyên"]
WORDS = ["hung", "hùng", "Hưng", "hu", "h", "nguyen", "nguyên", "van", "thi", "an", "a", "dat", "đạt", "y", "zz"]


def _register_bulk(actor, cells, names):
    dates = dict(joined_on=D(2005, 2, 3), admitted_on=D(2005, 2, 3), recognized_on=D(2006, 2, 3))
    rows = [dict(org=cell, **dates, **identity(full_name=name)) for cell, name in zip(cells, names, strict=True)]
    return members_register_bulk(actor=actor, rows=enumerate(rows, start=2))


@pytest.fixture
def members(actor, tree):
    """271 members of Hà Nội's cells and of another province's, with names of every kind:
    the word as a family, middle and given name, namesakes, a given name its middle name repeats."""
    other = None
    for code, name, kind, level in [
        ("DN", "Đảng bộ tỉnh Đồng Nai", Kind.OTHER, Level.PROVINCE),
        ("X", "Chi bộ cơ sở ấp 1", Kind.WARD, Level.GRASSROOTS_CELL),
    ]:
        other = org_found(actor=actor, code=code, name=name, kind=kind, level=level, parent=other,
                          founded_on=D(2004, 1, 1))  # fmt: skip
    rng = random.Random(18)
    names = [" ".join(p for p in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if p) for _ in range(260)]
    names += ["Trần Văn Hùng"] * 6 + ["Nguyễn Hùng Hùng", "Hùng Hùng", "Hùng Văn Nguyễn", "Lê Hưng Hùng", "Lò Ư"]
    cells = [rng.choice([tree.a1, tree.a2, tree.b1, tree.c, other]) for _ in names]
    _register_bulk(actor, cells, names)
    return Member.objects.all()


def _pages():
    """The pages a clerk can ask for: the first, the next, a count stopped by the limit, past the end."""
    return [(1001, 0, 50), (1001, 20, 20), (7, 0, 50), (7, 5, 3), (1001, 5000, 50)]


@pytest.mark.parametrize("word", WORDS)
def test_a_word_lists_the_same_page_as_sorting_every_match(members, tree, word):
    for scope in (
        Member.objects.all(),
        Member.objects.filter(status__in=IN_PARTY_STATUSES),
        Member.objects.filter(org__path__startswith=tree.a.path),  # a ward of the tree
    ):
        found = search(scope, word, units=10**6, root_id=tree.hn.pk)
        assert found.first_matches.sql(1001) is not None  # the ranges are read, not everything sorted
        for limit, first, size in _pages():
            sorted_all = page_of_ids(found.all(), limit, first, size)  # a copy sorts every match
            assert page_of_ids(found, limit, first, size) == sorted_all, (word, limit, first, size)
        ids, count = page_of_ids(found, 1001, 0, 1001)
        listed = list(Member.objects.filter(pk__in=ids))
        assert all(m.org.path.startswith(tree.hn.path) for m in listed)  # never another province's
        assert (
            count
            == len(ids)
            == scope.filter(org__path__startswith=tree.hn.path)
            .filter(pk__in=[m.pk for m in members if _holds(m.full_name, word)])
            .count()
        )


def _holds(full_name: str, word: str) -> bool:
    """A word of the name begins with `word`, marks aside: what the search finds."""
    (term,) = search_terms(word)
    return any(w.startswith(term) for w in search_key(full_name).split())


def test_the_common_given_name_is_found_in_order_among_namesakes(members, tree):
    found = search(Member.objects.all(), "hung", units=10**6, root_id=tree.hn.pk)
    ids, count = page_of_ids(found, 1001, 0, 1001)
    listed = list(Member.objects.filter(pk__in=ids))
    by_id = {m.pk: m for m in listed}
    keys = [(by_id[pk].sort_key, pk) for pk in ids]
    assert keys == sorted(keys)  # namesakes (one sort key) by id
    assert sum(by_id[pk].full_name == "Trần Văn Hùng" for pk in ids) >= 1
    assert "Hùng Văn Nguyễn" in {m.full_name for m in listed}  # the word as a family name too


def test_a_word_beginning_too_many_given_names_sorts_every_match(members, tree, monkeypatch):
    monkeypatch.setattr(selectors._FirstByGivenName, "MAX_RANGES", 1)
    found = search(Member.objects.all(), "h", units=10**6, root_id=tree.hn.pk)
    assert found.first_matches.sql(1001) is None
    assert page_of_ids(found, 1001, 0, 50) == page_of_ids(found.all(), 1001, 0, 50)


def _vocabulary_holds_every_member():
    """Every member's given name and sort keys' start is in the vocabulary, as the search reads them."""
    pairs = set(GivenName.objects.values_list("word", "sort_start"))
    for name_key, sort_key in Member.objects.values_list("name_key", "sort_key"):
        start = re.match(r"^((?:[0-9a-f]{2})*?)01", sort_key).group(1)
        assert (name_key.split(" ")[-1], start) in pairs, name_key


def test_the_vocabulary_follows_registration_renaming_and_imports(actor, tree, register):
    member = register(tree.a1, full_name="Trần Văn Khải")
    assert GivenName.objects.filter(word="khai").exists()
    member_update(actor=actor, member=member, full_name="Trần Văn Khuê")
    assert GivenName.objects.filter(word="khue").exists()
    _register_bulk(actor, [tree.b1, tree.c], ["Lê Thị Xuyến", "Hà Ngọc Xuân"])  # COPY on PostgreSQL
    assert set(GivenName.objects.filter(word__startswith="xu").values_list("word", flat=True)) == {"xuyen", "xuan"}
    _vocabulary_holds_every_member()
    found = search(Member.objects.all(), "khu", units=10**6, root_id=tree.hn.pk)
    assert page_of_ids(found, 1001, 0, 50) == ([member.pk], 1)


def test_the_words_before_the_given_name_are_those_the_given_name_does_not_begin_with():
    cases = {
        (1, "nguyen van hung"): ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "v", "va", "van"],
        (1, "nguyen hung hung"): ["n", "ng", "ngu", "nguy", "nguye", "nguyen"],
        (3, search_key("Lê Hưng Hùng")): ["l", "le"],
        (7, "hung van hu"): ["hun", "hung", "v", "va", "van"],
        (None, "an"): [],
        (1, ""): [],
        (1, None): [],
    }
    with connection.cursor() as cursor:
        for (root, key), words in cases.items():
            cursor.execute("SELECT dangvu_words_before_given(%s::bigint, %s::text)", [root, key])
            prefix = "" if root is None else str(root)
            assert cursor.fetchone()[0] == [f"{prefix}:{w}" for w in words], key
