"""The report as a Word document: docxtpl fills the committed template (staff may restyle it in
Word; see reports/make_template.py), charts go in as inline PNG images, then the annex tables are
put in place of the `{{ annex }}` paragraph with python-docx (docxtpl's sub-documents would need
docxcompose, which is not installed). The tables use the template's "Table Grid" style."""

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage

from ..make_template import set_font
from .charts import bar_chart_png

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "reports" / "bao-cao-tong-ket.docx"


ANNEX_MARK = "[[annex]]"


def _annex(doc, ctx: dict):
    """Replace the marker paragraph by the annex tables, each with its title above it."""
    mark = next((p for p in doc.paragraphs if p.text.strip() == ANNEX_MARK), None)
    if mark is None:  # a restyled template without the annex: nothing to place
        return
    for i, table in enumerate(ctx["annex"], start=1):
        title = mark.insert_paragraph_before()
        run = title.add_run(f"Biểu {i}. {table['title']}")
        run.bold = True
        set_font(run, 13)
        grid = doc.add_table(rows=1, cols=len(table["headers"]))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table["headers"], strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            set_font(run, 12)
        for row in table["rows"]:
            cells = grid.add_row().cells
            for j, (cell, text) in enumerate(zip(cells, row, strict=True)):
                para = cell.paragraphs[0]
                set_font(para.add_run(str(text)), 12)
                if j and str(text)[:1].isdigit():
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark._p.addprevious(grid._tbl)
        mark.insert_paragraph_before().paragraph_format.space_after = Pt(6)
    mark._p.getparent().remove(mark._p)


def render_docx(ctx: dict) -> bytes:
    tpl = DocxTemplate(TEMPLATE)
    charts = [
        {"title": c["title"], "image": InlineImage(tpl, io.BytesIO(bar_chart_png(c["bars"])), width=Mm(160))}
        for c in ctx["charts"]
    ]
    tpl.render({**ctx, "annex": ANNEX_MARK, "charts": charts}, autoescape=True)
    filled = io.BytesIO()
    tpl.save(filled)
    doc = Document(io.BytesIO(filled.getvalue()))
    _annex(doc, ctx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
