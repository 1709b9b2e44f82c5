"""Fill Member.root (0012) from the units' paths ("/root/…/unit/"), then search a province by name
through one index: GIN over (root, name key trigrams), with the btree_gin extension for the root
(trusted since PostgreSQL 13, like pg_trgm). Within a province the trigram lists of a name are
intersected with the province's own list, so "tran thi lan" reads a few hundred entries instead
of probing the province's 5.800 units in the (unit, name key) index (members.selectors.search
picks it for large scopes). The index is PostgreSQL only, built concurrently, outside the
migration state, like 0005.

Not atomic: the fill runs in batches of ids, each committed, so a country's 6,6 million members
stay writable while it runs (one UPDATE held the table locked for over nine minutes), and a run
stopped half-way resumes where it was."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

from ._postgres import AddIndexOnPostgres

BATCH = 50_000
ROOT = {
    "postgresql": "split_part(o.path, '/', 2)::bigint",
    "sqlite": "CAST(substr(o.path, 2, instr(substr(o.path, 2), '/') - 1) AS INTEGER)",
}


def fill(apps, schema_editor):
    root = ROOT[schema_editor.connection.vendor]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM members_member")
        first, last = cursor.fetchone()
        for start in range(first or 0, (last or -1) + 1, BATCH):
            cursor.execute(
                f"UPDATE members_member SET root_id = (SELECT {root} FROM organizations_organization o "
                f"WHERE o.id = members_member.org_id) WHERE id >= %s AND id < %s AND org_id IS NOT NULL "
                f"AND root_id IS NULL",
                [start, start + BATCH],
            )


class Migration(migrations.Migration):
    atomic = False  # batches committed one by one; CREATE INDEX CONCURRENTLY outside a transaction

    dependencies = [
        ("members", "0012_member_root"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        BtreeGinExtension(),
        AddIndexOnPostgres(
            model_name="member",
            index=GinIndex(
                fields=["root", "name_key"], name="member_root_name_trgm", opclasses=["int8_ops", "gin_trgm_ops"]
            ),
        ),
    ]
