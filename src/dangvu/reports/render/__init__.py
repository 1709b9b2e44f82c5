"""The report in each format, all from the same context (reports.context): DOCX over the Word
template, HTML (for the browser and for the PDF), PDF with WeasyPrint, XLSX of the annex tables,
JSON of the indicators, and the news brief as plain text."""

import json
from dataclasses import dataclass

from ..brief import brief_text

FORMATS = ("docx", "pdf", "html", "xlsx", "json", "brief")


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(ctx: dict, fmt: str) -> Rendered:
    if fmt == "docx":
        from .docx import render_docx

        return Rendered(
            render_docx(ctx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
        )
    if fmt == "pdf":
        from .html import render_pdf

        return Rendered(render_pdf(ctx), "application/pdf", "pdf")
    if fmt == "html":
        from .html import render_html

        return Rendered(render_html(ctx).encode(), "text/html; charset=utf-8", "html")
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return Rendered(render_xlsx(ctx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
    if fmt == "json":
        return Rendered(render_json(ctx).encode(), "application/json; charset=utf-8", "json")
    if fmt == "brief":
        return Rendered(brief_text(ctx).encode(), "text/plain; charset=utf-8", "txt")
    raise ValueError(f"Định dạng “{fmt}” không có; chọn một trong: {', '.join(FORMATS)}.")


def render_json(ctx: dict) -> str:
    """The indicators with value, target, percent and the number of records behind each."""
    doc = {
        "org": ctx["org"],
        "year": ctx["year"],
        "source": ctx["source"],
        "closed": ctx["closed"],
        "indicators": {
            key: {k: f[k] for k in ("label", "unit", "value", "target", "percent", "percent_of_plan", "records")}
            for key, f in ctx["figures"].items()
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def file_name(ctx: dict, extension: str) -> str:
    """bao-cao-tong-ket-HM-2016.docx"""
    return f"bao-cao-tong-ket-{ctx['org']['code']}-{ctx['year']}.{extension}"
