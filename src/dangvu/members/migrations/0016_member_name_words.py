"""Search by name through the beginnings of the name's words instead of its trigrams (PostgreSQL).

`dangvu_name_words(name_key)` lists every beginning of every word of a name key: " nguyen van an"
-> {n, ng, ngu, nguy, nguye, nguyen, v, va, van, a, an}. A search word matches a name exactly when
it is one of them (`name_key LIKE '% word%'`, members.selectors.search), so "nguyen van an" is
`dangvu_name_words(name_key) @> '{nguyen,van,an}'`: three posting lists of a GIN index, where the
trigram index (0005, 0013) intersected about ten lists of very common trigrams (" ng", "ngu",
"guy", "uye", "yen", " va", "van", …) and then read every candidate's row to recheck the words.
The containment is exact, so no row is read again to recheck it. On the city data (595.238
members, one root) the index part of "nguyen van an" went 19 -> 5 ms, "tran thi lan" 15 -> 2 ms,
"le thu ha" 11 -> 3 ms (EXPLAIN ANALYZE, warm); the index is 12 MB against 14 MB for each trigram
index.

One index over (root, words) with btree_gin (0013) serves a province by its root and, through
its second column alone, a scope that spans several trees. The two trigram indexes go: nothing
else reads the members' trigrams, and every member written paid for both.

The function is SQL, IMMUTABLE (an index expression must be), and reads only its argument. The
index is PostgreSQL only, built concurrently and outside the migration state, like 0005 and 0013:
SQLite searches a district's members by LIKE."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from ._postgres import DropIndexOnPostgres

FUNCTION = """
CREATE OR REPLACE FUNCTION dangvu_name_words(key text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(left(word, n)), '{}')
    FROM unnest(string_to_array(key, ' ')) AS word, generate_series(1, length(word)) AS n
$$
"""
INDEX = "member_root_name_words"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON members_member "
        f"USING gin (root_id, dangvu_name_words(name_key))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute("DROP FUNCTION IF EXISTS dangvu_name_words(text)")


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
