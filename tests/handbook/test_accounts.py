"""Members' own accounts: issued by the clerk for a cell, opened once with a code, closed by the
record itself; a member's session opens the handbook and nothing of the clerks'."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.accounts.services import user_add
from dangvu.api.services import api_token_create
from dangvu.core.models import ExportLog
from dangvu.handbook.models import ActivationCode, MemberAccount
from dangvu.handbook.services import member_account_activate, member_accounts_issue
from dangvu.members.services import member_record_event

from ..conftest import D

PASSWORD = "Hoa-sen-no-giua-dong-2025"


@pytest.fixture
def cell(tree, register, actor):
    """Cell A1 with two active members, one exempt and one removed."""
    a = register(tree.a1, full_name="Nguyễn Văn An")
    b = register(tree.a1, full_name="Trần Thị Bình")
    exempt = register(tree.a1, full_name="Lê Văn Miễn")
    member_record_event(
        actor=actor, member=exempt, kind="exempted", date=D(2016, 2, 1), decision_no="4-QĐ/ĐUĐC", reason="Tuổi cao"
    )
    removed = register(tree.a1, full_name="Phạm Văn Xóa")
    member_record_event(
        actor=actor, member=removed, kind="removed", date=D(2016, 2, 1), decision_no="5-QĐ/ĐUĐC", reason="Bỏ sinh hoạt"
    )
    return {"a": a, "b": b, "exempt": exempt, "removed": removed}


@pytest.fixture
def clerk(tree, make_user):
    return make_user(Role.GRASSROOTS, tree.a, "van-phong-a")


def issue(clerk, org):
    return member_accounts_issue(actor=clerk, scope=Scope.of(clerk), org=org)


def test_slips_go_to_the_members_who_may_have_an_account_and_codes_are_kept_only_hashed(tree, cell, clerk):
    slips = issue(clerk, tree.a1)
    assert sorted(s.member.full_name for s in slips) == ["Nguyễn Văn An", "Trần Thị Bình"]
    stored = list(ActivationCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 2 and not {s.code for s in slips} & set(stored)
    users = [MemberAccount.objects.get(member=s.member).user for s in slips]
    assert all(Scope.of(u).role == Role.MEMBER and not u.has_usable_password() for u in users)


def test_a_code_opens_the_account_once_and_a_new_slip_voids_the_old_code(tree, cell, clerk):
    first = {s.member.pk: s.code for s in issue(clerk, tree.a1)}
    second = {s.member.pk: s.code for s in issue(clerk, tree.a1)}
    an = cell["a"].pk
    with pytest.raises(ValidationError, match="không đúng"):
        member_account_activate(code=first[an], password=PASSWORD)
    user = member_account_activate(code=second[an].lower().replace("-", " "), password=PASSWORD)
    assert user.check_password(PASSWORD) and user.member_account.member == cell["a"]
    with pytest.raises(ValidationError, match="đã được dùng"):
        member_account_activate(code=second[an], password=PASSWORD)
    # An activated account gets no new slip.
    assert [s.member.full_name for s in issue(clerk, tree.a1)] == ["Trần Thị Bình"]


def test_a_weak_password_is_refused_and_the_code_still_works_until_it_expires(tree, cell, clerk):
    slip = issue(clerk, tree.a1)[0]
    with pytest.raises(ValidationError) as e:
        member_account_activate(code=slip.code, password="123456")
    assert "password" in e.value.message_dict
    ActivationCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="hết hạn"):
        member_account_activate(code=slip.code, password=PASSWORD)


def test_only_the_cells_clerk_issues_and_only_for_a_cell(tree, cell, make_user):
    other = make_user(Role.GRASSROOTS, tree.b, "van-phong-b")
    with pytest.raises(ValidationError, match="phạm vi"):
        issue(other, tree.a1)
    leader = make_user(Role.LEADER, tree.hm, "thuong-truc")
    with pytest.raises(PermissionDenied):
        issue(leader, tree.a1)
    with pytest.raises(ValidationError, match="không phải chi bộ"):
        issue(make_user(Role.GRASSROOTS, tree.a, "vp-a"), tree.a)


def test_no_api_token_and_no_member_role_from_the_users_page(tree, make_user):
    member_user = make_user(Role.MEMBER, tree.a1, "dv-thu")
    with pytest.raises(ValidationError, match="tài khoản đảng viên"):
        api_token_create(actor=None, username=member_user.username, name="Thử")
    admin = make_user(Role.ADMIN, tree.hm, "quan-tri-hm")
    with pytest.raises(ValidationError, match="mã kích hoạt"):
        user_add(actor=admin, username="dv-moi", role=Role.MEMBER, org=tree.a1)


def test_the_command_writes_the_codes_to_excel_and_logs_it(tree, cell, tmp_path):
    out = tmp_path / "ma.xlsx"
    call_command("members-accounts", "--org", "A1", "-o", str(out))
    rows = list(openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == ["Nguyễn Văn An", "Trần Thị Bình"]
    code = rows[0][3]
    assert member_account_activate(code=code, password=PASSWORD).member_account.member == cell["a"]
    assert ExportLog.objects.filter(kind="member_activation_slips", row_count=2).exists()


def test_activation_page_logs_in_and_wrong_codes_lock_it(tree, cell, clerk, client, settings):
    slip = issue(clerk, tree.a1)[0]
    wrong = {"code": "AAAA-BBBB-CCCC", "password1": PASSWORD, "password2": PASSWORD}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = client.post("/so-tay/kich-hoat/", wrong)
        assert r.status_code == 200 and "Mã kích hoạt không đúng" in r.content.decode()
    assert client.post("/so-tay/kich-hoat/", wrong).status_code == 429  # the fifth, as a login's fifth
    r = client.post("/so-tay/kich-hoat/", {"code": slip.code, "password1": PASSWORD, "password2": PASSWORD})
    assert r.status_code == 429 and not MemberAccount.objects.filter(activated_at__isnull=False).exists()


def test_a_members_session_opens_the_handbook_only(tree, cell, clerk, client):
    slip = issue(clerk, tree.a1)[0]
    r = client.post("/so-tay/kich-hoat/", {"code": slip.code, "password1": PASSWORD, "password2": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/so-tay/"
    assert client.get("/").headers["Location"] == "/so-tay/"
    page = client.get("/so-tay/").content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" not in page
    # The clerks' pages of the member's own cell and ward, and the API, are refused.
    for url in ("/dang-vien/", f"/dang-vien/{cell['b'].pk}/", f"/dang-vien/{cell['a'].pk}/", f"/to-chuc/{tree.a1.pk}/",
                "/sinh-hoat/", "/dang-phi/", "/so-tay/chi-bo/A1/tai-khoan/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/members/").status_code == 403


def test_an_exemption_closes_the_account_at_the_next_request(tree, cell, clerk, client, actor):
    slip = issue(clerk, tree.a1)[0]
    client.post("/so-tay/kich-hoat/", {"code": slip.code, "password1": PASSWORD, "password2": PASSWORD})
    assert client.get("/so-tay/").status_code == 200
    member_record_event(
        actor=actor,
        member=cell["a"],
        kind="exempted",
        date=D(2017, 1, 5),
        decision_no="6-QĐ/ĐUĐC",
        reason="Ốm dài ngày",
    )
    r = client.get("/so-tay/")
    assert r.status_code == 403 and "miễn sinh hoạt" in r.content.decode()
    assert client.get("/so-tay/").status_code == 302  # logged out: sent to the login page


def test_the_clerk_finds_the_cells_of_their_subtree_from_the_menu(tree, clerk, client):
    client.force_login(clerk)
    page = client.get("/so-tay/tai-khoan/").content.decode()
    assert "/so-tay/chi-bo/A1/tai-khoan/" in page and "/so-tay/chi-bo/A2/tai-khoan/" in page
    assert "/so-tay/chi-bo/B1/" not in page
    assert 'href="/so-tay/tai-khoan/"' in client.get("/dang-vien/").content.decode()
    assert client.get("/so-tay/chi-bo/B1/tai-khoan/").status_code == 404


def test_the_servers_path_opens_an_account_with_a_password_but_not_for_an_exempt_member(tree, cell, client):
    from dangvu.handbook.services import member_account_open

    with pytest.raises(ValidationError, match="miễn sinh hoạt"):
        member_account_open(actor=None, member=cell["exempt"], username="dv-mien", password=PASSWORD)
    member_account_open(actor=None, member=cell["a"], username="dangvien", password=PASSWORD)
    r = client.post("/dang-nhap/", {"username": "dangvien", "password": PASSWORD})
    assert r.status_code == 302
    assert "Nguyễn Văn An" in client.get("/so-tay/").content.decode()
