"""Transfers as two acts (issue 20, item 2): ward A's clerk sends a member to a cell of ward B
chosen by name; ward B's clerk sees it waiting and records the arrival, which moves the member's
period; each side sees only its own; both acts are audited; a refused arrival changes nothing."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from dangvu.accounts.scope import Scope
from dangvu.members import transfers
from dangvu.members.models import EventKind, Member, MemberPeriod, Transfer, TransferState

from ..conftest import D


@pytest.fixture
def clerk(client, tree, make_user):
    def login(org):
        user = make_user("grassroots", org)
        client.force_login(user)
        return user

    return login


def test_destinations_are_found_without_diacritics_across_wards_and_named_with_their_ward(tree):
    found = transfers.destinations("dai kim", exclude=tree.a1)
    assert [u.code for u in found] == ["B1"]
    assert transfers.unit_with_superior(found[0]) == "Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim"
    assert [u.code for u in transfers.destinations("so 1")] == ["A1", "B1"]
    assert [u.code for u in transfers.destinations("so 1", exclude=tree.a1)] == ["B1"]


def test_ward_a_sends_ward_b_receives_and_the_period_moves(client, tree, clerk, register):
    member = register(tree.a1, full_name="Lê Văn Chuyển")
    clerk(tree.a)
    page = client.get(f"/dang-vien/{member.pk}/chuyen-sinh-hoat/?q=dai+kim").content.decode()
    assert "Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim" in page
    response = client.post(
        f"/dang-vien/{member.pk}/chuyen-sinh-hoat/?q=dai+kim",
        {"to_org": tree.b1.pk, "issued_on": "01/03/2016", "decision_no": "12-GGT/ĐU"},
    )
    assert response.status_code == 302
    t = Transfer.objects.get()
    assert t.state == TransferState.WAITING and t.from_org == tree.a1 and t.to_org == tree.b1
    member.refresh_from_db()
    assert member.org == tree.a1  # still in the sending cell until the arrival
    own = client.get("/dang-vien/chuyen-sinh-hoat/").content.decode()
    assert "Chờ đơn vị tiếp nhận (0)" in own and "Lê Văn Chuyển</a>" in own.split("Đơn vị đã giới thiệu đi")[1]
    # Ward A cannot record the arrival it sent.
    assert (
        client.post(f"/dang-vien/chuyen-sinh-hoat/{t.pk}/tiep-nhan/", {"received_on": "05/03/2016"}).status_code == 404
    )

    clerk(tree.b)
    waiting = client.get("/dang-vien/chuyen-sinh-hoat/").content.decode()
    assert "Lê Văn Chuyển" in waiting and "Chi bộ tổ dân phố số 1 — Đảng bộ phường Định Công" in waiting
    response = client.post(f"/dang-vien/chuyen-sinh-hoat/{t.pk}/tiep-nhan/", {"received_on": "05/03/2016"})
    assert response.status_code == 302
    t.refresh_from_db()
    member.refresh_from_db()
    assert t.state == TransferState.RECEIVED and t.event.kind == EventKind.TRANSFERRED
    assert member.org == tree.b1
    periods = MemberPeriod.objects.filter(member=member).order_by("valid_from")
    assert [(p.org_id, p.valid_to) for p in periods][-2:] == [(tree.a1.pk, D(2016, 3, 5)), (tree.b1.pk, None)]
    history = client.get(f"/dang-vien/{member.pk}/").content.decode()
    assert (
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Định Công → Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim" in history
    )
    assert LogEntry.objects.get_for_model(Transfer).filter(object_pk=str(t.pk)).count() == 2


def test_only_the_receiving_unit_sees_and_records_it(tree, actor, make_user, register):
    member = register(tree.a1)
    sender = Scope.of(make_user("grassroots", tree.a))
    t = transfers.transfer_issue(actor=actor, scope=sender, member=member, to_org=tree.b1, issued_on=D(2016, 3, 1))
    other = Scope.of(make_user("grassroots", tree.c))
    assert list(transfers.transfers_waiting(other)) == []
    assert list(transfers.transfers_waiting(Scope.of(make_user("grassroots", tree.b)))) == [t]
    with pytest.raises(ValidationError, match="không gửi đến đơn vị của bạn"):
        transfers.transfer_receive(actor=actor, scope=other, transfer=t, received_on=D(2016, 3, 5))
    # A second transfer while one is on its way is refused; so is one outside the sender's scope.
    with pytest.raises(ValidationError, match="đang chờ nơi đến tiếp nhận"):
        transfers.transfer_issue(actor=actor, scope=sender, member=member, to_org=tree.a2, issued_on=D(2016, 3, 2))
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        transfers.transfer_issue(actor=actor, scope=other, member=member, to_org=tree.a2, issued_on=D(2016, 3, 2))


def test_a_refused_arrival_changes_nothing(tree, actor, make_user, register):
    member = register(tree.a1)
    t = transfers.transfer_issue(
        actor=actor, scope=Scope.of(make_user("grassroots", tree.a)), member=member, to_org=tree.b1,
        issued_on=D(2016, 3, 1),
    )  # fmt: skip
    receiver = Scope.of(make_user("grassroots", tree.b))
    with pytest.raises(ValidationError, match="Ngày tiếp nhận phải từ ngày giới thiệu"):
        transfers.transfer_receive(actor=actor, scope=receiver, transfer=t, received_on=D(2016, 2, 1))
    t.refresh_from_db()
    assert t.state == TransferState.WAITING and Member.objects.get(pk=member.pk).org == tree.a1


def test_the_unit_lists_of_the_event_form_name_each_cell_with_its_superior(client, tree, make_user, register):
    member = register(tree.a1)
    client.force_login(make_user("org_board", tree.hm))
    html = client.get(f"/dang-vien/{member.pk}/su-kien/transferred/").content.decode()
    assert '<option value="B1 — Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim">' in html
