"""Search by name through the beginnings of the name's words, each under its tree's root, instead
of the name's trigrams (PostgreSQL).

`dangvu_name_words(root_id, name_key)` lists every beginning of every word of a name key, prefixed
by the root of the member's tree: root 1, " nguyen van an" -> {1:n, 1:ng, 1:ngu, 1:nguy, 1:nguye,
1:nguyen, 1:v, 1:va, 1:van, 1:a, 1:an} (a member with no root: ":n", …). A search word matches a
name exactly when it is one of them (`name_key LIKE '% word%'`, members.selectors.search), so
"nguyen van an" in tree 1 is `dangvu_name_words(root_id, name_key) @> '{1:nguyen,1:van,1:an}'`:
three posting lists of a GIN index, each holding that tree's members only. The trigram index (0005,
0013) intersected about ten lists of very common trigrams (" ng", "ngu", "guy", "uye", "yen", " va",
"van", …) and the root's own list (every member of a city with one tree: ~3,5 ms a search on its
own), then read every candidate's row to recheck the words; the containment is exact, nothing is
rechecked. On the city data (595.238 members, one root), the whole query warm: "nguyen van an"
23 -> 8 ms, "tran thi lan" 24 -> 2,5 ms, "le thu ha" 12 -> 4 ms.

The two trigram indexes go: nothing else reads the members' trigrams, and every member written
paid for both.

The function is SQL, IMMUTABLE (an index expression must be), and reads only its arguments. The
index is PostgreSQL only, built concurrently and outside the migration state, like 0005 and 0013:
SQLite searches a district's members by LIKE."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from ._postgres import DropIndexOnPostgres

FUNCTION = """
CREATE OR REPLACE FUNCTION dangvu_name_words(root bigint, key text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(coalesce(root::text, '') || ':' || left(word, n)), '{}')
    FROM unnest(string_to_array(key, ' ')) AS word, generate_series(1, length(word)) AS n
$$
"""
INDEX = "member_name_words"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON members_member "
        f"USING gin (dangvu_name_words(root_id, name_key))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute("DROP FUNCTION IF EXISTS dangvu_name_words(bigint, text)")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0015_member_root_sort"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        DropIndexOnPostgres(
            model_name="member",
            index=GinIndex(fields=["name_key"], name="member_name_key_trgm", opclasses=["gin_trgm_ops"]),
        ),
        DropIndexOnPostgres(
            model_name="member",
            index=GinIndex(
                fields=["root", "name_key"], name="member_root_name_trgm", opclasses=["int8_ops", "gin_trgm_ops"]
            ),
        ),
    ]
