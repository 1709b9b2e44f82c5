"""Ids written into HTML must not be localized: with USE_THOUSAND_SEPARATOR a record id of 4053
renders "4.053", which the view then cannot read back (a transfer's destination failed so in the
suite once ids passed 1.000) and a <progress> reads as 4,053. `|unlocalize` (or `{% localize off %}`)
writes it as digits."""

import pathlib
import re

from django.template import Context, Template
from django.test import override_settings

import dangvu

SRC = pathlib.Path(dangvu.__file__).parent
# {{ x.pk }} without a filter. ({{ x.id }} in the templates is a formset's hidden field, which
# renders its own widget, and *_id fields are text such as a citizen id.)
BARE_ID = re.compile(r"\{\{\s*[\w.]+\.pk\s*\}\}")


def test_no_template_writes_an_id_through_localization():
    offenders = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        off = [m.span() for m in re.finditer(r"\{% localize off %\}.*?\{% endlocalize %\}", text, re.S)]
        for m in BARE_ID.finditer(text):
            if not any(a <= m.start() < b for a, b in off):
                line = text.count("\n", 0, m.start()) + 1
                offenders.append(f"{path.relative_to(SRC)}:{line}: {m.group(0)} — viết {{{{ …|unlocalize }}}}")
    assert not offenders, "\n".join(offenders)


@override_settings(USE_THOUSAND_SEPARATOR=True, LANGUAGE_CODE="vi")
def test_the_pattern_is_a_real_bug_and_unlocalize_fixes_it():
    # Proves the rule above guards something: a bare id over 999 is written with a dot.
    from django.utils import translation

    with translation.override("vi"):
        bare = Template("{{ u.pk }}").render(Context({"u": {"pk": 4053}}))
        fixed = Template("{% load l10n %}{{ u.pk|unlocalize }}").render(Context({"u": {"pk": 4053}}))
    assert bare == "4.053" and fixed == "4053"
