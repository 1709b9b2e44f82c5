"""core.bulk.WritesBehind: writes done by a thread on the caller's connection."""

import contextvars
import time

import pytest
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation

from dangvu.core.bulk import WritesBehind

pytestmark = pytest.mark.django_db

asked_by = contextvars.ContextVar("asked_by", default=None)


def test_a_write_sees_the_callers_context_and_language():
    """What a write sets off (a receiver writing an audit entry, a message put in words) reads the
    request's context — the actor auditlog records, the language — as if the caller ran it."""
    seen = {}

    def write():
        seen["asked_by"] = asked_by.get()
        seen["language"] = translation.get_language()

    token = asked_by.set("bantochuc")
    try:
        with translation.override("en"), WritesBehind(connections[DEFAULT_DB_ALIAS]) as behind:
            behind.submit(write)
    finally:
        asked_by.reset(token)
    assert seen == {"asked_by": "bantochuc", "language": "en"}


def test_the_callers_next_statement_waits_for_the_write_and_sees_it():
    def write():
        time.sleep(0.2)  # still writing when the caller reads
        Group.objects.create(name="viết sau")

    with WritesBehind(connections[DEFAULT_DB_ALIAS]) as behind:
        behind.submit(write)
        assert Group.objects.filter(name="viết sau").exists()


def test_a_writes_error_reaches_the_callers_next_statement():
    def write():
        raise ValueError("the write failed")

    with WritesBehind(connections[DEFAULT_DB_ALIAS]) as behind:
        behind.submit(write)
        with pytest.raises(ValueError, match="the write failed"):
            Group.objects.count()
