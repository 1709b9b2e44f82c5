"""`dangvu import KIND FILE --org CODE`: the same checks as the pages, a summary, exit code 1 when
errors kept the file out."""

import re

import pytest
from django.core.management import call_command

from dangvu.members.models import Member

from .helpers import headers, member, xlsx


@pytest.fixture
def workbook(tmp_path):
    def _make(*rows):
        path = tmp_path / "ds.xlsx"
        path.write_bytes(xlsx([headers(), *rows]))
        return str(path)

    return _make


def _run(capsys, *args):
    try:
        call_command("import", *args)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, capsys.readouterr().out


def test_a_clean_file_is_imported_and_summarized(tree, workbook, capsys):
    code, out = _run(capsys, "members", workbook(member()), "--org", "A1")
    assert code == 0 and "1 dòng dữ liệu, 1 hợp lệ, 0 có lỗi. Đã nhập 1 dòng" in out
    assert re.search(r"Đã nhập 1 dòng \(\d+,\d giây\)\.", out)  # a decimal comma, as `dangvu report` writes
    assert Member.objects.get().org == tree.a1


def test_a_dry_run_prints_the_row_errors_stores_nothing_and_exits_1(tree, workbook, capsys):
    path = workbook(member(), member(full_name="Lê Văn Cường", birth_date="31/02/1990", citizen_id="001090000002",
                                     party_card_no="01000002"))  # fmt: skip
    code, out = _run(capsys, "members", path, "--org", "A1", "--dry-run")
    assert code == 1 and "Dòng 3, cột Ngày sinh: 31/02/1990 không phải ngày có thật" in out
    assert "Sẽ nhập được 1 dòng" in out and not Member.objects.exists()
    code, out = _run(capsys, "members", path, "--org", "A1")
    assert code == 1 and "Đã nhập 0 dòng" in out and not Member.objects.exists()
    code, out = _run(capsys, "members", path, "--org", "A1", "--only-valid")
    assert code == 0 and Member.objects.count() == 1


def test_a_unit_outside_the_given_users_scope_is_refused(tree, workbook, make_user, capsys):
    from django.core.management.base import CommandError

    make_user("grassroots", tree.b, username="thu-ky-dai-kim")
    with pytest.raises(CommandError, match="ngoài phạm vi"):
        call_command("import", "members", workbook(member()), "--org", "A1", "--user", "thu-ky-dai-kim")
