"""In-app notices to members (issue 22, item 7): a meeting called, a document published, a
correction answered. A notice is a copy of an act that is itself audited (the call, the
publication, the answer), so notices are written in bulk without an audit entry of their own."""

from django.db.models import QuerySet
from django.utils import timezone

from dangvu.core import compiled
from dangvu.core.compiled import Slot
from dangvu.members.models import Member

from .models import Notice


def notices_send(*, members: QuerySet[Member] | list, text: str, url: str = "") -> int:
    rows = [Notice(member_id=getattr(m, "pk", m), text=text[:300], url=url) for m in members]
    Notice.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def unread_count(member: Member) -> int:
    """Counted by a query compiled once (core.compiled): every page of a member's handbook shows it."""
    return compiled.count(Notice, ("handbook.unread",), _unread, member=member.pk)


def _unread():
    return Notice.objects.filter(member_id=Slot("member", Member._meta.pk), read_at__isnull=True)


def notices_of(member: Member, limit: int = 50) -> list[Notice]:
    return list(Notice.objects.filter(member=member)[:limit])


def notices_mark_read(*, member: Member) -> int:
    return Notice.objects.filter(member=member, read_at__isnull=True).update(read_at=timezone.now())
