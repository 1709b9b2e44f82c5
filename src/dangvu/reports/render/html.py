"""The report as a standalone HTML document (for the browser) and as PDF through WeasyPrint from
the same HTML. Fonts: Times New Roman, else the metric-compatible Liberation Serif, else DejaVu
Serif; WeasyPrint embeds the subset it uses, so the diacritics render anywhere."""

import base64

from django.template.loader import render_to_string

from .charts import bar_chart_png


def _with_images(ctx: dict) -> dict:
    charts = [
        {"title": c["title"], "src": "data:image/png;base64," + base64.b64encode(bar_chart_png(c["bars"])).decode()}
        for c in ctx["charts"]
    ]
    return {**ctx, "chart_images": charts}


def render_html(ctx: dict) -> str:
    return render_to_string("reports/document.html", _with_images(ctx))


def render_pdf(ctx: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(ctx)).write_pdf()
