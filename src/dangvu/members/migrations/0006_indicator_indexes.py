"""Two indexes the figures and the dashboard read through (issue #7, bench/indicators.py):

- member periods by (unit, end day): the members leaving a subtree in a year (`members.decrease`,
  `crossings`) are periods of its units ending in the year; SQLite otherwise read every period of
  every unit (the district's crossings 49 ms -> 28 ms);
- members by admission day: the dashboard's badge alert (`badges_due_at`) and probation alert read
  the members admitted in a few windows of days (the city's candidates 290 ms -> 120 ms).

Like 0005 they are not declared on the model (members/models.py belongs to another change), so
they touch the database only and leave the migration state alone; declaring them on the model
later means replacing these operations with the model's AddIndex under the same names.
"""

from django.db import migrations, models

INDEXES = [
    ("memberperiod", models.Index(fields=["org", "valid_to"], name="members_period_org_end")),
    ("member", models.Index(fields=["admitted_on"], name="members_member_admitted_on")),
]


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_member_name_trigram"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AddIndex(model_name=m, index=i) for m, i in INDEXES],
            state_operations=[],
        )
    ]
