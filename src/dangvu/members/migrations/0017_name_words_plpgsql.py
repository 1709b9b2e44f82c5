"""`dangvu_name_words` (0016) rewritten in PL/pgSQL, with the same result for every argument
(PostgreSQL).

PostgreSQL evaluates the function for every member written, to update the words' index. As SQL
(unnest, generate_series, array_agg) it could not be inlined and each call ran a small query of its
own: ~16 µs a name on this machine's slow spells, a tenth of the server's work for a member of an
import. The loop takes ~6 µs (bench/RESULTS.md). The index stays as it is: the result is the same
array in the same order, checked on every member of the city data set (595.238 names) and by
tests/members/test_name_words.py. 0016's SQL version is put back by the reverse migration."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION dangvu_name_words(root bigint, key text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    words text[] := '{}';
    prefix text := coalesce(root::text, '') || ':';
    word text;
    n int;
BEGIN
    IF key IS NULL THEN
        RETURN words;
    END IF;
    FOREACH word IN ARRAY string_to_array(key, ' ') LOOP
        FOR n IN 1 .. length(word) LOOP
            words := words || (prefix || left(word, n));
        END LOOP;
    END LOOP;
    RETURN words;
END
$$
"""

SQL_FUNCTION = """
CREATE OR REPLACE FUNCTION dangvu_name_words(root bigint, key text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(coalesce(root::text, '') || ':' || left(word, n)), '{}')
    FROM unnest(string_to_array(key, ' ')) AS word, generate_series(1, length(word)) AS n
$$
"""


def _replace(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # Same signature and result type: the index keeps its entries (PostgreSQL does not
            # recompute them), which is why the result must not change.
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0016_member_name_words"),
    ]

    operations = [
        migrations.RunPython(_replace(FUNCTION), _replace(SQL_FUNCTION)),
    ]
