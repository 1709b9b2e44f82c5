"""Two indexes the year's figures read through on the country (issue #7, bench/indicators.py, each of
the 63 provinces evaluated in turn):

- admission events by (unit, kind, day): `members.admitted` and the other event counts probe each
  of a province's ~5.800 units for its admissions of the year; by unit alone PostgreSQL read the
  unit's every event (~40) to keep one. Declared on the model, built concurrently on PostgreSQL,
  plainly on SQLite.
- member periods by (unit, end day) carrying start day, standing, activity and member
  (INCLUDE): the members at the end of the year (`member_counts_on`) and the flows' periods
  starting or ending in the year (`members.increase` / `decrease`) come from the index alone
  rather than from one heap page per period (the periods are stored in member order, so a unit's
  are scattered). PostgreSQL only, concurrently, outside the migration state, like 0007: SQLite
  has no INCLUDE and a district needs none.
"""

from django.db import migrations, models

from ._postgres import AddIndexOnPostgres, AddModelIndex


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0007_member_org_name_key_id"),
    ]

    operations = [
        AddModelIndex(
            model_name="memberevent",
            index=models.Index(fields=["org", "kind", "date"], name="members_event_org_kind_date"),
        ),
        AddIndexOnPostgres(
            model_name="memberperiod",
            index=models.Index(
                fields=["org", "valid_to"],
                include=["valid_from", "standing", "activity", "member"],
                name="members_period_org_end_incl",
            ),
        ),
    ]
