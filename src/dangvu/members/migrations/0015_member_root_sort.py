"""A province's members in name order: (root, sort key) INCLUDE (status), read by the member
list, the API and every page of a user whose scope is a whole tree (accounts.scope.Scope.members
filters them by root). On the country data the third page of a province's list took 129 ms through
the units' paths (PostgreSQL walked the country's sort-key index, looking up each member's unit
and keeping one in 63), 3,6 ms through this index; its count 18-30 ms by the units, 13 ms from the
index alone. Built concurrently on PostgreSQL (~10 s on the country); SQLite has no INCLUDE and
gets (root, sort key)."""

from django.db import migrations, models

from ._postgres import AddModelIndex


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0014_fk_indexes_led"),
    ]

    operations = [
        AddModelIndex(
            model_name="member",
            index=models.Index(fields=["root", "sort_key"], include=("status",), name="member_root_sort"),
        ),
    ]
