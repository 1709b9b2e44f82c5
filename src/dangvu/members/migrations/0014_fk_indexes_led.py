"""The foreign keys' own single-column indexes that a composite index already leads with (issue 21,
item 2): member's unit — (org, status); an event's member and unit — (member, date) and
(org, kind, date); a period's member and unit — (member, valid_from) and (org, valid_from). Every
lookup by the column alone (a member's timeline and periods, a unit's members, the cascade of a
member's deletion, the protection of a unit's) reads the composite one instead, as EXPLAIN shows
on SQLite and PostgreSQL (bench/RESULTS.md). An import writes about 7 index entries less per member,
and the country's database is ~760 MB smaller.

The state says db_index=False; the database drops each index by its name (DropColumnIndex),
concurrently on PostgreSQL, without the table copy AlterField makes on SQLite.
"""

import django.db.models.deletion
from django.db import migrations, models

from ._postgres import DropColumnIndex


def _unindexed(model_name: str, name: str, field, index: str):
    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(model_name=model_name, name=name, field=field)],
        database_operations=[DropColumnIndex(model_name=model_name, field=name, name=index)],
    )


class Migration(migrations.Migration):
    atomic = False  # DROP INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0013_member_root_name_trigram"),
        ("organizations", "0007_kind_founded_index"),
    ]

    operations = [
        _unindexed(
            "member",
            "org",
            models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="members",
                to="organizations.organization",
                verbose_name="chi bộ",
            ),
            "members_member_org_id_b6aaec52",
        ),
        _unindexed(
            "memberevent",
            "member",
            models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="events", to="members.member"
            ),
            "members_memberevent_member_id_0cf90450",
        ),
        _unindexed(
            "memberevent",
            "org",
            models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
                verbose_name="tổ chức",
            ),
            "members_memberevent_org_id_cb74f324",
        ),
        _unindexed(
            "memberperiod",
            "member",
            models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="periods", to="members.member"
            ),
            "members_memberperiod_member_id_0de80c14",
        ),
        _unindexed(
            "memberperiod",
            "org",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
            ),
            "members_memberperiod_org_id_c76bfd29",
        ),
    ]
