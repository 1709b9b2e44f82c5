"""Documents published by a committee to its members: who receives them, reading and searching
without diacritics, bookmarks, the publisher's read receipts, the file checks."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.core.models import ExportLog
from dangvu.handbook.documents import document_publish, documents_of, receipts
from dangvu.handbook.models import Document, Notice

TODAY = dt.date.today()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="nq.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def people(tree, make_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return {
        "clerk_a": make_user(Role.GRASSROOTS, tree.a, "vp-a"),
        "clerk_b": make_user(Role.GRASSROOTS, tree.b, "vp-b"),
        "a1": make_user(Role.MEMBER, tree.a1, "dv-a1"),
        "a2": make_user(Role.MEMBER, tree.a2, "dv-a2"),
        "b1": make_user(Role.MEMBER, tree.b1, "dv-b1"),
    }


def publish(clerk, **kw):
    data = {"kind": "resolution", "number": "05-NQ/ĐU", "issued_on": TODAY, "issuer": "Đảng ủy phường Định Công",
            "title": "Nghị quyết về công tác phát triển đảng viên năm nay", "file": pdf()}  # fmt: skip
    data.update(kw)
    return document_publish(actor=clerk, scope=Scope.of(clerk), today=TODAY, **data)


def test_a_document_to_chosen_cells_reaches_only_their_members(tree, people, client):
    doc = publish(people["clerk_a"], audience=[(tree.a1, False)])
    a1, a2 = people["a1"].member_account.member, people["a2"].member_account.member
    assert [d for d, _ in documents_of(a1)] == [doc] and documents_of(a2) == []
    assert Notice.objects.filter(member=a1, url=f"/so-tay/van-ban/{doc.pk}/").count() == 1
    assert not Notice.objects.filter(member=a2).exists()
    client.force_login(people["a2"])
    for url in (f"/so-tay/van-ban/{doc.pk}/", f"/so-tay/van-ban/{doc.pk}/tep/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/so-tay/van-ban/{doc.pk}/danh-dau/", {"danh-dau": "1"}).status_code == 404


def test_a_document_to_a_whole_subtree_reaches_every_cell_below_and_no_other(tree, people):
    """The list a member opens (a query compiled once a depth of the tree) holds what
    `visible_to` holds: the documents to their cell and to a unit above (for its whole subtree),
    none to a sister cell nor to another ward, newest first."""
    from dangvu.handbook.documents import visible_to

    days = dt.timedelta(days=1)
    ward = publish(people["clerk_a"], audience=[(tree.a, True)], issued_on=TODAY - 2 * days)
    cell = publish(people["clerk_a"], audience=[(tree.a1, False)], number="07-NQ/ĐU", issued_on=TODAY - days)
    sister = publish(people["clerk_a"], audience=[(tree.a2, False)], number="08-NQ/ĐU")
    other = publish(people["clerk_b"], audience=[(tree.b, False)], number="01-NQ/ĐU")
    members = {code: people[code].member_account.member for code in ("a1", "a2", "b1")}
    for _ in range(2):  # compiled on the first call, bound on the second
        assert [d for d, _ in documents_of(members["a1"])] == [cell, ward]
        assert [d for d, _ in documents_of(members["a2"])] == [sister, ward]
        assert [d for d, _ in documents_of(members["b1"])] == [other]
    for member in members.values():
        assert [d for d, _ in documents_of(member)] == list(visible_to(member).order_by("-issued_on", "-id"))


def test_the_member_reads_searches_without_diacritics_and_bookmarks(tree, people, client):
    doc = publish(people["clerk_a"])  # the whole ward: A1 and A2
    other = publish(people["clerk_a"], kind="guide", number="02-HD/ĐU", title="Hướng dẫn thu đảng phí")
    client.force_login(people["a2"])
    page = client.get("/so-tay/van-ban/", {"q": "phat trien dang vien"}).content.decode()
    assert "05-NQ/ĐU" in page and "02-HD/ĐU" not in page
    assert "02-HD/ĐU" in client.get("/so-tay/van-ban/", {"q": "DANG PHI"}).content.decode()
    assert "Chưa đọc" in page
    client.get(f"/so-tay/van-ban/{doc.pk}/")
    response = client.get(f"/so-tay/van-ban/{doc.pk}/tep/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("inline")
    assert ExportLog.objects.filter(kind="document_member", filters={"document": doc.pk}).count() == 1
    client.post(f"/so-tay/van-ban/{other.pk}/danh-dau/", {"danh-dau": "1"})
    marked = client.get("/so-tay/van-ban/", {"danh-dau": "1"}).content.decode()
    assert "02-HD/ĐU" in marked and "05-NQ/ĐU" not in marked


def test_the_publisher_sees_who_has_read(tree, people, client):
    doc = publish(people["clerk_a"])
    client.force_login(people["a1"])
    client.get(f"/so-tay/van-ban/{doc.pk}/")
    a1, a2 = people["a1"].member_account.member, people["a2"].member_account.member
    rows = receipts(doc)
    assert [(m, bool(r)) for m, r in rows] == [(a2, False), (a1, True)]
    client.force_login(people["clerk_a"])
    page = client.get(f"/so-tay/van-ban/phat-hanh/{doc.pk}/").content.decode()
    assert "Đã đọc: 1/2 đảng viên" in page and a1.full_name in page
    client.force_login(people["clerk_b"])
    assert client.get(f"/so-tay/van-ban/phat-hanh/{doc.pk}/").status_code == 404
    assert client.get(f"/so-tay/van-ban/phat-hanh/{doc.pk}/tep/").status_code == 404
    assert client.post(f"/so-tay/van-ban/phat-hanh/{doc.pk}/thu-hoi/").status_code == 404


def test_a_publisher_cannot_send_outside_the_subtree_nor_a_member_publish(tree, people):
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        publish(people["clerk_a"], audience=[(tree.b1, False)])
    with pytest.raises(PermissionDenied):
        publish(people["a1"])
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nq.pdf", b"MZ\x90\x00 not a pdf", "không phải tệp PDF thật"),
        ("nq.exe", PDF, "chỉ nhận PDF"),
        ("nq.html", b"<script>alert(1)</script>", "chỉ nhận PDF"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(tree, people, client, name, data, message):
    client.force_login(people["clerk_a"])
    response = client.post("/so-tay/van-ban/phat-hanh/", {
        "kind": "directive", "number": "01-CT/ĐU", "issued_on": TODAY.strftime("%d/%m/%Y"), "issuer": "Đảng ủy",
        "title": "Chỉ thị", "to": "all", "file": SimpleUploadedFile(name, data),
    })  # fmt: skip
    assert response.status_code == 200 and message in response.content.decode()
    assert not Document.objects.exists()


def test_publishing_and_withdrawing_are_audited_and_a_withdrawn_document_is_gone(tree, people, client):
    client.force_login(people["clerk_a"])
    response = client.post("/so-tay/van-ban/phat-hanh/", {
        "kind": "directive", "number": "01-CT/ĐU", "issued_on": TODAY.strftime("%d/%m/%Y"), "issuer": "Đảng ủy",
        "title": "Chỉ thị về học tập", "to": "cells", "cells": ["A2"], "file": pdf("ct.pdf"),
    })  # fmt: skip
    doc = Document.objects.get()
    assert response.status_code == 302 and [a.org for a in doc.audience.all()] == [tree.a2]
    client.post(f"/so-tay/van-ban/phat-hanh/{doc.pk}/thu-hoi/")
    entries = LogEntry.objects.get_for_object(doc)
    assert [e.action for e in entries.order_by("timestamp")] == [0, 1] and entries[0].actor == people["clerk_a"]
    client.force_login(people["a2"])
    assert client.get(f"/so-tay/van-ban/{doc.pk}/").status_code == 404
