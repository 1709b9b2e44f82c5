"""dues_collect_month records a cell's month in one batch: exactly the payments, refusals and audit
entries of dues_pay called for each member of the sheet, all or nothing, in a number of queries
that does not grow with the cell."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dangvu.dues import selectors, services
from dangvu.dues.models import Payment
from dangvu.members.models import EventKind
from dangvu.members.services import member_record_event
from dangvu.reports.services import year_close

from ..conftest import D

MONTH, PAID_ON = D(2016, 4, 1), D(2016, 4, 12)
COLLECTOR = "  Đồng chí   Chi ủy viên\u200b phụ trách tài chính "


def _cell(actor, tree, register):
    """A1 with every kind of row the sheet holds: salary, pension, fixed amount (one paying more
    than the rate), a member without a basis, one who already paid, one who moved in mid-month."""
    members = [register(tree.a1) for _ in range(6)]
    salary, pension, fixed, voluntary, no_basis, paid = members
    mover = register(tree.a2)
    member_record_event(actor=actor, member=mover, kind=EventKind.TRANSFERRED, date=D(2016, 4, 15), to_org=tree.a1)
    jan = D(2016, 1, 1)
    services.dues_basis_set(actor=actor, member=salary, kind="salary", base_amount=6_120_000, valid_from=jan)
    services.dues_basis_set(actor=actor, member=pension, kind="pension", base_amount=3_333_350, valid_from=jan)
    services.dues_basis_set(actor=actor, member=fixed, kind="fixed", fixed_amount=5_000, valid_from=jan)
    services.dues_basis_set(
        actor=actor, member=voluntary, kind="fixed", fixed_amount=5_000, voluntary_amount=20_000, valid_from=jan
    )
    services.dues_basis_set(actor=actor, member=paid, kind="fixed", fixed_amount=5_000, valid_from=jan)
    services.dues_basis_set(actor=actor, member=mover, kind="salary", base_amount=4_650_000, valid_from=jan)
    services.dues_pay(actor=actor, member=paid, month=MONTH, paid_on=D(2016, 4, 2), receipt_no="BL-01")
    return members + [mover]


def _last_entry() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _state(since: int):
    """The payments of the month and the audit entries after `since`, without ids and times."""
    payments = [
        {k: v for k, v in row.items() if k not in ("id", "created_at")}
        for row in Payment.objects.filter(month=MONTH).order_by("member_id").values()
    ]
    entries = []
    for e in LogEntry.objects.filter(pk__gt=since).order_by("timestamp", "pk"):
        changes = {k: ["<id>" if k == "id" else "<time>" if k == "created_at" else v for v in pair]
                   for k, pair in e.changes.items()}  # fmt: skip
        who = (e.actor_id, e.actor_email, e.remote_addr, e.remote_port, e.cid)
        entries.append((e.content_type_id, e.action, e.object_repr, *who, e.serialized_data, e.additional_data,
                        e.changes_text, changes))  # fmt: skip
    return payments, entries


def _one_by_one(actor, org, member_ids=None):
    """What dues_pay stores for each member the collection takes, in the sheet's order (rolled back)."""
    with transaction.atomic():
        since = _last_entry()
        for row in selectors.month_sheet(org, MONTH):
            if row.paid or row.due is None or (member_ids is not None and row.member.pk not in member_ids):
                continue
            services.dues_pay(actor=actor, member=row.member, month=MONTH, paid_on=PAID_ON, collected_by=COLLECTOR)
        state = _state(since)
        transaction.set_rollback(True)
    return state


@pytest.mark.parametrize("some", [False, True])
def test_the_batch_stores_what_dues_pay_stores_member_by_member(actor, tree, register, some):
    members = _cell(actor, tree, register)
    member_ids = {members[0].pk, members[2].pk, members[4].pk, members[6].pk} if some else None
    expected_payments, expected_audit = _one_by_one(actor, tree.a1, member_ids)
    assert len(expected_payments) == (3 if some else 5) + 1  # with the earlier payment
    assert len(expected_audit) == len(expected_payments) - 1

    since = _last_entry()
    paid = services.dues_collect_month(
        actor=actor, org=tree.a1, month=MONTH, paid_on=PAID_ON, member_ids=member_ids, collected_by=COLLECTOR
    )
    assert _state(since) == (expected_payments, expected_audit)
    # the payments returned are the ones stored, with their ids, in the sheet's order
    stored = {p.pk: p for p in Payment.objects.filter(pk__in=[p.pk for p in paid])}
    assert [(p.member_id, p.amount, p.created_at) for p in paid] == [
        (stored[p.pk].member_id, stored[p.pk].amount, stored[p.pk].created_at) for p in paid
    ]
    assert all(LogEntry.objects.get_for_object(p).get().actor == actor for p in paid)
    assert [p.org_id for p in paid] == [tree.a1.pk] * len(paid)  # the mover pays to the cell he moved to
    assert paid[0].collected_by == "Đồng chí Chi ủy viên phụ trách tài chính"


def test_a_month_with_nothing_to_collect_is_not_checked(actor, tree, register):
    register(tree.a1)  # no basis
    assert services.dues_collect_month(actor=actor, org=tree.a1, month=MONTH, paid_on=D(2099, 1, 1)) == []


@pytest.mark.parametrize(
    ("paid_on", "field", "words"),
    [(D(2099, 1, 1), "paid_on", "ở tương lai"), (D(2015, 3, 1), "month", "trước tối đa 12 tháng")],
)
def test_a_refused_collection_stores_nothing_with_dues_pays_message(actor, tree, register, paid_on, field, words):
    _cell(actor, tree, register)
    before, entries = Payment.objects.count(), LogEntry.objects.count()
    with pytest.raises(ValidationError) as e:
        services.dues_collect_month(actor=actor, org=tree.a1, month=MONTH, paid_on=paid_on)
    assert words in " ".join(e.value.message_dict[field])
    assert (Payment.objects.count(), LogEntry.objects.count()) == (before, entries)


def test_a_closed_year_refuses_the_whole_collection(actor, tree, register):
    members = _cell(actor, tree, register)
    year_close(actor=actor, org=tree.hm, year=2016)
    with transaction.atomic(), pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=members[0], month=MONTH, paid_on=PAID_ON)
    expected = e.value.message_dict
    before, entries = Payment.objects.count(), LogEntry.objects.count()
    with pytest.raises(ValidationError) as e:
        services.dues_collect_month(actor=actor, org=tree.a1, month=MONTH, paid_on=PAID_ON)
    assert e.value.message_dict == expected and "đã chốt" in expected["paid_on"][0]
    assert (Payment.objects.count(), LogEntry.objects.count()) == (before, entries)


def _queries_to_collect(actor, org, register, n: int) -> int:
    for _ in range(n):
        m = register(org)
        services.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    ContentType.objects.clear_cache()  # each count reads it, whichever test ran before
    with CaptureQueriesContext(connection) as queries:
        assert len(services.dues_collect_month(actor=actor, org=org, month=MONTH, paid_on=PAID_ON)) == n
    return len(queries)


def test_the_queries_do_not_grow_with_the_members(actor, tree, register):
    few = _queries_to_collect(actor, tree.a1, register, 2)
    many = _queries_to_collect(actor, tree.a2, register, 30)
    assert many == few <= 12
