"""Two people editing the same member: the second is told plainly, nothing is lost. Many writers
at once on PostgreSQL: every admission is stored exactly once."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.members.models import EventKind, Member, MemberEvent, MemberPeriod
from dangvu.members.services import member_admit, member_update, version_of

from ..conftest import D, identity


def _form(member, version, **changes):
    data = {
        "full_name": member.full_name, "birth_date": member.birth_date.strftime("%d/%m/%Y"), "sex": member.sex,
        "citizen_id": member.citizen_id or "", "ethnicity": member.ethnicity, "religion": member.religion,
        "address": member.address, "phone": member.phone, "version": version,
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_second_of_two_editors_gets_a_conflict_and_the_first_change_stays(tree, register, make_user, client):
    member = register(tree.a1, full_name="Nguyễn Văn An", address="Số 1 Định Công")
    first, second = make_user(Role.GRASSROOTS, tree.a, "thu-ky-1"), make_user(Role.ORG_BOARD, tree.hm, "ban-to-chuc")
    url = reverse("member-edit", args=[member.pk])
    client.force_login(first)
    page = client.get(url).content.decode()
    version = version_of(member)
    assert f'name="version" value="{version}"' in page  # the form carries the version it was loaded with
    # Both loaded the page at `version`; the first saves a new address.
    response = client.post(url, _form(member, version, address="Số 9 Định Công"))
    assert response.status_code == 302
    # The second, still on the old page, saves a new phone number.
    client.force_login(second)
    response = client.post(url, _form(member, version, phone="0912345678"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hồ sơ đã được người khác sửa lúc" in text and "hãy tải lại trang và nhập lại thay đổi" in text
    member.refresh_from_db()
    assert member.address == "Số 9 Định Công" and member.phone == ""
    # Reloaded, the second's change goes through.
    response = client.post(url, _form(member, version_of(member), phone="0912345678"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.address, member.phone) == ("Số 9 Định Công", "0912345678")


def test_an_update_from_a_stale_copy_does_not_overwrite_other_fields(tree, register, actor):
    """A service given an old copy of the member writes only the identity fields it changes."""
    member = register(tree.a1)
    stale = Member.objects.get(pk=member.pk)
    member_update(actor=actor, member=member, address="Địa chỉ mới")
    member_update(actor=actor, member=stale, phone="0987654321")
    member.refresh_from_db()
    assert (member.address, member.phone) == ("Địa chỉ mới", "0987654321")


def test_a_stale_version_is_refused_by_the_service(tree, register, actor):
    member = register(tree.a1)
    version = version_of(member)
    member_update(actor=actor, member=member, expected_version=version, phone="0911111111")
    with pytest.raises(ValidationError) as e:
        member_update(actor=actor, member=member, expected_version=version, phone="0922222222")
    assert "Hồ sơ đã được người khác sửa lúc" in e.value.message_dict["__all__"][0]
    member.refresh_from_db()
    assert member.phone == "0911111111"


pg_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="SQLite's in-memory test database serializes writers on one lock; the load test needs PostgreSQL "
    "(run with DATABASE_URL=postgres://…)",
)


def _in_threads(n, work):
    errors, barrier = [], threading.Barrier(n)

    def run(i):
        try:
            barrier.wait()
            work(i)
        except Exception as e:  # noqa: BLE001 — reported below, the thread must not die silently
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


@pg_only
@pytest.mark.django_db(transaction=True)
def test_many_concurrent_admissions_into_one_cell_are_all_stored_once(tree, actor):
    threads, each = 8, 25
    started = time.perf_counter()

    def admit_many(i):
        for k in range(each):
            member_admit(
                actor=actor, org=tree.a1, admitted_on=D(2016, 3, 2), decision_no=f"{i}-{k}-QĐ/ĐU",
                **identity(full_name=f"Người Thứ {i:02d} {k:03d}", citizen_id=f"0990{i:02d}{k:06d}"),
            )  # fmt: skip

    errors = _in_threads(threads, admit_many)
    elapsed = time.perf_counter() - started
    assert errors == []
    admitted = Member.objects.filter(org=tree.a1, full_name__startswith="Người Thứ")
    assert admitted.count() == threads * each
    assert admitted.values("full_name").distinct().count() == threads * each
    assert MemberEvent.objects.filter(member__in=admitted, kind=EventKind.ADMITTED).count() == threads * each
    assert MemberPeriod.objects.filter(member__in=admitted, valid_to__isnull=True).count() == threads * each
    assert elapsed < 30, f"{threads}×{each} admissions took {elapsed:.1f} s"
    print(f"\n{threads}×{each} concurrent admissions: {elapsed:.2f} s")


@pg_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_editors_of_one_member_exactly_one_wins(tree, actor, register):
    member = register(tree.a1)
    version = version_of(member)

    def edit(i):
        member_update(
            actor=actor, member=Member.objects.get(pk=member.pk), expected_version=version, phone=f"09{i:08d}"
        )

    errors = _in_threads(8, edit)
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors)
    member.refresh_from_db()
    assert member.phone.startswith("09") and version_of(member) != version


def test_the_load_test_runs_on_postgresql_in_make_test():
    """The load tests above skip on SQLite; say so plainly when they do."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL not in use: the concurrent-writer tests were skipped")
