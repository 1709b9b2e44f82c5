"""A (depth, path) index carrying founded_on and dissolved_on (INCLUDE on PostgreSQL): a member list
counts its scope's units one depth at a time, up to what it needs (units_by_depth(at_most=…)),
instead of all of a city's 30.000. The table is small (the country's 331.963 units), so built in
the migration's transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0008_path_index_alive"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(
                fields=["depth", "path"],
                include=("founded_on", "dissolved_on"),
                name="org_depth_path",
                opclasses=["int2_ops", "varchar_pattern_ops"],
            ),
        ),
    ]
