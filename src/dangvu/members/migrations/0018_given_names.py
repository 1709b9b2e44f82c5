"""A one-word search's first page read in name order from the (root, sort key) index, instead of
sorting every match (PostgreSQL): the given names' vocabulary and the words before the given name.

The member list is in Vietnamese order, by given name first, and a clerk most often looks a member
up by the given name alone ("Hùng"): on the city data set, 14.352 members, whose rows PostgreSQL read
(11.006 heap pages) to sort them and keep the first page — half a search's CPU. The members whose
given name begins with the word lie in ranges of the (root, sort key) index, one for each given
name's primary collation bytes (models.GivenName), read in order and stopped after a page; the
members who hold the word before their given name (a middle or family name: "Nguyễn Hùng Sơn") are
found through a second GIN index, of the beginnings of the words before the given name, and merged
in (members.selectors._FirstByGivenName).

- `members_givenname`, kept by two statement-level triggers on the members' table (insert, update)
  from the written rows themselves: the key's last word (`split_part(name_key, ' ', -1)`) and the
  sort key's bytes up to its first level separator (01) — so every member's range is the one its
  own stored keys fall in, whatever wrote them and whichever ICU computed them. Rows inserted in a
  consistent order (a deadlock between two new names is impossible) and never deleted.
- `dangvu_words_before_given(root_id, name_key)`: the beginnings of the key's words but its last
  that the last does not begin with, under the tree's root, as `dangvu_name_words` (0016, 0017)
  gives them for every word: the members a word finds there are exactly those it does not find by
  their given name, so the two parts of a search never share a member and neither is filtered
  row by row ("nguyen", a family name, 215.000 members of the city, tested split_part on each in
  ~20 ms of a 200 ms search).

PostgreSQL only, outside the migration state for the function, the triggers and the index; the
table is made on every database (SQLite leaves it empty: a district's search reads its names)."""

from django.db import migrations, models

WORDS_BEFORE_GIVEN = """
CREATE OR REPLACE FUNCTION dangvu_words_before_given(root bigint, key text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    words text[] := '{}';
    parts text[];
    prefix text := coalesce(root::text, '') || ':';
    given text;
    i int;
    n int;
BEGIN
    IF key IS NULL THEN
        RETURN words;
    END IF;
    parts := string_to_array(key, ' ');
    given := parts[array_length(parts, 1)];
    FOR i IN 1 .. coalesce(array_length(parts, 1), 0) - 1 LOOP
        FOR n IN 1 .. length(parts[i]) LOOP
            CONTINUE WHEN starts_with(given, left(parts[i], n));
            words := words || (prefix || left(parts[i], n));
        END LOOP;
    END LOOP;
    RETURN words;
END
$$
"""
INDEX = "member_words_before_given"

# The sort key's bytes (hex) up to its first level separator, 01, at a byte's boundary: the given
# name's primary weights (core.text.name_sort_key starts with the given name's ICU key; ICU keeps
# the bytes 00-02 out of its weights).
SORT_START = r"substring(sort_key from '^((?:[0-9a-f]{2})*?)01')"
GIVEN_WORD = "split_part(name_key, ' ', -1)"


def given_names_of(table: str) -> str:
    """The INSERT that adds the given names of `table`'s members the vocabulary lacks: by the
    trigger, from the rows a statement wrote, and once, from every member."""
    return (
        f"INSERT INTO members_givenname (word, sort_start) "
        f"SELECT DISTINCT {GIVEN_WORD}, {SORT_START} FROM {table} WHERE {SORT_START} IS NOT NULL "
        f"ORDER BY 1, 2 ON CONFLICT DO NOTHING"
    )


TRIGGER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION dangvu_given_names_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {given_names_of("written")};
    RETURN NULL;
END
$$
"""
TRIGGERS = {
    "INSERT": "member_given_names_inserted",
    "UPDATE": "member_given_names_updated",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TRIGGER_FUNCTION)
    for action, name in TRIGGERS.items():
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {name} AFTER {action} ON members_member REFERENCING NEW TABLE AS written "
            f"FOR EACH STATEMENT EXECUTE FUNCTION dangvu_given_names_kept()"
        )
    # After the triggers: a member written meanwhile is in one or the other.
    schema_editor.execute(given_names_of("members_member"))
    schema_editor.execute(WORDS_BEFORE_GIVEN)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON members_member "
        f"USING gin (dangvu_words_before_given(root_id, name_key))"
    )
    # The statistics of the index's expression, without which PostgreSQL guessed a family name's
    # 173.000 members on the city data at 2.400 (a sample of the rows: seconds on the country's).
    schema_editor.execute("ANALYZE members_member")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute("DROP FUNCTION IF EXISTS dangvu_words_before_given(bigint, text)")
    for name in TRIGGERS.values():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON members_member")
    schema_editor.execute("DROP FUNCTION IF EXISTS dangvu_given_names_kept()")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("members", "0017_name_words_plpgsql"),
    ]

    operations = [
        migrations.CreateModel(
            name="GivenName",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=120)),
                ("sort_start", models.CharField(max_length=400)),
            ],
            options={
                "verbose_name": "tên gọi",
                "verbose_name_plural": "tên gọi",
                "indexes": [
                    models.Index(fields=["word"], name="given_name_word_like", opclasses=["varchar_pattern_ops"])
                ],
                "constraints": [models.UniqueConstraint(fields=("word", "sort_start"), name="given_name_word_start")],
            },
        ),
        migrations.RunPython(create, drop),
    ]
