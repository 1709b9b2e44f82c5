"""Residence contact (Quy định 213-QĐ/TW), two-sided like a transfer: the member's own organization
introduces, the residence's committee confirms and comments, the member's organization reads the
comment; each step's refusal, the scope of each side, the audit entries, and the contacts recorded
before (by the residence side alone) kept readable by both sides."""

import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.committees import residence
from dangvu.committees.models import ContactStatus, ResidenceComment, ResidenceContact

from ..conftest import D


@pytest.fixture
def teacher(tree, register):
    """A teacher of school C (a chi bộ cơ sở) who lives in ward A."""
    return register(tree.c, full_name="Phạm Văn Giáo")


@pytest.fixture
def clerks(make_user, tree):
    """The clerks of school C (the member's side), ward A (the residence) and ward B (a third party)."""
    return {code: make_user("grassroots", getattr(tree, code), f"thu-ky-{code}") for code in ("c", "a", "b")}


def _error(exc, field):
    return " ".join(exc.value.message_dict[field])


def test_introduced_by_the_school_confirmed_and_commented_by_the_ward_read_by_the_school(tree, teacher, clerks):
    contact = residence.contact_introduce(
        actor=clerks["c"], member=teacher, ward=tree.a, introduced_on=D(2016, 1, 20), letter_no="12-GGT/CB",
        address="Số 5 ngõ 12 Định Công",
    )  # fmt: skip
    assert contact.status == ContactStatus.INTRODUCED and contact.introduced_by == tree.c and contact.cell is None
    assert list(residence.received_contacts(tree.a)) == [contact]
    assert list(residence.sent_contacts(tree.c)) == [contact]
    assert list(residence.received_contacts(tree.b)) == [] and list(residence.visible_contacts(tree.b)) == []
    residence.contact_confirm(actor=clerks["a"], contact=contact, cell=tree.a1, since=D(2016, 2, 1))
    residence.contact_note_add(actor=clerks["a"], contact=contact, date=D(2016, 6, 1), content="Dự sinh hoạt.")
    residence.residence_comment_record(actor=clerks["a"], contact=contact, year=2016, assessment="exemplary",
                                       commented_on=D(2016, 12, 10), text="Gương mẫu.")  # fmt: skip
    comments = residence.comments_for_review([teacher.pk], 2016)
    assert comments[teacher.pk].get_assessment_display().startswith("Gương mẫu")
    assert residence.comments_for_review([teacher.pk], 2015) == {}
    # Recording the year again replaces the comment; the audit keeps both wordings.
    residence.residence_comment_record(actor=clerks["a"], contact=contact, year=2016, assessment="fulfilled",
                                       commented_on=D(2016, 12, 12))  # fmt: skip
    assert residence.comments_for_review([teacher.pk], 2016)[teacher.pk].assessment == "fulfilled"
    assert list(residence.contacts_on(residence.visible_contacts(tree.c), D(2016, 3, 1))) == [contact]
    assert list(residence.contacts_on(residence.visible_contacts(tree.a), D(2016, 1, 25))) == []
    # Every step is an audit entry naming the clerk of the side that took it.
    entries = LogEntry.objects.get_for_objects(ResidenceContact.objects.filter(pk=contact.pk)).order_by("pk")
    assert [(e.action, e.actor.username) for e in entries] == [(0, "thu-ky-c"), (1, "thu-ky-a")]
    assert entries[1].changes["status"] == ["introduced", "confirmed"]
    comment_entries = LogEntry.objects.filter(content_type__model="residencecomment").order_by("pk")
    assert [(e.action, e.actor.username) for e in comment_entries] == [(0, "thu-ky-a"), (1, "thu-ky-a")]


def test_each_side_acts_only_on_its_own_side(tree, teacher, register, clerks):
    # Ward B's clerk cannot introduce a member of school C, nor ward A's clerk.
    for who in ("b", "a"):
        with pytest.raises(PermissionDenied):
            residence.contact_introduce(actor=clerks[who], member=teacher, ward=tree.a, introduced_on=D(2016, 1, 20))
    assert not ResidenceContact.objects.exists()
    contact = residence.contact_introduce(actor=clerks["c"], member=teacher, ward=tree.a, introduced_on=D(2016, 1, 20))
    # Only ward A receives it: not ward B, not the school itself.
    for who in ("b", "c"):
        with pytest.raises(PermissionDenied):
            residence.contact_confirm(actor=clerks[who], contact=contact, cell=tree.a1, since=D(2016, 2, 1))
    with pytest.raises(PermissionDenied):
        residence.contact_decline(actor=clerks["b"], contact=contact, reason="Không ở đây")
    # Before confirmation nobody notes or comments; afterwards only the residence does.
    with pytest.raises(ValidationError) as exc:
        residence.contact_note_add(actor=clerks["a"], contact=contact, date=D(2016, 2, 1), content="x")
    assert "chưa tiếp nhận" in _error(exc, "date")
    residence.contact_confirm(actor=clerks["a"], contact=contact, cell=tree.a1, since=D(2016, 2, 1))
    for who in ("b", "c"):
        with pytest.raises(PermissionDenied):
            residence.residence_comment_record(actor=clerks[who], contact=contact, year=2016, assessment="fulfilled",
                                               commented_on=D(2016, 12, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        residence.contact_end(actor=clerks["b"], contact=contact, on=D(2017, 1, 1), reason="x")
    # Either real side may end it (the member moved).
    residence.contact_end(actor=clerks["c"], contact=contact, on=D(2017, 1, 1), reason="Chuyển nơi ở")
    assert not ResidenceComment.objects.exists()


@pytest.mark.parametrize(
    "ward_code, day, field, words",
    [
        ("c", D(2016, 2, 1), "ward", "không phải đảng ủy xã, phường"),
        ("a1", D(2016, 2, 1), "ward", "không phải đảng ủy xã, phường"),
        ("a", D(2099, 2, 1), "introduced_on", "ở tương lai"),
        ("a", D(2003, 2, 1), "member", "không sinh hoạt đảng"),
    ],
)
def test_an_introduction_names_a_ward_or_commune_committee_on_a_day_the_member_was_in_the_party(
    tree, teacher, clerks, ward_code, day, field, words
):
    with pytest.raises(ValidationError) as exc:
        residence.contact_introduce(actor=clerks["c"], member=teacher, ward=getattr(tree, ward_code), introduced_on=day)
    assert words in _error(exc, field)
    assert not ResidenceContact.objects.exists()


def test_not_to_ones_own_ward_one_contact_at_a_time_and_a_cell_of_the_ward_introduced_to(
    tree, teacher, register, make_user, clerks
):
    local = register(tree.a1)
    with pytest.raises(ValidationError) as exc:
        residence.contact_introduce(actor=clerks["a"], member=local, ward=tree.a, introduced_on=D(2016, 2, 1))
    assert "sinh hoạt đảng ngay tại" in _error(exc, "ward")
    with pytest.raises(ValidationError) as exc:
        residence.contact_introduce(actor=clerks["c"], member=teacher, introduced_on=D(2016, 2, 1))
    assert "Hãy chọn đảng ủy xã, phường" in _error(exc, "ward")
    contact = residence.contact_introduce(actor=clerks["c"], member=teacher, ward=tree.a, introduced_on=D(2016, 2, 1))
    with pytest.raises(ValidationError) as exc:
        residence.contact_introduce(actor=clerks["c"], member=teacher, ward=tree.b, introduced_on=D(2016, 3, 1))
    assert "đang giữ mối liên hệ với Đảng bộ phường Định Công" in _error(exc, "member")
    with pytest.raises(ValidationError) as exc:
        residence.contact_confirm(actor=clerks["a"], contact=contact, cell=tree.b1, since=D(2016, 2, 5))
    assert "không phải chi bộ nơi cư trú của Đảng bộ phường Định Công" in _error(exc, "cell")
    with pytest.raises(ValidationError) as exc:
        residence.contact_confirm(actor=clerks["a"], contact=contact, cell=tree.a1, since=D(2016, 1, 5))
    assert "từ ngày giới thiệu" in _error(exc, "since")
    # Returned with a reason: closed, and the school may introduce the member elsewhere.
    residence.contact_decline(actor=clerks["a"], contact=contact, reason="Không cư trú trên địa bàn phường")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECLINED and contact.end_reason.startswith("Không cư trú")
    with pytest.raises(ValidationError):
        residence.contact_confirm(actor=clerks["a"], contact=contact, cell=tree.a1, since=D(2016, 2, 5))
    residence.contact_introduce(actor=clerks["c"], member=teacher, ward=tree.b, introduced_on=D(2016, 3, 1))


def test_a_residence_outside_the_tree_is_kept_by_the_members_organization(tree, teacher, clerks):
    contact = residence.contact_introduce(
        actor=clerks["c"],
        member=teacher,
        ward_name="Đảng ủy xã Tam Hiệp, huyện Thanh Trì",
        introduced_on=D(2016, 1, 20),
    )
    assert contact.status == ContactStatus.OUTSIDE and contact.since == D(2016, 1, 20)
    assert contact.residence_name == "Đảng ủy xã Tam Hiệp, huyện Thanh Trì"
    # The school copies the comment it received on paper; no ward of the tree sees the contact.
    residence.residence_comment_record(actor=clerks["c"], contact=contact, year=2016, assessment="fulfilled",
                                       commented_on=D(2016, 12, 20))  # fmt: skip
    assert residence.comments_for_review([teacher.pk], 2016)[teacher.pk].assessment == "fulfilled"
    assert not residence.visible_contacts(tree.a).exists() and not residence.visible_contacts(tree.b).exists()
    with pytest.raises(PermissionDenied):
        residence.residence_comment_record(actor=clerks["a"], contact=contact, year=2016, assessment="fulfilled",
                                           commented_on=D(2016, 12, 20))  # fmt: skip


def test_contacts_recorded_before_become_confirmed_contacts_both_sides_still_read(tree, teacher):
    """Migration 0002: a contact typed in by the residence side (only member, cell and dates) is a
    confirmed contact introduced by the member's organization to the ward above the cell."""
    old = ResidenceContact.objects.create(member=teacher, cell=tree.a1, since=D(2016, 2, 1))
    migration = importlib.import_module("dangvu.committees.migrations.0002_residence_two_sided")
    migration.forwards(apps, None)
    old.refresh_from_db()
    assert (old.status, old.introduced_by, old.introduced_on, old.ward, old.ward_name) == (
        ContactStatus.CONFIRMED, tree.c, D(2016, 2, 1), tree.a, tree.a.name,
    )  # fmt: skip
    assert list(residence.received_contacts(tree.a)) == [old] and list(residence.sent_contacts(tree.c)) == [old]
    assert list(residence.contacts_on(residence.visible_contacts(tree.c), D(2016, 3, 1))) == [old]
