"""Vietnamese text: normal form, search keys that forgive missing diacritics, and sort keys.

Names come from Excel files and keyboards in both composed (NFC) and decomposed (NFD) Unicode;
everything is stored in NFC so that "Nguyễn" typed either way is the same name.
"""

import re
import unicodedata
from functools import lru_cache

import icu

_SPACES = re.compile(r"\s+")
# Characters nobody sees, dropped from every text kept: control characters (NUL, form feed …: PostgreSQL
# refuses NUL in a text column) and format characters (Unicode category Cf: zero-width space U+200B,
# BOM U+FEFF, right-to-left override U+202E, soft hyphen …), which a pasted or crafted name may carry
# so that it looks like another and escapes search. Those Python counts as white space (tab, line
# breaks, U+001C-U+001F, NEL) stay, to be folded into one space. ICU's set follows a newer Unicode
# than the interpreter's unicodedata.
_INVISIBLE = {ord(ch): None for ch in icu.UnicodeSet("[[:Cc:][:Cf:]]") if not ch.isspace()}
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str | None) -> str:
    """NFC, trimmed, control and format characters dropped, inner runs of white space folded to one space."""
    if not text:
        return ""
    text = str(text)
    if text.isprintable() and "  " not in text:
        # The common case, one C-level scan each: a printable text holds no control or format
        # character and no white space but the plain space, so only NFC and trimming are left.
        return unicodedata.normalize("NFC", text).strip()
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text.translate(_INVISIBLE))).strip()


def drop_invisible(text: str) -> str:
    """`text` without its control and format characters, and otherwise as it was (spacing, line
    breaks and case kept): the last guard before a text is stored (core.apps)."""
    return text.translate(_INVISIBLE)


def clean_multiline(text: str | None) -> str:
    """`clean` for a text of several lines (a conclusion, a note): each line cleaned, the line
    breaks kept (as \\n), blank lines at the ends dropped and inner runs of them folded to one."""
    if not text:
        return ""
    lines = [clean(line) for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def unaccent(text: str | None) -> str:
    """Lower case without diacritics: "Định Công" -> "dinh cong". đ has no decomposition, so map it."""
    decomposed = unicodedata.normalize("NFD", clean(text).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


def search_key(text: str | None) -> str:
    """What search matches against: the unaccented words, each preceded by a space, so that
    " an" finds the word "An" (and "Anh") but not the "an" inside "Lan" or "Hoàng"."""
    return " " + unaccent(text)


def search_terms(query: str) -> list[str]:
    """The words of a search box, unaccented, for matching against a search key."""
    return [w for w in unaccent(query).split(" ") if w]


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name: "Nguyễn Thị Minh Khai" -> ("Nguyễn", "Thị Minh", "Khai")."""
    words = clean(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


@lru_cache(maxsize=1)
def _collator():
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def sort_key(text: str) -> str:
    """ICU Vietnamese collation key as hex, so the database sorts strings the Vietnamese way.

    Hex of the binary key keeps its byte order, which both SQLite and PostgreSQL compare
    byte-wise on an ASCII column.
    """
    return _collator().getSortKey(clean(text)).hex()


@lru_cache(maxsize=1)
def _numeric_collator():
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    collator.setStrength(icu.Collator.TERTIARY)
    collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return collator


def natural_key(text: str) -> bytes:
    """Vietnamese order that reads numbers as numbers, for unit names: "Chi bộ khu dân cư số 2"
    before "… số 10" (as text, "số 10" would come first)."""
    return _numeric_collator().getSortKey(clean(text or ""))


def name_sort_key(full_name: str) -> str:
    """Vietnamese lists sort by given name, then middle name, then family name."""
    family, middle, given = split_name(full_name)
    # \x01 sorts below every letter, so "An" comes before "An Bình" at each level.
    return "01".join(_part_sort_key(part) for part in (given, middle, family))


@lru_cache(maxsize=65536)
def _part_sort_key(part: str) -> str:
    # A register of 100.000 names holds a few thousand given, middle and family names: an import
    # asks ICU once for each, not three times per member.
    return sort_key(part)
