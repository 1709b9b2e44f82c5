"""Documents: the member's list, page and file (/so-tay/van-ban/), and the publisher's pages
(/so-tay/van-ban/phat-hanh/) for the clerks of a committee, within their subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.text import natural_key
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.web.pages import form_saved

from .documents import (
    document_bookmark,
    document_mark_read,
    document_of,
    document_publish,
    document_withdraw,
    documents_of,
    published_by,
    publisher_document,
    receipts,
)  # fmt: skip
from .forms import DocumentForm
from .uploads import CONTENT_TYPES, extension
from .views import _member


def _file(user, document, who: str) -> FileResponse:
    """The document's file, shown in the browser (so the phone keeps it for offline reading), logged."""
    f = document.file
    if not f or not f.storage.exists(f.name):
        raise Http404("Văn bản chưa có tệp.")
    ext = extension(f.name)
    download_log(user=user, kind=f"document_{who}", rows=1, filters={"document": document.pk})
    response = FileResponse(f.open("rb"), filename=f"van-ban-{document.pk}{ext}", content_type=CONTENT_TYPES.get(ext))
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline")
    return response


@login_required
def documents(request):
    member = _member(request)
    query = request.GET.get("q", "")[:100]
    bookmarked = request.GET.get("danh-dau") == "1"
    rows = documents_of(member, query=query, bookmarked=bookmarked)
    return render(request, "handbook/documents.html", {"rows": rows, "q": query, "bookmarked": bookmarked})


@login_required
def document(request, pk):
    member = _member(request)
    found = document_of(member, pk)
    read = document_mark_read(actor=request.user, member=member, document=found)
    return render(request, "handbook/document.html", {"d": found, "read": read})


@login_required
def document_file(request, pk):
    member = _member(request)
    found = document_of(member, pk)
    document_mark_read(actor=request.user, member=member, document=found)
    return _file(request.user, found, "member")


@login_required
@require_POST
def bookmark(request, pk):
    member = _member(request)
    found = document_of(member, pk)
    on = request.POST.get("danh-dau") == "1"
    document_bookmark(actor=request.user, member=member, document=found, on=on)
    messages.success(request, f"Văn bản số {found.number}: {'đã đánh dấu' if on else 'đã bỏ đánh dấu'}.")
    return redirect("handbook-document", pk=found.pk)


def _publisher(request) -> Scope:
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_REPORTS)
    return scope


@login_required
@require_http_methods(["GET", "POST"])
def publish(request):
    """The committee's documents with how many have read each, and the form to publish one."""
    scope = _publisher(request)
    cells = sorted(scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True),
                   key=lambda o: natural_key(o.code))  # fmt: skip
    form = DocumentForm(request.POST or None, request.FILES or None, cells=cells)

    def save(data):
        data = dict(data)
        by_code = {c.code: c for c in cells}
        audience = None if data.pop("to") == "all" else [(by_code[code], False) for code in data.pop("cells")]
        data.pop("cells", None)
        found = document_publish(actor=request.user, scope=scope, audience=audience, today=timezone.localdate(),
                                 **data)  # fmt: skip
        return (f"Đã phát hành văn bản số {found.number} tới đảng viên.",
                reverse("handbook-document-receipts", kwargs={"pk": found.pk}))  # fmt: skip

    if saved := form_saved(request, form, save, {"audience": "cells"}):
        return saved
    rows = published_by(scope).select_related("publisher").order_by("-published_at")[:100]
    return render(request, "handbook/publish.html", {"form": form, "rows": rows, "root": scope.root})


@login_required
def document_receipts(request, pk):
    """Who the document reaches and who has read it (read receipts)."""
    scope = _publisher(request)
    found = publisher_document(scope, pk)
    rows = receipts(found)
    read = sum(1 for _, r in rows if r)
    return render(request, "handbook/receipts.html", {"d": found, "rows": rows, "read": read})


@login_required
def publisher_file(request, pk):
    scope = _publisher(request)
    return _file(request.user, publisher_document(scope, pk), "publisher")


@login_required
@require_POST
def withdraw(request, pk):
    scope = _publisher(request)
    found = document_withdraw(actor=request.user, scope=scope, document=publisher_document(scope, pk))
    messages.success(request, f"Đã thu hồi văn bản số {found.number}; đảng viên không còn thấy văn bản này.")
    return redirect("handbook-document-receipts", pk=found.pk)
