"""Every path that changes records leaves audit entries naming the person: a form, an import, the
reviews' bulk entry, the API. The log cannot be edited from the interface. A user's history is
shown to administrators and the organization board within their scope, for a date range, and
downloads as Excel safe against formulas, the download logged."""

import io
import json

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.api.services import api_token_create
from dangvu.core.models import ExportLog
from dangvu.imports.synthetic import member_rows, workbook
from dangvu.members.models import Member
from dangvu.reviews.models import MemberResult
from dangvu.reviews.services import member_results_record_bulk, review_cycle_open

from ..conftest import identity


def entries_by(user, model):
    return LogEntry.objects.filter(actor=user, content_type=ContentType.objects.get_for_model(model))


def test_a_form_post_is_audited_with_its_author(tree, register, make_user, client):
    member = register(tree.a1)
    clerk = make_user(Role.GRASSROOTS, tree.a)
    client.force_login(clerk)
    data = {"full_name": member.full_name, "birth_date": "17/05/1980", "sex": "M", "citizen_id": member.citizen_id,
            "ethnicity": "Kinh", "religion": "Không", "address": "Ngõ 5 Định Công"}  # fmt: skip
    assert client.post(reverse("member-edit", args=[member.pk]), data).status_code == 302
    entry = entries_by(clerk, Member).get()
    assert entry.object_pk == str(member.pk) and "address" in entry.changes_dict


def test_an_import_commit_is_audited_with_its_author(tree, make_user, tmp_path):
    clerk = make_user(Role.GRASSROOTS, tree.a)
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook(member_rows(3, cells=["A1"], seed=3, id_base=7_000_000)))
    call_command("import", "members", str(path), "--org", "A1", "--user", clerk.username)
    assert Member.objects.count() == 3
    assert entries_by(clerk, Member).filter(action=LogEntry.Action.CREATE).count() == 3


def test_the_reviews_bulk_entry_is_audited_with_its_author(tree, register, actor, make_user):
    board = make_user(Role.ORG_BOARD, tree.hm)
    members = [register(tree.a1), register(tree.a2)]
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    member_results_record_bulk(
        actor=board, cycle=cycle, org=tree.a, stage="self", rows=[{"member": m, "cls": "good"} for m in members]
    )
    assert MemberResult.objects.count() == 2
    assert entries_by(board, MemberResult).count() == 2


def test_an_api_write_is_audited_with_the_tokens_user(tree, make_user, client, settings):
    clerk = make_user(Role.GRASSROOTS, tree.a)
    _, token = api_token_create(actor=None, username=clerk.username, name="Phần mềm quản lý hồ sơ")
    data = {"org": "A1", "admitted_on": "2016-05-19", "decision_no": "125-QĐ/ĐU", **identity()}
    data["birth_date"] = data["birth_date"].isoformat()
    response = client.post("/api/v1/members", json.dumps(data), content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code in (200, 201), response.content
    assert entries_by(clerk, Member).filter(action=LogEntry.Action.CREATE).count() == 1


def test_the_audit_log_cannot_be_changed_from_the_admin(actor, client):
    model_admin = admin.site._registry[LogEntry]
    request = RequestFactory().get("/")
    request.user = actor
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)
    # Read-only: the change page shows the entry, and a POST to it changes nothing.
    entry = LogEntry.objects.log_create(actor, action=LogEntry.Action.UPDATE, changes={"x": ["1", "2"]})
    client.force_login(actor)
    url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    client.post(url, {"object_repr": "đã sửa", "changes": "{}"})
    entry.refresh_from_db()
    assert entry.object_repr != "đã sửa"
    assert client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.fixture
def clerk_with_changes(tree, register, make_user, actor):
    from dangvu.members.services import member_update

    clerk = make_user(Role.GRASSROOTS, tree.a)
    member = register(tree.a1, full_name="Nguyễn Văn An")
    member_update(actor=clerk, member=member, address='=HYPERLINK("http://x")')
    return clerk


def test_the_board_sees_a_users_history_and_downloads_it_for_a_date_range(tree, make_user, client, clerk_with_changes):
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    url = reverse("user-history", args=[clerk_with_changes.pk])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page and "1 thay đổi" in page
    # A range before the change: nothing.
    assert "Không có thay đổi nào" in client.get(url, {"tu": "01/01/2015", "den": "31/12/2015"}).content.decode()
    response = client.get(url, {"xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "Nguyễn Văn An" and rows[0][3] == "Sửa"
    changes = ws.cell(row=2, column=5)
    assert changes.data_type == "s" and "HYPERLINK" in changes.value  # text, never a formula
    log = ExportLog.objects.get(kind="user_history")
    assert log.row_count == 1 and log.filters["user"] == clerk_with_changes.pk


@pytest.mark.parametrize("role, unit, status", [
    (Role.GRASSROOTS, "a", 403),  # a ward clerk may not read other users' histories
    (Role.LEADER, "hm", 403),
    (Role.ORG_BOARD, "b", 404),  # another ward's board: the user is outside its scope
    (Role.ADMIN, "a", 200),
])  # fmt: skip
def test_who_may_see_a_users_history(tree, make_user, client, clerk_with_changes, role, unit, status):
    client.force_login(make_user(role, getattr(tree, unit), f"{role}-xem"))
    assert client.get(reverse("user-history", args=[clerk_with_changes.pk])).status_code == status
