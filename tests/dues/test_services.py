"""Party dues: the amount due from the basis in force, payments by month, the cell's share."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.dues import rules, selectors, services
from dangvu.dues.models import DuesShare, Payment

from ..conftest import D


def _message(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def test_rates_of_qd_342():
    jan = D(2026, 1, 1)  # the last month under QĐ 342
    assert rules.amount_due("salary", 4_650_000, None, jan) == 46_500  # 1%
    assert rules.amount_due("pension", 3_333_350, None, jan) == 16_667  # 0,5%, rounded half up
    assert rules.amount_due("fixed", None, 5_000, jan) == 5_000
    assert rules.amount_due("student", None, None, jan) is None  # QĐ 01's kinds do not exist yet
    assert rules.split(100_000, 30) == (30_000, 70_000)


def test_rates_of_qd_01_from_february_2026():
    feb, y2028 = D(2026, 2, 1), D(2028, 1, 1)
    assert rules.rulebook_on(D(2026, 1, 31)).code == "qd342" and rules.rulebook_on(feb).code == "qd01_2026"
    assert rules.amount_due("salary", 4_650_000, None, feb) == 46_500
    assert rules.amount_due("pension", 3_333_350, None, feb) == 16_667
    assert rules.amount_due("student", None, None, feb) == 5_000
    # A share of the regional minimum wage the cell records: 0,3% / 0,2% until 2027, then 0,5% / 0,3%.
    assert rules.amount_due("min_wage", 5_000_000, None, feb) == 15_000
    assert rules.amount_due("mw_retired", 5_000_000, None, feb) == 10_000
    assert rules.amount_due("min_wage", 5_000_000, None, y2028) == 25_000
    assert rules.amount_due("mw_retired", 5_000_000, None, y2028) == 15_000
    assert rules.amount_due("fixed", None, 5_000, feb) is None and "02/2026" in rules.kind_problem("fixed", feb)


def test_a_payment_is_computed_under_the_regulation_of_its_month(actor, tree, register):
    m = register(tree.a1)
    services.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=20_000, valid_from=D(2025, 1, 1))
    # January 2026, paid late in March: still QĐ 342's fixed amount.
    assert services.dues_pay(actor=actor, member=m, month=D(2026, 1, 1), paid_on=D(2026, 3, 2)).amount == 20_000
    with pytest.raises(ValidationError) as e:  # February 2026: the fixed amount no longer exists
        services.dues_pay(actor=actor, member=m, month=D(2026, 2, 1), paid_on=D(2026, 3, 2))
    assert "02/2026" in _message(e, "month") and "01-QĐ/TW" in _message(e, "month")
    with pytest.raises(ValidationError) as e:  # nor can it be set from then on
        services.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=20_000, valid_from=D(2026, 2, 1))
    assert "2.000–30.000" in _message(e, "kind")
    with pytest.raises(ValidationError) as e:  # and a student basis cannot start before
        services.dues_basis_set(actor=actor, member=m, kind="student", valid_from=D(2026, 1, 1))
    assert "từ tháng 02/2026" in _message(e, "kind")
    services.dues_basis_set(actor=actor, member=m, kind="min_wage", base_amount=5_310_000, valid_from=D(2026, 2, 1))
    assert services.dues_pay(actor=actor, member=m, month=D(2026, 2, 1), paid_on=D(2026, 3, 2)).amount == 15_930
    assert [p.amount_due for p in Payment.objects.order_by("month")] == [20_000, 15_930]


def test_the_basis_in_force_decides_the_month_and_keeps_history(actor, tree, register):
    m = register(tree.a1)
    services.dues_basis_set(actor=actor, member=m, kind="salary", base_amount=5_000_000, valid_from=D(2016, 1, 1))
    services.dues_basis_set(actor=actor, member=m, kind="pension", base_amount=6_000_000, valid_from=D(2016, 7, 15))
    assert services.dues_pay(actor=actor, member=m, month=D(2016, 6, 1), paid_on=D(2016, 6, 5)).amount == 50_000
    assert services.dues_pay(actor=actor, member=m, month=D(2016, 7, 1), paid_on=D(2016, 7, 5)).amount == 30_000
    assert m.dues_bases.count() == 2


def test_a_payment_for_a_month_already_paid_is_refused(actor, tree, register):
    m = register(tree.a1)
    services.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    services.dues_pay(actor=actor, member=m, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), receipt_no="BL-01")
    with pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=m, month=D(2016, 3, 20), paid_on=D(2016, 4, 2))
    assert "đã nộp đảng phí tháng 03/2016 ngày 08/03/2016 (biên lai số BL-01)" in _message(e, "month")
    assert Payment.objects.count() == 1


def test_other_refusals_save_nothing(actor, tree, register):
    m = register(tree.a1)
    with pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=m, month=D(2016, 3, 1), paid_on=D(2016, 3, 8))
    assert "căn cứ đóng đảng phí" in _message(e, "month")
    with pytest.raises(ValidationError) as e:
        services.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=50_000, valid_from=D(2016, 1, 1))
    assert "2.000 đến 30.000" in _message(e, "fixed_amount")
    services.dues_basis_set(actor=actor, member=m, kind="salary", base_amount=5_000_000, valid_from=D(2016, 1, 1))
    with pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=m, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), amount=40_000)
    assert "thấp hơn mức phải đóng" in _message(e, "amount") and "50.000" in _message(e, "amount")
    with pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=m, month=D(2016, 3, 1), paid_on=dt.date.today() + dt.timedelta(days=2))
    assert "ở tương lai" in _message(e, "paid_on")
    with pytest.raises(ValidationError) as e:
        services.dues_pay(actor=actor, member=m, month=D(2003, 3, 1), paid_on=D(2016, 3, 8))
    assert "không sinh hoạt đảng" in _message(e, "month")
    assert not Payment.objects.exists()


def test_a_month_sheet_and_the_share_passed_up(actor, tree, register):
    a, b, c = (register(tree.a1) for _ in range(3))
    services.dues_basis_set(actor=actor, member=a, kind="salary", base_amount=6_000_000, valid_from=D(2016, 1, 1))
    services.dues_basis_set(actor=actor, member=b, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    paid = services.dues_collect_month(actor=actor, org=tree.a1, month=D(2016, 4, 1), paid_on=D(2016, 4, 12))
    assert len(paid) == 2
    sheet = selectors.month_sheet(tree.a1, D(2016, 4, 1))
    assert [(r.member, r.due, bool(r.paid)) for r in sheet if r.member == c] == [(c, None, False)]
    assert selectors.collection(tree.a1, D(2016, 4, 1)) == {
        "total": 65_000, "kept_percent": 30, "kept": 19_500, "passed_up": 45_500,
    }  # fmt: skip
    services.dues_share_set(actor=actor, org=tree.a1, kept_percent=40, basis="Quyết định 05 của Đảng ủy phường")
    assert selectors.collection(tree.a1, D(2016, 4, 1))["passed_up"] == 39_000
    # QĐ 342, B.II: a school's grassroots cell keeps 70%, a ward's grassroots committee 90%, the district 50%.
    assert (selectors.kept_percent(tree.c), selectors.kept_percent(tree.a), selectors.kept_percent(tree.hm)) == (
        70, 90, 50,
    )  # fmt: skip


@pytest.mark.parametrize("percent", [29, 51])
def test_a_cell_keeps_between_30_and_50_percent(actor, tree, percent):
    with pytest.raises(ValidationError) as e:
        services.dues_share_set(actor=actor, org=tree.a1, kept_percent=percent, basis="Quyết định 05")
    assert "từ 30% đến 50%" in _message(e, "kept_percent") and "342-QĐ/TW" in _message(e, "kept_percent")
    assert not DuesShare.objects.exists()
    services.dues_share_set(actor=actor, org=tree.a1, kept_percent=50, basis="Quyết định 05")


def test_the_dues_rules_cite_qd_342_and_say_which_were_checked():
    by_code = {r.code: r for r in rules.RULES}
    assert by_code["dues.shares_kept"].certain and "mục B.II" in by_code["dues.shares_kept"].source
    assert by_code["dues.rates"].certain
    assert not by_code["dues.fixed_amount_hanoi"].certain and by_code["dues.fixed_amount_hanoi"].note
    # QĐ 01: the rates cite the text; the shares each level keeps were not found, and say so.
    assert "Điều 3" in by_code["dues.rates_2026"].source and "điểm 2.2" in by_code["dues.min_wage_2026"].source
    assert not by_code["dues.shares_kept_2026"].certain and by_code["dues.shares_kept_2026"].note
