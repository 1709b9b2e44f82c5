"""Every change keeps who, when and what: django-auditlog records each save and delete of a
registered model; services run under `acting_as(actor)` so the entry names the person even when
the change comes from a command or an import rather than a web request."""

import contextlib

from auditlog.context import set_actor


@contextlib.contextmanager
def acting_as(actor):
    """Attribute the audit entries written inside the block to `actor` (a User, or None for the system)."""
    if actor is None:
        yield
        return
    with set_actor(actor):
        yield


def register(model, *, exclude_fields=(), **options) -> None:
    """Register `model` with django-auditlog, leaving out its reverse relations (the rows of other
    tables that point to it): auditlog would otherwise write each of them, as the same meaningless
    text, into every creation entry — a member's listed its awards, badges, events, payments …"""
    from auditlog.registry import auditlog

    reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
    auditlog.register(model, exclude_fields=[*exclude_fields, *reverse], **options)


def history_of(obj, limit: int = 200):
    """The audit entries of one record, newest first."""
    from auditlog.models import LogEntry

    return LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]
