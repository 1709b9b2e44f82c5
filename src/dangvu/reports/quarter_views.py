"""The quarterly report of a unit (Quy định 366-QĐ/TW evaluates by quarter): HTML to read or print
and DOCX to edit, scoped like the year report (a unit outside the user's subtree is a 404) and
each download logged."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.web.csp import self_contained_document

from . import quarterly

TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@self_contained_document
@login_required
def quarter_report(request, org_pk: int, year: int, quarter: int, fmt: str):
    scope = Scope.of(request.user)
    scope.require(Capability.VIEW)
    org = scope.get_org(org_pk)
    if quarter not in (1, 2, 3, 4) or not 1930 <= year <= dt.date.today().year or fmt not in TYPES:
        raise Http404("Không có báo cáo quý này.")
    ctx = quarterly.quarter_report_context(org, year, quarter)
    if fmt == "html":
        response, disposition = HttpResponse(quarterly.render_html(ctx).encode(), content_type=TYPES[fmt]), "inline"
    else:
        response, disposition = HttpResponse(quarterly.render_docx(ctx), content_type=TYPES[fmt]), "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{ctx["file_name"]}.{fmt}"'
    download_log(user=request.user, kind=f"quarter_report_{fmt}", rows=1,
                 filters={"org": org.pk, "year": year, "quarter": quarter})  # fmt: skip
    return response
