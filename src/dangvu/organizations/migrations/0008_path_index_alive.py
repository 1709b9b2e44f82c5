"""The units' (path) pattern index carries depth, founded_on and dissolved_on (INCLUDE, PostgreSQL
only; SQLite gets the plain index it had): a subtree's units in today's tree are counted by depth
from the index alone (every member list asks it). It replaces org_path_prefix, the same key. The
table is small (the country's 331.963 units: 0,4 s), so built in the migration's transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0007_kind_founded_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(
                fields=["path"],
                include=("depth", "founded_on", "dissolved_on"),
                name="org_path_alive",
                opclasses=["varchar_pattern_ops"],
            ),
        ),
        migrations.RemoveIndex(
            model_name="organization",
            name="org_path_prefix",
        ),
    ]
