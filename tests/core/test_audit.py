"""What the audit keeps for a new record: its own fields, not the other tables that point to it."""

from auditlog.models import LogEntry

from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from ..conftest import D


def test_a_creation_entry_lists_the_records_own_fields_only(tree, admit, actor):
    member = admit(tree.a1, on=D(2016, 3, 2), full_name="Trần Thị Bình")
    entry = LogEntry.objects.get_for_object(member).get(action=LogEntry.Action.CREATE)
    assert entry.actor == actor
    assert entry.changes_dict["full_name"] == ["None", "Trần Thị Bình"]
    own = {f.name for f in Member._meta.concrete_fields}
    assert set(entry.changes_dict) <= own  # no "events", "awards", "dues_payments" …
    for name in ("events", "periods", "badges", "awards", "work_periods"):
        assert name not in entry.changes_dict
    unit = LogEntry.objects.get_for_object(tree.a1).get(action=LogEntry.Action.CREATE)
    assert set(unit.changes_dict) <= {f.name for f in Organization._meta.concrete_fields}
    assert unit.changes_dict["code"] == ["None", "A1"]
