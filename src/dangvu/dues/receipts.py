"""The receipt of a dues payment (biên lai thu đảng phí): a printable HTML page and the same page as
an A5 PDF with embedded serif fonts (WeasyPrint, as reports.member_sheet does: Liberation Serif when
installed, else DejaVu Serif — both carry every Vietnamese letter). The amount is also written in
words, as receipts are."""

from django.template.loader import render_to_string

from dangvu.core.dates import format_date
from dangvu.core.numbers import format_int

from .models import Payment
from .rules import format_month

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _three(n: int, full: bool) -> str:
    """Words for 0–999; `full` when a higher group precedes (so 5 reads "không trăm linh năm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """50000 -> "Năm mươi nghìn đồng"; 46500 -> "Bốn mươi sáu nghìn năm trăm đồng" (below 10^12)."""
    if amount >= 10**12:
        return f"{format_int(amount)} đồng"
    if amount == 0:
        return "Không đồng"
    groups = []
    n = amount
    while n:
        groups.append(n % 1000)
        n //= 1000
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words.append(_three(g, full=i < len(groups) - 1))
        if _GROUPS[i]:
            words.append(_GROUPS[i])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]


def receipt_context(payment: Payment) -> dict:
    cell = payment.org
    grassroots = cell.parent if cell.level == "cell" and cell.parent_id else cell
    return {
        "p": payment, "cell": cell, "grassroots": grassroots, "month": format_month(payment.month),
        "amount": format_int(payment.amount), "due": format_int(payment.amount_due),
        "words": amount_in_words(payment.amount), "paid_on": format_date(payment.paid_on),
        "number": payment.receipt_no or f"{payment.pk:06d}",
    }  # fmt: skip


def receipt_html(payment: Payment, *, for_print: bool = False) -> str:
    return render_to_string("dues/receipt_print.html", receipt_context(payment) | {"for_print": for_print})


def receipt_pdf(payment: Payment) -> bytes:
    from weasyprint import HTML

    return HTML(string=receipt_html(payment)).write_pdf()
