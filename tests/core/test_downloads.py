"""Every download is logged (ExportLog: who, when, what, filters, rows). The workbooks are walked
in test_workbooks_written.py; here the other files (meeting minutes and resolutions, the year
report in each format) and a sweep of the code: any view function that sends a file as an
attachment or sets Content-Disposition must log it, so a new download cannot forget."""

import ast
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import dangvu
from dangvu.core.models import ExportLog
from dangvu.meetings import services as meetings
from dangvu.meetings.models import Presence

from ..conftest import D

SRC = Path(dangvu.__file__).parent
SENDS_A_FILE = ("as_attachment=True", "Content-Disposition", "attachment(")
LOGS = ("download_log(", "exports.respond(")
# The helpers that build a download without being one: each caller logs.
HELPERS = {"core/excel/writing.py": {"attachment"}}


def _functions_sending_files():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        source = path.read_text(encoding="utf-8")
        if not any(p in source for p in SENDS_A_FILE):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name not in HELPERS.get(rel, set()):
                body = ast.get_source_segment(source, node) or ""
                if any(p in body for p in SENDS_A_FILE):
                    yield f"{rel}:{node.name}", body


def test_every_view_that_sends_a_file_logs_it():
    found = dict(_functions_sending_files())
    assert "meetings/views.py:file_response" in found and "reviews/views.py:members_template" in found
    unlogged = [name for name, body in found.items() if not any(p in body for p in LOGS)]
    assert unlogged == []


@pytest.fixture
def meeting(actor, tree, register, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    chair, secretary = register(tree.a1), register(tree.a1)
    files = {
        "minutes": SimpleUploadedFile("bb.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf"),
        "resolution": SimpleUploadedFile("nq.pdf", b"%PDF-1.4 nghi quyet", content_type="application/pdf"),
    }
    return meetings.meeting_create(
        actor=actor, org=tree.a1, kind="regular", date=D(2016, 3, 15), chair=chair, secretary=secretary,
        attendance=[(chair, Presence.PRESENT, ""), (secretary, Presence.PRESENT, "")], **files,
    )  # fmt: skip


def test_the_minutes_and_the_resolution_downloads_are_logged(client, tree, make_user, meeting):
    user = make_user("grassroots", tree.a)
    client.force_login(user)
    for path, kind in (("bien-ban", "meeting_minutes"), ("nghi-quyet", "meeting_resolution")):
        response = client.get(f"/sinh-hoat/{meeting.pk}/{path}/")
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        log = ExportLog.objects.get(kind=kind)
        assert (log.user, log.filters, log.row_count) == (user, {"meeting": meeting.pk}, 1)
    # Outside the scope: 404, and nothing logged.
    client.force_login(make_user("grassroots", tree.b))
    assert client.get(f"/sinh-hoat/{meeting.pk}/bien-ban/").status_code == 404
    assert ExportLog.objects.count() == 2


def test_the_year_report_downloads_are_logged(client, tree, make_user, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    user = make_user("leader", tree.hm)
    client.force_login(user)
    for fmt in ("docx", "json", "brief"):
        assert client.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/{fmt}/").status_code == 200
    logged = ExportLog.objects.filter(user=user).values_list("kind", "filters")
    assert sorted(logged) == [(f"report_{f}", {"org": tree.hm.pk, "year": 2016}) for f in ("brief", "docx", "json")]
