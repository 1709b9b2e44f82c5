"""The member's own dues: by month, what was due under the basis in force and what was paid."""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404

from dangvu.dues.models import DuesBasis, Payment
from dangvu.dues.rules import due_of
from dangvu.members.models import Member


@dataclass
class DuesMonth:
    month: dt.date
    basis: DuesBasis | None
    due: int | None
    paid: Payment | None

    @property
    def owed(self) -> int:
        return max(0, (self.due or 0) - (self.paid.amount if self.paid else 0))


def dues_year(member: Member, year: int, today: dt.date) -> list[DuesMonth]:
    """Each month of `year` up to this one (two queries): the basis, the amount due, the payment."""
    last = 12 if year < today.year else today.month
    months = [dt.date(year, m, 1) for m in range(1, last + 1)]
    bases = list(DuesBasis.objects.filter(member=member, valid_from__lte=dt.date(year, 12, 1)).order_by("valid_from"))
    paid = {p.month: p for p in Payment.objects.filter(member=member, month__year=year)}
    rows = []
    for month in months:
        basis = next((b for b in reversed(bases) if b.valid_from <= month), None)
        rows.append(DuesMonth(month, basis, due_of(basis, month) if basis else None, paid.get(month)))
    return rows


def payment_of(member: Member, pk) -> Payment:
    found = Payment.objects.select_related("member", "org").filter(member=member, pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy biên lai đảng phí của đồng chí.")
    return found
