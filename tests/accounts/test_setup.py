"""The first run (issue 16, item 1): `dangvu setup` with flags on an empty database founds the root
committee through the organizations service and binds its first administrator, whose generated
password is printed once; bad input is refused in Vietnamese and nothing is written; a superuser
with no unit gets the same on the first-run page instead of a dead end."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from dangvu.accounts.models import Credential, Role
from dangvu.organizations.models import Level, Organization, OrgPeriod

pytestmark = pytest.mark.django_db
User = get_user_model()


def setup(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("setup", *args, "--no-input", stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_setup_with_flags_founds_the_root_and_prints_the_administrators_password_once(client):
    password, said = setup(
        "--code", "hn", "--name", "Đảng bộ Thành phố Hà Nội", "--founded-on", "01/08/2008", "--admin", "quantri",
        "--short-name", "Hà Nội", "--decision", "15-QĐ/TW",
    )  # fmt: skip
    root = Organization.objects.get()
    assert (root.code, root.name, root.short_name, root.parent) == ("HN", "Đảng bộ Thành phố Hà Nội", "Hà Nội", None)
    assert root.level == Level.PROVINCE and root.founded_on == dt.date(2008, 8, 1)
    assert root.founding_decision == "15-QĐ/TW"
    assert OrgPeriod.objects.get(org=root).valid_from == dt.date(2008, 8, 1)  # the tree's history starts there
    admin = User.objects.get(username="quantri")
    assert admin.check_password(password) and password not in said
    assert (admin.assignment.role, admin.assignment.org) == (Role.ADMIN, root)
    assert admin.is_superuser and admin.is_staff  # the administrator of the whole tree
    assert Credential.objects.get(user=admin).must_change
    # The password works once typed, and must then be changed.
    client.post(reverse("login"), {"username": "quantri", "password": password})
    assert client.get(reverse("home"))["Location"].startswith(reverse("password-change"))


@pytest.mark.parametrize(
    "founded_on, level, expected",
    [
        ("01/01/2006", None, Level.PROVINCE),  # the highest level in force
        ("01/01/2006", "district", Level.DISTRICT),  # a district, for past years
        ("01/07/2025", "commune", Level.COMMUNE),  # a ward committee under the two-level government
        ("15/09/2025", "bloc", Level.BLOC),
    ],
)
def test_any_level_may_be_the_root_on_its_date(founded_on, level, expected):
    args = ["--code", "R", "--name", "Đảng bộ gốc", "--founded-on", founded_on, "--admin", "quantri"]
    setup(*args, *(["--level", level] if level else []))
    assert Organization.objects.get().level == expected


@pytest.mark.parametrize(
    "founded_on, message",
    [
        ("31/02/2020", "Ngày 31/02/2020 không có: tháng 02/2020 có 29 ngày."),
        ("29/02/2019", "tháng 02/2019 có 28 ngày"),
        ("2019-02-01", "không đúng dạng ngày/tháng/năm"),
        ("01/13/2019", "tháng 13 không có"),
    ],
)
def test_a_date_that_does_not_exist_is_refused(founded_on, message):
    with pytest.raises(CommandError, match=message):
        setup("--code", "HN", "--name", "Hà Nội", "--founded-on", founded_on, "--admin", "quantri")
    assert not Organization.objects.exists() and not User.objects.exists()


def test_a_level_not_in_force_on_the_date_is_refused():
    # From 1/7/2025 there is no district level.
    with pytest.raises(CommandError, match="không thể đặt"):
        setup("--code", "HM", "--name", "Quận Hoàng Mai", "--founded-on", "01/09/2025", "--admin", "qt",
              "--level", "district")  # fmt: skip
    assert not Organization.objects.exists() and not User.objects.exists()


def test_a_database_with_a_tree_is_refused_and_told_where_to_go(tree):
    with pytest.raises(CommandError, match="đã có cây tổ chức .gốc HN") as refused:
        setup("--code", "XX", "--name", "Khác", "--founded-on", "01/01/2010", "--admin", "quantri2")
    assert "trang Người dùng" in str(refused.value)
    assert not Organization.objects.filter(code="XX").exists() and not User.objects.filter(username="quantri2")


def test_a_used_user_name_is_refused_and_nothing_is_written(django_user_model):
    django_user_model.objects.create_user("quantri", password="x" * 12)
    with pytest.raises(CommandError, match="Tên đăng nhập quantri đã có"):
        setup("--code", "HN", "--name", "Hà Nội", "--founded-on", "01/01/2010", "--admin", "quantri")
    assert not Organization.objects.exists()  # one transaction: the root is not left behind


def test_missing_flags_without_questions_are_named():
    with pytest.raises(CommandError, match="Thiếu --founded-on, --admin"):
        setup("--code", "HN", "--name", "Hà Nội")


def test_without_flags_it_asks(monkeypatch):
    answers = iter(["HN", "Đảng bộ Thành phố Hà Nội", "", "30/02/2010", "01/02/2010", "", "12-QĐ/TW", "quantri"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    out, err = io.StringIO(), io.StringIO()
    call_command("setup", stdout=out, stderr=err)
    root = Organization.objects.get()
    assert (root.code, root.level, root.founded_on, root.founding_decision) == (
        "HN", Level.PROVINCE, dt.date(2010, 2, 1), "12-QĐ/TW",
    )  # fmt: skip
    assert "tháng 02/2010 có 28 ngày" in err.getvalue()  # asked again after the impossible date
    assert User.objects.get(username="quantri").check_password(out.getvalue().strip())


def test_a_superuser_with_no_unit_gets_the_first_run_page_and_becomes_the_roots_administrator(client):
    boss = User.objects.create_superuser("chuyenvien", password="x" * 12)
    client.force_login(boss)
    assert client.get(reverse("home"))["Location"] == reverse("first-run")
    page = client.get(reverse("first-run")).content.decode()
    assert "Thiết lập ban đầu" in page and "chưa được gắn với đơn vị nào" not in page
    refused = client.post(reverse("first-run"), {"code": "", "name": "X", "founded_on": "31/02/2020", "kind": "other"})
    assert "31/02/2020 không phải ngày có thật" in refused.content.decode() and not Organization.objects.exists()
    response = client.post(
        reverse("first-run"),
        {"code": "PDC", "name": "Đảng bộ phường Định Công", "founded_on": "01/07/2025", "level": "commune",
         "kind": "ward", "short_name": "", "decision": "1-QĐ/TU"},
    )  # fmt: skip
    assert response["Location"] == reverse("user-list")
    root = Organization.objects.get()
    assert (root.code, root.level) == ("PDC", Level.COMMUNE)
    boss.refresh_from_db()
    assert (boss.assignment.role, boss.assignment.org) == (Role.ADMIN, root)
    assert client.get(reverse("first-run")).status_code == 302  # once only


def test_the_first_run_page_is_closed_to_anyone_else(client, tree, make_user):
    client.force_login(make_user(Role.ADMIN, tree.a, "quantri-a"))
    assert client.get(reverse("first-run")).status_code == 403
    assert client.post(reverse("first-run"), {"code": "Z", "name": "Z", "founded_on": "01/01/2010"}).status_code == 403


def test_a_default_level_that_the_name_contradicts_is_pointed_out():
    """'the highest level in force' is the interface's default; a ward's name under it is most likely a
    forgotten --level, said on the spot (only an empty database can change a root's level)."""
    _, said = setup("--code", "px", "--name", "Đảng bộ phường Xuân Đỉnh", "--founded-on", "01/07/2025", "--admin", "a")
    assert Organization.objects.get().level == Level.PROVINCE  # the default as written
    assert "tên “Đảng bộ phường Xuân Đỉnh” là của đảng bộ xã, phường, đặc khu" in said
    assert "--level commune" in said


def test_no_hint_when_the_name_agrees_with_the_level():
    _, said = setup("--code", "hn", "--name", "Đảng bộ Thành phố Hà Nội", "--founded-on", "01/07/2025", "--admin", "a")
    assert "Lưu ý" not in said
