"""The commands around the demo: `dangvu demo` builds once, `dangvu logins` shows how to get in,
`dangvu summary` prints the figures from the selectors."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dangvu.accounts.models import Role
from dangvu.demo.logins import DEMO_LOGINS, SYSTEM_USERNAME
from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.models import Organization

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def snapshot():
    return (Organization.objects.count(), Member.objects.count(), MemberEvent.objects.count(),
            get_user_model().objects.count())  # fmt: skip


def test_a_second_demo_changes_nothing(demo_data):
    before = snapshot()
    assert "Dữ liệu mẫu Hoàng Mai 2016 đã có; không thay đổi gì." in run("demo", scale=0.03)
    assert "không tạo dữ liệu mẫu" in run("demo", if_empty=True)
    assert snapshot() == before


def test_the_audit_names_the_system_user(demo_data):
    from auditlog.models import LogEntry

    member = Member.objects.order_by("pk").first()
    entry = LogEntry.objects.get_for_object(member).select_related("actor").first()
    assert entry.actor.username == SYSTEM_USERNAME
    assert not entry.actor.has_usable_password()


def test_there_is_a_login_for_each_role_and_its_password_works(demo_data):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[x.username for x in DEMO_LOGINS])}
    assert {u.assignment.role for u in users.values()} == set(Role.values)
    assert users["dinhcong"].assignment.org.code == "HM-DC" and users["thuongtruc"].assignment.role == Role.LEADER
    assert users["dinhcong"].check_password(demo_data.password("dinhcong"))


def test_logins_prints_every_login_from_the_file(demo_data, settings):
    settings.DATA_DIR = demo_data.logins_file.parent
    out = run("logins")
    for login in DEMO_LOGINS:
        assert login.username in out and demo_data.password(login.username) in out
        assert Role(login.role).label in out
    assert "Đảng bộ phường Định Công" in out
    assert "Mở http://127.0.0.1:8000 và đăng nhập" in out


def test_logins_without_the_file_sets_new_passwords_and_writes_them(demo_data, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = run("logins")
    written = (tmp_path / "demo-logins.txt").read_text(encoding="utf-8")
    line = next(x for x in written.splitlines() if x.startswith("daikim\t"))
    password = line.split("\t")[1]
    assert password in out and password != demo_data.password("daikim")
    assert get_user_model().objects.get(username="daikim").check_password(password)


def test_summary_prints_the_figures_of_2016(demo_data):
    out = run("summary", org="HM", year=2016)
    assert "Đảng bộ quận Hoàng Mai" in out and "31/12/2016" in out
    grassroots = next(x for x in out.splitlines() if "Tổ chức cơ sở đảng" in x)
    assert grassroots.split()[-1] == "54"
    row_2016 = next(x for x in out.splitlines() if x.strip().startswith("2016 "))
    assert row_2016.split()[2] == "209"  # after "Nhập hồ sơ": the members typed in, not admitted that year
    row_2006 = next(x for x in out.splitlines() if x.strip().startswith("2006 "))
    registered = int(row_2006.split()[1].replace(".", ""))
    assert registered > 0 and "“Nhập hồ sơ”" in out and "không phải kết nạp trong năm" in out
    assert sum(1 for x in out.splitlines() if x.strip()[:4].isdigit()) == 11  # 2006–2016
