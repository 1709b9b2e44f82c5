"""Review results of a whole subtree from one workbook (issue 16, item 5): organizations and
members of every grassroots organization under the committee, through the review services; the
year's cycle is opened when missing; a bad row is refused naming row and column, nothing stored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.members.models import Member
from dangvu.reviews.models import MemberResult, OrgResult, ReviewCycle

from .helpers import headers, row, xlsx


def _run(ctx, kind, *rows, **kw):
    importer = IMPORTERS[kind]
    sheet = read_rows(xlsx([headers(kind), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def org(code, cls, **kw):
    return row("review_orgs", org=code, year=2016, cls=cls, **kw)


def member(card, cls="", **kw):
    return row("review_members", member=card, year=2016, cls=cls, **kw)


@pytest.fixture
def people(tree, register):
    cards = {"A1": ["01000001", "01000002", "01000003"], "B1": ["01000004", "01000005"], "C": ["01000006"]}
    for code, numbers in cards.items():
        for n in numbers:
            register(getattr(tree, code.lower()), party_card_no=n)
    return cards


def test_a_subtree_of_organizations_and_members_in_one_workbook_each(ctx, tree, people):
    orgs = [
        org("A", "Trong sạch vững mạnh"), org("A1", "Hoàn thành tốt nhiệm vụ"), org("A2", "hoan thanh tot nhiem vu"),
        org("B", "Hoàn thành nhiệm vụ"), org("C", "Trong sạch, vững mạnh", exemplary="Có"),
    ]  # fmt: skip
    assert _run(ctx(tree.hm), "review_orgs", *orgs).messages() == []
    assert not ReviewCycle.objects.exists()  # the dry run opened nothing
    result = _run(ctx(tree.hm), "review_orgs", *orgs, store=True)
    assert result.messages() == [] and result.stored == 5
    cycle = ReviewCycle.objects.get(committee=tree.hm, year=2016)
    decided = dict(OrgResult.objects.filter(cycle=cycle).values_list("org__code", "decided_class"))
    assert decided == {"A": "tsvm", "A1": "good", "A2": "good", "B": "completed", "C": "tsvm"}
    assert OrgResult.objects.get(org=tree.c).exemplary

    members = [member("01000001", "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"),
               member("01000004", "Du tu cach hoan thanh tot nhiem vu"),
               member("01000002", "Đủ tư cách, hoàn thành tốt nhiệm vụ"),
               member("01000003", not_rated_reason="Miễn sinh hoạt đảng"),
               member("01000005", "Đủ tư cách, hoàn thành nhiệm vụ nhưng còn hạn chế"),
               member("01000006", "Đủ tư cách, hoàn thành tốt nhiệm vụ")]  # fmt: skip
    result = _run(ctx(tree.hm), "review_members", *members, store=True)
    assert result.messages() == [] and result.stored == 6
    got = dict(MemberResult.objects.filter(cycle=cycle).values_list("member__party_card_no", "decided_class"))
    assert got == {"01000001": "excellent", "01000002": "good", "01000003": "", "01000004": "good",
                   "01000005": "completed", "01000006": "good"}  # fmt: skip
    by_org = dict(MemberResult.objects.filter(member__party_card_no="01000004").values_list("org__code", "cycle_id"))
    assert by_org == {"B": cycle.pk}  # recorded under the member's grassroots organization


@pytest.mark.parametrize(
    ("kind", "bad", "expected"),
    [
        ("review_orgs", org("B", "Xuất sắc lắm"), "Dòng 3, cột Xếp loại: Mức xếp loại “Xuất sắc lắm” không có trong"),
        ("review_orgs", org("ZZ", "Hoàn thành nhiệm vụ"), "Dòng 3, cột Mã tổ chức: không tìm thấy tổ chức “ZZ”"),
        ("review_orgs", org("B", "Hoàn thành nhiệm vụ", exemplary="Có"),
         "Dòng 3, cột Tiêu biểu: Chỉ tổ chức cơ sở đảng xếp loại “Trong sạch, vững mạnh” mới được chọn là tiêu biểu"),
        ("review_members", member("01000004", "Giỏi"), "Dòng 3: Đồng chí"),
        ("review_members", member("09999999", "Giỏi"), "Dòng 3, cột Số thẻ hoặc CCCD đảng viên: không tìm thấy"),
        ("review_members", member("01000004", "Hoàn thành tốt nhiệm vụ", not_rated_reason="Ốm"), "Dòng 3: Đồng chí"),
    ],
    ids=["unknown-class", "unknown-unit", "exemplary-not-top", "member-unknown-class", "unknown-member",
         "class-and-reason"],
)  # fmt: skip
def test_each_bad_row_is_refused_naming_row_and_column_and_nothing_is_stored(ctx, tree, people, kind, bad, expected):
    good = org("C", "Hoàn thành tốt nhiệm vụ")
    if kind == "review_members":
        good = member("01000006", "Đủ tư cách, hoàn thành tốt nhiệm vụ")
    result = _run(ctx(tree.hm), kind, good, bad, store=True)
    assert [m for r in result.bad for m in r.errors][0].startswith(expected), result.messages()
    assert result.stored == 0
    assert not OrgResult.objects.exists() and not MemberResult.objects.exists() and not ReviewCycle.objects.exists()


def test_a_member_column_reads_each_member_fresh_and_each_unit_once(ctx, tree, people, django_assert_num_queries):
    """Every row naming a member costs one query; the member's unit and the unit's superior (from
    which the review import finds the grassroots organization) are read once for all its rows."""
    context = ctx(tree.hm)
    first, second = people["A1"][:2]
    context.member(first)  # the scope's compiled read, and the unit
    with django_assert_num_queries(1):
        found = context.member(second)
        assert found.party_card_no == second
        assert found.org == tree.a1 and found.org.parent == tree.a
    with django_assert_num_queries(2):  # another unit: read once
        assert context.member(people["B1"][0]).org.parent == tree.b
    found.__class__.objects.filter(pk=found.pk).update(full_name="Lê Thị Đổi")
    assert context.member(second).full_name == "Lê Thị Đổi"  # a row sees what an earlier row changed


def test_members_read_ahead_are_those_read_one_by_one(
    ctx, tree, people, register, make_user, monkeypatch, django_assert_num_queries
):
    """What the review import reads ahead (ImportContext.read_members_ahead) is what each row would
    have read alone: within the scope, the first by id when a number is one member's card and
    another's citizen ID, nothing for a number no member holds — and no member read twice."""
    from dangvu.imports import importers

    first = Member.objects.get(party_card_no=people["A1"][0])
    # A later member whose card number is the first's citizen ID, and whose own citizen ID comes
    # first in order: read through that chunk, it holds the first's number until the first is read.
    twin = register(tree.a1, party_card_no=first.citizen_id, citizen_id="000000000001")
    outside = register(tree.b1, party_card_no="07000007")
    numbers = [*people["A1"], first.citizen_id, twin.citizen_id, outside.party_card_no, "99999999"]
    monkeypatch.setattr(importers, "READ_AHEAD_CHUNK", 1)  # one number a query: members found across chunks
    context = ctx(tree.hm)
    one_by_one = {number: context.scope.member_by_number(number) for number in numbers[:-1]}
    assert one_by_one[first.citizen_id] == first
    context.read_members_ahead([f" {n} " for n in numbers])
    context.member(people["A1"][0])  # the unit with its superior, read once
    context.member(outside.party_card_no)
    with django_assert_num_queries(0):
        assert {number: context.member(number) for number in numbers[:-1]} == one_by_one
    with pytest.raises(importers.CellError):
        context.member("99999999")
    clerk = make_user(Role.ORG_BOARD, tree.a)  # ward A's: B1 is outside
    ward = importers.ImportContext(actor=clerk, scope=Scope.of(clerk), org=tree.a)
    ward.read_members_ahead([outside.party_card_no, people["A1"][0]])
    assert ward.member(people["A1"][0]) == first
    with pytest.raises(importers.CellError):
        ward.member(outside.party_card_no)


def test_a_review_import_reads_its_members_in_one_query(ctx, tree, people):
    rows = [member(card, "Đủ tư cách, hoàn thành tốt nhiệm vụ") for cards in people.values() for card in cards]
    with CaptureQueriesContext(connection) as queries:
        result = _run(ctx(tree.hm), "review_members", *rows, store=True)
    assert result.stored == 6 and not result.bad
    assert MemberResult.objects.count() == 6
    reads = [q["sql"] for q in queries if 'FROM "members_member"' in q["sql"] and '"party_card_no"' in q["sql"]]
    assert len(reads) == 1 and '"party_card_no" IN' in reads[0]
