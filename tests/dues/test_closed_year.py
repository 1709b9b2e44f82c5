"""Dues of a closed year (core.closing): dues.collected counts payments by the day paid, so a
payment dated in a closed year, or a basis from a closed month, is refused until the year is reopened."""

from dangvu.dues import services
from dangvu.dues.models import Payment
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D
from ..conftest import closed_year_refused as _refused


def test_payments_and_bases_of_a_closed_year_are_refused_until_reopened(actor, tree, register):
    m = register(tree.a1)
    services.dues_basis_set(actor=actor, member=m, kind="fixed", valid_from=D(2016, 1, 1), fixed_amount=5_000)
    year_close(actor=actor, org=tree.hm, year=2016)

    message = _refused(
        lambda: services.dues_pay(actor=actor, member=m, month=D(2016, 12, 1), paid_on=D(2016, 12, 20)), "paid_on"
    )
    assert "20/12/2016" in message
    _refused(
        lambda: services.dues_basis_set(
            actor=actor, member=m, kind="fixed", valid_from=D(2016, 6, 1), fixed_amount=9_000
        ),
        "valid_from",
    )
    # December's dues paid in January count in the open year
    services.dues_pay(actor=actor, member=m, month=D(2016, 12, 1), paid_on=D(2017, 1, 5))
    assert Payment.objects.count() == 1

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung biên lai đảng phí nhận muộn")
    services.dues_pay(actor=actor, member=m, month=D(2016, 11, 1), paid_on=D(2016, 11, 20))
    assert Payment.objects.count() == 2
