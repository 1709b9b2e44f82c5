"""Search by name (`name_key LIKE '% word%'`, members.selectors.search) on PostgreSQL without
reading every member (6,6 million rows on the country data):
- a trigram index finds the names anywhere in the country (a rare name, a national scope);
- an index on (cell, name key) answers a province's or a district's search from the index alone,
  unit by unit, when the name is common in the country.
The planner picks between them by the size of the user's scope and the name.

The indexes are not declared on the model: SQLite has no GIN index, and its LIKE over a
district's members is fast enough. So the operations below touch the database only on PostgreSQL
and leave the migration state alone. Each index is built CONCURRENTLY (members stay writable while
it builds: about a minute on the country) and only when missing, so an index built by hand under
the same name before this migration ran is kept.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from ._postgres import AddIndexOnPostgres


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0004_member_record_sheet"),
    ]

    operations = [
        TrigramExtension(),  # does nothing on other databases; pg_trgm is trusted since PostgreSQL 13
        AddIndexOnPostgres(
            model_name="member",
            index=GinIndex(fields=["name_key"], name="member_name_key_trgm", opclasses=["gin_trgm_ops"]),
        ),
        AddIndexOnPostgres(
            model_name="member", index=models.Index(fields=["org", "name_key"], name="member_org_name_key")
        ),
    ]
