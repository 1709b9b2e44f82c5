"""Documents a committee publishes to its members (issue 22, item 4): resolutions, directives,
guides, with their number, date and issuer and the file, to the committee's whole subtree or to
chosen cells. Members read, bookmark and search them (without diacritics); the publisher sees who
has read. A publisher works only within their subtree; a member sees only what reaches their cell."""

import datetime as dt

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.core import compiled
from dangvu.core.audit import acting_as
from dangvu.core.closing import ancestor_paths
from dangvu.core.compiled import Slot
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline, search_key, search_terms
from dangvu.members.models import IN_PARTY_STATUSES, Activity, Member
from dangvu.organizations.models import MEMBER_LEVELS

from .models import Document, DocumentAudience, DocumentKind, DocumentRead
from .notices import notices_send
from .uploads import check_document_file

NOT_FOUND = "Không tìm thấy văn bản gửi tới chi bộ của đồng chí."


def _key(*parts) -> str:
    return search_key(" ".join(p for p in parts if p))


@transaction.atomic
def document_publish(*, actor, scope, kind: str, number: str, issued_on: dt.date, issuer: str, title: str,
                     file, summary: str = "", audience: list | None = None, today: dt.date) -> Document:  # fmt: skip
    """Publish a document as the committee of `scope` to `audience` — units of the subtree, each
    [(org, whole_subtree)]; none: the whole subtree. Every member with an account in the audience
    gets a notice. Refuses a unit outside the subtree, a missing field or a file that is not what
    its name says (handbook.uploads)."""
    from dangvu.accounts.models import Capability

    scope.require(Capability.EDIT_REPORTS)
    number, issuer, title = clean(number), clean(issuer), clean(title)
    if kind not in DocumentKind.values:
        fail("kind", "Hãy chọn loại văn bản (nghị quyết, chỉ thị, hướng dẫn …).")
    if not number:
        fail("number", "Hãy ghi số, ký hiệu văn bản, ví dụ “12-NQ/ĐU”.")
    if not issuer:
        fail("issuer", "Hãy ghi cơ quan ban hành, ví dụ “Ban Chấp hành Đảng bộ phường”.")
    if not title:
        fail("title", "Hãy ghi trích yếu (văn bản về việc gì).")
    if not isinstance(issued_on, dt.date) or issued_on > today:
        fail("issued_on", "Ngày ban hành phải là một ngày đã qua hoặc hôm nay.")
    check_document_file(file)
    rows = audience or [(scope.root, True)]
    for org, _ in rows:
        if not scope.covers(org):
            fail("audience", f"{org.name} không thuộc phạm vi của bạn; chỉ gửi văn bản trong đảng bộ của mình.")
    with acting_as(actor):
        document = Document.objects.create(
            publisher=scope.root, kind=kind, number=number, issued_on=issued_on, issuer=issuer, title=title,
            summary=clean_multiline(summary), file=file, published_by=actor,
            search_key=_key(number, title, issuer, summary),
        )  # fmt: skip
        for org, whole in rows:
            # a unit above the cells (a ward's committee) always means its whole subtree
            whole = whole or org.level not in MEMBER_LEVELS
            DocumentAudience.objects.create(document=document, org=org, whole_subtree=whole)
    text = f"Văn bản mới: {document.get_kind_display()} số {number} — {title}"
    notices_send(members=audience_members(document).filter(account__isnull=False), text=text,
                 url=f"/so-tay/van-ban/{document.pk}/")  # fmt: skip
    return document


@transaction.atomic
def document_withdraw(*, actor, scope, document: Document) -> Document:
    """Withdraw a published document: members no longer see it; its receipts stay."""
    current = publisher_document(scope, document.pk)
    if current.withdrawn_at is None:
        with acting_as(actor):
            current.withdrawn_at = timezone.now()
            current.save(update_fields=["withdrawn_at"])
    return current


def published_by(scope) -> QuerySet[Document]:
    """The documents the committees of the user's subtree published."""
    if scope.root is None:
        return Document.objects.none()
    return Document.objects.filter(publisher__path__startswith=scope.root.path)


def publisher_document(scope, pk) -> Document:
    found = published_by(scope).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy văn bản do cấp ủy trong phạm vi của bạn phát hành.")
    return found


def audience_members(document: Document) -> QuerySet[Member]:
    """The members the document reaches today: in the party, not exempt, in a unit of its audience."""
    rows = list(document.audience.select_related("org"))
    reach = Q(pk__in=[])
    for row in rows:
        reach |= Q(org__path__startswith=row.org.path) if row.whole_subtree else Q(org_id=row.org_id)
    return Member.objects.filter(reach, status__in=IN_PARTY_STATUSES).exclude(activity=Activity.EXEMPT)


def receipts(document: Document) -> list[tuple[Member, DocumentRead | None]]:
    """Who the document reaches and when each first read it, those who have not read it first."""
    reads = {r.member_id: r for r in document.reads.filter(read_at__isnull=False)}
    members = audience_members(document).select_related("org").order_by("org__path", "sort_key", "id")
    rows = [(m, reads.get(m.pk)) for m in members]
    return sorted(rows, key=lambda r: r[1] is not None)


def visible_to(member: Member) -> QuerySet[Document]:
    """The documents published to the member's cell or to a unit above it, not withdrawn."""
    if member.org_id is None:
        return Document.objects.none()
    return _reaching(member.org_id, ancestor_paths(member.org.path))


def _reaching(org, paths: list) -> QuerySet[Document]:
    """The documents published to `org` or, for its whole subtree, to a unit of `paths` (the unit
    and those above it), not withdrawn: values or, for a compiled query, Slots."""
    reaches = DocumentAudience.objects.filter(document=OuterRef("pk")).filter(
        Q(org_id=org) | Q(whole_subtree=True, org__path__in=paths)
    )
    return Document.objects.filter(Exists(reaches), withdrawn_at__isnull=True)


# The list a member opens (no search, no bookmark filter): at most this many, newest first.
LISTED = 200


def documents_of(member: Member, *, query: str = "", bookmarked: bool = False):
    """The member's documents, newest first, matching every word of `query` without diacritics
    ("nghi quyet" finds "Nghị quyết"), with the member's read receipt and bookmark."""
    mine = {r.document_id: r for r in _reads_of(member)}
    if member.org_id is not None and not query.strip() and not bookmarked:
        return [(d, mine.get(d.pk)) for d in _listed(member)]
    found = visible_to(member)
    for term in search_terms(query):
        found = found.filter(search_key__contains=" " + term)
    if bookmarked:
        found = found.filter(pk__in=[pk for pk, r in mine.items() if r.bookmarked])
    return [(d, mine.get(d.pk)) for d in found.order_by("-issued_on", "-id")[:LISTED]]


def _listed(member: Member) -> list[Document]:
    """`visible_to(member)`, newest first, by a query compiled once a depth of the tree
    (core.compiled): every member's list asks it."""
    paths = ancestor_paths(member.org.path)

    def build():
        unit = Slot("org", Member._meta.get_field("org").target_field)
        above = [Slot(f"path{i}", CharField()) for i in range(len(paths))]
        return _reaching(unit, above).order_by("-issued_on", "-id")[:LISTED]

    values = {f"path{i}": path for i, path in enumerate(paths)}
    return compiled.rows(Document, ("handbook.documents", len(paths)), build, org=member.org_id, **values)


def _reads_of(member: Member) -> list[DocumentRead]:
    def build():
        return DocumentRead.objects.filter(member_id=Slot("member", Member._meta.pk))

    return compiled.rows(DocumentRead, ("handbook.reads",), build, member=member.pk)


def document_of(member: Member, pk) -> Document:
    """One document that reaches the member; 404 for any other, as for one that does not exist."""
    found = visible_to(member).filter(pk=pk).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


@transaction.atomic
def document_mark_read(*, actor, member: Member, document: Document) -> DocumentRead:
    """The read receipt, stamped the first time the member opens the document."""
    document_of(member, document.pk)
    with acting_as(actor):
        read, _ = DocumentRead.objects.get_or_create(document=document, member=member)
        if read.read_at is None:
            read.read_at = timezone.now()
            read.save(update_fields=["read_at"])
    return read


@transaction.atomic
def document_bookmark(*, actor, member: Member, document: Document, on: bool) -> DocumentRead:
    document_of(member, document.pk)
    with acting_as(actor):
        read, _ = DocumentRead.objects.get_or_create(document=document, member=member)
        if read.bookmarked != on:
            read.bookmarked = on
            read.save(update_fields=["bookmarked"])
    return read
