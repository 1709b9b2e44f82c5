"""Charts drawn on the server as inline SVG: no script, no library, nothing fetched from the
network, readable when printed. Each chart is small in viewBox units so that its text stays
legible when the picture shrinks to a phone's width; the page also offers the same numbers as a
table for screen readers and for copying.

Every function returns markup with names from the database escaped. The bars of the monthly and
plan charts are written as plain text with their numbers as they are and their words escaped:
format_html's escaping of each of ~20 numbers a bar cost ~1,5 ms of a dashboard.
"""

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dangvu.indicators.display import vn_number

INK = "#1b1b1b"
MUTED = "#555"
BAR = "#0b4f9c"
GOOD = "#2e7d32"
SHORT = "#b00020"
TOP = "#a50e0e"
GRID = "#cfcfcf"
WIDTH = 380  # viewBox units: about the width of a phone, so its text is read there at full size
FONT = 'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif"'


def _nice_max(value: float) -> int:
    """A round upper bound for an axis, even so that its half is whole: 7 -> 10, 23 -> 40, 180 -> 200."""
    if value <= 0:
        return 2
    step = 1
    while True:
        for m in (2, 4, 6, 10):
            if step * m >= value:
                return step * m
        step *= 10


def _svg(width: int, height: int, label: str, body) -> str:
    # Never drawn more than half as large again as designed: text stays a reading size.
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" style="max-width: {}px" role="img" aria-label="{}" {}>'
        "<title>{}</title>{}</svg>",
        width, height, int(width * 1.5), label, mark_safe(FONT), label, body,
    )  # fmt: skip


def month_bars(counts: list[int], label: str) -> str:
    """Twelve vertical bars, January to December, each with its number above it."""
    width, height, left, top, bottom = WIDTH, 210, 30, 22, 28
    plot_w, plot_h = width - left - 8, height - top - bottom
    top_value = _nice_max(max(counts, default=0))
    slot = plot_w / 12
    parts = []
    for tick in (0, top_value / 2, top_value):
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4}" font-size="12" fill="{MUTED}" text-anchor="end">'
            f"{vn_number(int(tick))}</text>"
        )
    for i, n in enumerate(counts):
        h = plot_h * n / top_value
        x = left + i * slot + slot * 0.15
        month = escape(_("Tháng %(m)s") % {"m": i + 1})
        parts.append(
            f'<rect x="{x}" y="{top + plot_h - h}" width="{slot * 0.7}" height="{h}" fill="{BAR}">'
            f"<title>{month}: {n}</title></rect>"
            f'<text x="{x + slot * 0.35}" y="{top + plot_h - h - 4}" font-size="12" fill="{INK}" '
            f'text-anchor="middle">{n if n else ""}</text>'
            f'<text x="{x + slot * 0.35}" y="{height - 10}" font-size="12" fill="{MUTED}" '
            f'text-anchor="middle">{i + 1}</text>'
        )
    return _svg(width, height, label, mark_safe("".join(parts)))


def horizontal_bars(rows: list[tuple[str, int, str]], label: str, total: int | None = None) -> str:
    """One bar per row: (label, value, colour), with the value (and share of `total`) after it."""
    row_h, left, right = 28, 182, 78
    width = WIDTH
    height = row_h * max(len(rows), 1) + 8
    top_value = max([v for _, v, _ in rows] + [1])
    plot_w = width - left - right
    parts = []
    for i, (name, value, colour) in enumerate(rows):
        y = 4 + i * row_h
        w = plot_w * value / top_value
        share = f" ({vn_number(round(value * 100 / total, 1))}%)" if total else ""
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}{}</text>',
                left - 6,
                y + 19,
                INK,
                _clip(name, 29),
                left,
                y + 5,
                max(w, 1),
                row_h - 10,
                colour,
                left + max(w, 1) + 5,
                y + 19,
                INK,
                vn_number(value),
                share,
            )  # fmt: skip
        )
    return _svg(width, height, label, format_html_join("", "{}", ((p,) for p in parts)))


def plan_bars(rows: list[tuple[str, int, int | float | None]], label: str) -> str:
    """For each unit, its figure as a bar against its target (a black tick); green when the target
    is reached, red when not, blue when there is no target. The percent reached after the bar."""
    row_h, left, right = 24, 168, 56
    width = WIDTH
    height = row_h * max(len(rows), 1) + 8
    top_value = max([max(v, t or 0) for _, v, t in rows] + [1])
    plot_w = width - left - right
    parts = []
    for i, (name, value, target) in enumerate(rows):
        y = 4 + i * row_h
        w = plot_w * value / top_value
        colour = BAR if not target else (GOOD if value >= target else SHORT)
        text = vn_number(value) + (f"/{vn_number(target)}" if target else "")
        parts.append(
            f'<text x="{left - 6}" y="{y + 16}" font-size="12" fill="{INK}" text-anchor="end">'
            f"{escape(_clip(name, 22))}</text>"
            f'<rect x="{left}" y="{y + 4}" width="{max(w, 1)}" height="{row_h - 8}" fill="{colour}"/>'
            f'<text x="{width - right + 6}" y="{y + 16}" font-size="12" fill="{INK}">{escape(text)}</text>'
        )
        if target:
            x = left + plot_w * target / top_value
            parts.append(f'<line x1="{x}" x2="{x}" y1="{y + 1}" y2="{y + row_h - 1}" stroke="{INK}" stroke-width="2"/>')
    return _svg(width, height, label, mark_safe("".join(parts)))


def _f(x: float) -> str:
    """A coordinate with one decimal (format_html escapes its arguments, so numbers go in as text)."""
    return f"{x:.1f}"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
