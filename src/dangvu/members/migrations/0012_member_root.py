"""Member.root: the root of the tree the member's unit is in today (a province in a national
deployment), for the search index of 0013, which also fills it. Kept by Member.save() and by the
tree's moves from then on. The column is added empty (no rewrite, a moment's lock)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0011_import_job"),
        ("organizations", "0007_kind_founded_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="root",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
            ),
        ),
    ]
