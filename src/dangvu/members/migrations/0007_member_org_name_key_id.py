"""The (unit, name key) index of 0005 carries the member's id too (INCLUDE), so a scoped search
finds the ids of its matches from the index alone — unit by unit, without reading the 116.000
member rows of a province to test their names — and reads only the matching rows to sort them
(members.selectors.search). PostgreSQL only, concurrently, outside the migration state, like 0005."""

from django.db import migrations, models

from ._postgres import AddIndexOnPostgres, DropIndexOnPostgres


class Migration(migrations.Migration):
    atomic = False  # CREATE / DROP INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0006_indicator_indexes"),
    ]

    operations = [
        AddIndexOnPostgres(
            model_name="member",
            index=models.Index(fields=["org", "name_key"], include=["id"], name="member_org_name_key_id"),
        ),
        DropIndexOnPostgres(
            model_name="member", index=models.Index(fields=["org", "name_key"], name="member_org_name_key")
        ),
    ]
