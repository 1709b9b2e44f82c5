"""The tree's version (models.TreeVersion): rows of tokens, one of which changes with every statement
that writes units. The rows and the triggers that change them are made after every migrate
(organizations.versions.ensure_triggers, from apps.OrganizationsConfig): SQLite drops a table's
triggers when a migration rebuilds the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0009_depth_path_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="TreeVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=36)),
            ],
            options={
                "verbose_name": "phiên bản cây tổ chức",
                "verbose_name_plural": "phiên bản cây tổ chức",
            },
        ),
    ]
