"""The report as a Word document: docxtpl fills the committed template (staff may restyle it in
Word; see reports/make_template.py), charts go in as inline PNG images, then the annex tables are
put in place of the `{{ annex }}` paragraph with python-docx (docxtpl's sub-documents would need
docxcompose, which is not installed). The tables use the template's "Table Grid" style."""

import io
from copy import deepcopy
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
        _rows(grid, table["rows"])
        mark._p.addprevious(grid._tbl)
        mark.insert_paragraph_before().paragraph_format.space_after = Pt(6)
    mark._p.getparent().remove(mark._p)


def _rows(grid, rows: list):
    """The body rows. python-docx builds each run's formatting element by element, which was most
    of the document's time with a few hundred units; so one formatted row is built that way and
    copied for every row, then only the texts (and the right alignment of numbers) are set."""
    if not rows:
        return
    blank = grid.add_row()
    for cell in blank.cells:
        set_font(cell.paragraphs[0].add_run("0"), 12)
    template = blank._tr
    grid._tbl.remove(template)
    right = OxmlElement("w:pPr")
    right.jc_val = WD_ALIGN_PARAGRAPH.RIGHT
    for row in rows:
        tr = deepcopy(template)
        grid._tbl.append(tr)
        for j, (tc, text) in enumerate(zip(tr.tc_lst, row, strict=True)):
            text = str(text)
            p = tc.p_lst[0]
            run = p.r_lst[0]
            if not text or any(c in text for c in "\t\n\r"):
                run.text = text  # python-docx's own writing: no <w:t> for "", tabs and breaks
            else:
                t = run.t_lst[0]
                t.text = text
                if text != text.strip():
                    t.set(qn("xml:space"), "preserve")
            if j and text[:1].isdigit():
                p.insert(0, deepcopy(right))


def render_docx(ctx: dict) -> bytes:
    tpl = DocxTemplate(TEMPLATE)
    charts = [
        {"title": c["title"], "image": InlineImage(tpl, io.BytesIO(bar_chart_png(c["bars"])), width=Mm(160))}
        for c in ctx["charts"]
    ]
    tpl.render({**ctx, "annex": ANNEX_MARK, "charts": charts}, autoescape=True)
    # The annex goes into the rendered document in memory: no saving and reading back in between.
    _annex(tpl.docx, ctx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
