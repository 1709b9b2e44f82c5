"""Bar charts as PNG, drawn with Pillow (no chart library is installed, and nothing may reach the
network): horizontal bars with their labels and values, in a font with Vietnamese glyphs."""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dangvu.core.numbers import format_int

_FONTS = (
    # Liberation 2 and DejaVu have every Vietnamese glyph; Liberation 1.x lacks some.
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
_BAR = (176, 30, 35)  # the red of Party documents' accents
_INK = (30, 30, 30)
_GRID = (215, 215, 215)


@lru_cache(maxsize=8)
def _font(size: int):
    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart_png(bars: list, *, width: int = 1600, scale: int = 2) -> bytes:
    """`bars`: [(label, value)], drawn top to bottom. Returns the PNG's bytes (twice the size it is
    shown at, so it stays sharp when printed). The same bars give the same bytes, so a report
    downloaded as DOCX then PDF draws its charts once (the last few charts are kept)."""
    return _drawn(tuple((str(label), int(value or 0)) for label, value in bars), width, scale)


@lru_cache(maxsize=16)
def _drawn(bars: tuple, width: int, scale: int) -> bytes:
    bars = bars or (("(không có số liệu)", 0),)
    font = _font(13 * scale)
    row = 30 * scale
    pad = 12 * scale
    label_w = int(width * 0.38)
    height = pad * 2 + row * len(bars)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    top = max(v for _, v in bars) or 1
    bar_area = width - label_w - pad * 2 - 70 * scale
    for i, (label, value) in enumerate(bars):
        y = pad + i * row
        draw.text((pad, y + row // 2), _fit(draw, label, font, label_w - pad * 2), font=font, fill=_INK, anchor="lm")
        x0 = label_w
        draw.line([(x0, y), (x0, y + row)], fill=_GRID, width=scale)
        length = int(bar_area * value / top)
        if length:
            draw.rectangle([x0, y + row * 0.2, x0 + length, y + row * 0.8], fill=_BAR)
        draw.text((x0 + length + 6 * scale, y + row // 2), format_int(value), font=font, fill=_INK, anchor="lm")
    out = io.BytesIO()
    # Not optimize=True: it took three times as long for a file 2 % smaller.
    image.save(out, "PNG")
    return out.getvalue()
