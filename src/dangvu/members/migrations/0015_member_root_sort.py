"""A province's members by their root (accounts.scope.Scope.members filters a whole tree's scope
by Member.root): (root, sort key) lists them in name order, (root, status) counts them. On the
country data the third page of a province's list took 129 ms through the units' paths (PostgreSQL
walked the whole country's sort-key index, looking up each member's unit and keeping one in 63),
3,6 ms through (root, sort key); its count 18-30 ms through the units, 9-13 from (root, status).
On the city (one root of 479.199 members) the count is 32-37 ms against 71-84.

Both are plain B-trees, which deduplicate: with the status as an INCLUDE column of the first (one
index instead of two) it was 777 MB on the country instead of 191, and counted the city's members
in 110 ms. The sort key's own index stays: in a database holding one province, the list of a large
commune walks it (without it PostgreSQL read the whole table: 120 ms for the city's largest unit).

PostgreSQL only, built concurrently, outside the migration state (like 0005 and 0013): a SQLite
database holds a district, one root whose members the sort key's index lists and a scan counts,
and its import (the benchmark's) writes 10-20 µs a member less without them (bench/RESULTS.md)."""

from django.db import migrations, models

from ._postgres import AddIndexOnPostgres


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0014_fk_indexes_led"),
    ]

    operations = [
        AddIndexOnPostgres(
            model_name="member", index=models.Index(fields=["root", "sort_key"], name="member_root_sort")
        ),
        AddIndexOnPostgres(
            model_name="member", index=models.Index(fields=["root", "status"], name="member_root_status")
        ),
    ]
