"""Two indexes the figures and the dashboard read through (issue #7, bench/indicators.py):

- member periods by (unit, end day): the members leaving a subtree in a year (`members.decrease`,
  `crossings`) are periods of its units ending in the year; SQLite otherwise read every period of
  every unit (the district's crossings 49 ms -> 28 ms);
- members by admission day: the dashboard's badge alert (`badges_due_at`) and probation alert read
  the members admitted in a few windows of days (the city's candidates 290 ms -> 120 ms).

Declared on the models; built concurrently on PostgreSQL (the country's 13 million periods stay
writable while the index builds), plainly on SQLite.
"""

from django.db import migrations, models

from ._postgres import AddModelIndex


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0005_member_name_trigram"),
    ]

    operations = [
        AddModelIndex(
            model_name="memberperiod", index=models.Index(fields=["org", "valid_to"], name="members_period_org_end")
        ),
        AddModelIndex(
            model_name="member", index=models.Index(fields=["admitted_on"], name="members_member_admitted_on")
        ),
    ]
