"""The member's dues page: each month's basis, amount due and payment, and only their own receipts."""

import datetime as dt

from dangvu.accounts.models import Role
from dangvu.dues.services import dues_basis_set, dues_pay
from dangvu.handbook.dues import dues_year

from ..conftest import D


def test_each_month_shows_the_due_the_payment_and_what_is_owed(tree, make_user, actor, client, register):
    me = make_user(Role.MEMBER, tree.a1, "dv-phi")
    member = me.member_account.member
    dues_basis_set(actor=actor, member=member, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    paid = dues_pay(actor=actor, member=member, month=D(2016, 2, 1), paid_on=D(2016, 2, 8), receipt_no="BL-07")
    rows = dues_year(member, 2016, dt.date(2016, 3, 20))
    assert [(r.month.month, r.due, r.paid and r.paid.amount, r.owed) for r in rows] == [
        (1, 5_000, None, 5_000), (2, 5_000, 5_000, 0), (3, 5_000, None, 5_000),
    ]  # fmt: skip
    client.force_login(me)
    page = client.get("/so-tay/dang-phi/?nam=2016").content.decode()
    assert "BL-07" in page and f"/so-tay/dang-phi/bien-lai/{paid.pk}/" in page
    assert client.get(f"/so-tay/dang-phi/bien-lai/{paid.pk}/")["Content-Type"] == "application/pdf"
    # Another member's receipt, even of the same cell, is not found.
    neighbour = register(tree.a1, full_name="Hoàng Văn Bên")
    dues_basis_set(actor=actor, member=neighbour, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    theirs = dues_pay(actor=actor, member=neighbour, month=D(2016, 2, 1), paid_on=D(2016, 2, 8), receipt_no="BL-08")
    assert client.get(f"/so-tay/dang-phi/bien-lai/{theirs.pk}/").status_code == 404


def test_the_year_is_written_without_a_thousands_dot_and_the_year_picker_works(tree, make_user, client):
    """Issue 19: "Đảng phí năm 2.026" — and the picker sent "2.016", which the page read as this year."""
    client.force_login(make_user(Role.MEMBER, tree.a1, "dv-nam"))
    page = client.get("/so-tay/dang-phi/").content.decode()
    this_year = dt.date.today().year
    assert f"Đảng phí năm {this_year}" in page and f'<option value="{this_year}" selected>{this_year}</option>' in page
    assert f"{this_year // 1000}.{this_year % 1000:03d}" not in page
    page = client.get("/so-tay/dang-phi/?nam=2016").content.decode()
    assert "Đảng phí năm 2016" in page and '<option value="2016" selected>2016</option>' in page
