"""The member's dues page and their own receipts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangvu.core.downloads import download_log
from dangvu.dues import receipts

from .dues import dues_year, payment_of
from .views import _member


@login_required
def dues(request):
    member = _member(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, member.admitted_on.year), today.year)
    rows = dues_year(member, year, today)
    context = {
        "member": member, "rows": rows, "year": year, "years": range(today.year, member.admitted_on.year - 1, -1),
        "owed": sum(r.owed for r in rows),
    }  # fmt: skip
    return render(request, "handbook/dues.html", context)


@login_required
def receipt(request, pk):
    payment = payment_of(_member(request), pk)
    response = HttpResponse(receipts.receipt_pdf(payment), content_type="application/pdf")
    download_log(user=request.user, kind="dues_receipt", filters={"payment": payment.pk}, rows=1)
    response["Content-Disposition"] = f'inline; filename="bien-lai-dang-phi-{payment.pk}.pdf"'
    return response
