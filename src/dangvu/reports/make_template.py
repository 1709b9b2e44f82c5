"""Build the Word template of the year-end report (templates/reports/bao-cao-tong-ket.docx).

Run once and commit the result: `.venv/bin/python -m dangvu.reports.make_template`. Staff may then
restyle the .docx in Word (fonts, spacing, margins, the heading's layout) as long as the
{{ … }} and {%p … %} tags stay whole in their paragraphs; run this again only to start over.

The layout follows Hướng dẫn 36-HD/VPTW: A4, margins 20–25 mm top and bottom, 30–35 mm left,
15–20 mm right; Times New Roman 13–14 pt; the issuing body on the left of the heading and
"ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the number and symbol under the issuing body, the place
and date in italics under the Party's name.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

TEMPLATE = Path(__file__).parent / "templates" / "reports" / "bao-cao-tong-ket.docx"
FONT = "Times New Roman"


def set_font(style_or_run, size: float | None = None, bold: bool | None = None):
    """Times New Roman for every script (Word picks East Asian and complex-script fonts apart)."""
    font = style_or_run.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(container, text="", *, bold=False, italic=False, underline=False, align=None, size=None, indent=False,
          after=0, style=None):  # fmt: skip
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    return p


def _no_borders(table):
    borders = table._tbl.tblPr.makeelement(qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
    table._tbl.tblPr.append(borders)


def _first_para(cell):
    """A table cell starts with one empty paragraph; use it for the first line."""
    return cell.paragraphs[0]


def build() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    set_font(normal, 14)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        set_font(style, 14, bold=True)
        style.font.color.rgb = None
    set_font(doc.styles["Table Grid"], 12)
    center = WD_ALIGN_PARAGRAPH.CENTER

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    left, right = head.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    first = _first_para(left)
    first.alignment = center
    first.add_run("{{ heading.superior }}")
    _para(left, "{{ heading.body }}", bold=True, align=center)
    _para(left, "*", align=center)
    _para(left, "{{ number_symbol }}", align=center)
    party = _first_para(right)
    party.alignment = center
    run = party.add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    run.bold, run.underline = True, True
    run.font.size = Pt(15)
    _para(right, "", align=center)
    _para(right, "{{ place_date }}", italic=True, align=center)

    _para(doc, "{%p if closed %}")
    _para(doc, "(Số liệu đã chốt ngày {{ closed.closed_on }}, lần {{ closed.version }})", italic=True, size=11,
          align=WD_ALIGN_PARAGRAPH.RIGHT)  # fmt: skip
    _para(doc, "{%p endif %}")
    _para(doc, "")
    _para(doc, "{{ title }}", bold=True, align=center, size=15)
    _para(doc, "{{ subtitle }}", bold=True, align=center, after=12)

    _para(doc, "{%p for s in sections %}")
    _para(doc, "{{ s.number }}. {{ s.title }}", style="Heading 1", after=6)
    _para(doc, "{%p for para in s.paragraphs %}")
    p = _para(doc, "{{ para }}", indent=True, after=6)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")

    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    to, signer = sign.rows[0].cells
    first = _first_para(to)
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    _para(to, "{%p for r in recipients %}")
    _para(to, "{{ r }}", size=11)
    _para(to, "{%p endfor %}")
    first = _first_para(signer)
    first.alignment = center
    first.add_run("{{ signer.role }}").bold = True
    _para(signer, "{{ signer.title }}", bold=True, align=center)
    for _ in range(3):
        _para(signer, "", align=center)
    _para(signer, "{{ signer.name }}", bold=True, align=center)

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "PHỤ LỤC", bold=True, align=center)
    _para(doc, "Số liệu thống kê năm {{ year }} — {{ org.name }}", italic=True, align=center, after=12)
    _para(doc, "{{ annex }}")
    _para(doc, "{%p for c in charts %}")
    _para(doc, "{{ c.image }}", align=center)
    _para(doc, "{{ c.title }}", italic=True, align=center, size=12, after=12)
    _para(doc, "{%p endfor %}")
    return doc


def main():
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    build().save(TEMPLATE)
    print(f"Đã tạo mẫu báo cáo: {TEMPLATE}")


if __name__ == "__main__":
    main()
