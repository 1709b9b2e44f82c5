"""The words' index (members 0016) stays exact when its function is rewritten (0017): every name
gives the same array, in the same order, as the SQL it replaced and as the search expects (every
beginning of every word, under the tree's root)."""

import importlib
import random

import pytest
from django.db import connection

from dangvu.core.text import search_key

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the words' index is PostgreSQL's"),
]

_0017 = importlib.import_module("dangvu.members.migrations.0017_name_words_plpgsql")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Ngô", "Âu Dương", "Ư"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "", "Ngọc Bảo"]
GIVEN = ["An", "Hùng", "Hưng", "Lan", "Đạt", "Yến", "Ánh", "A"]


def _expected(root, key):
    if key is None:
        return []
    return [f"{'' if root is None else root}:{word[:n]}" for word in key.split(" ") for n in range(1, len(word) + 1)]


def test_the_function_gives_every_beginning_of_every_word_as_the_sql_version_did():
    rng = random.Random(17)
    names = [" ".join(p for p in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if p) for _ in range(300)]
    keys = [search_key(n) for n in names] + ["", " ", "  nguyen  van ", "a", None, " đ ư ñ"]
    roots = [None, 1, 7, 123456789012]
    cases = [(rng.choice(roots), key) for key in keys]
    old = _0017.SQL_FUNCTION.replace("dangvu_name_words(", "pg_temp.name_words_sql(")
    with connection.cursor() as cursor:
        cursor.execute(old)
        for root, key in cases:
            cursor.execute(
                "SELECT dangvu_name_words(%s::bigint, %s::text), pg_temp.name_words_sql(%s::bigint, %s::text)",
                [root, key, root, key],
            )
            now, before = cursor.fetchone()
            assert now == before == _expected(root, key), (root, key)
        cursor.execute(
            "SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
            "WHERE p.proname = 'dangvu_name_words'"
        )
        assert cursor.fetchone()[0] == "plpgsql"
