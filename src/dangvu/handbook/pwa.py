"""The handbook as an installable web app (issue 22, item 8): the manifest, the service worker
(served from /so-tay/ so its scope covers the member's pages; the script itself is a static file,
which the Content-Security-Policy's script-src 'self' allows) and the page shown offline."""

from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

SW = Path(__file__).parent / "static" / "handbook" / "sw.js"


@cache_control(max_age=3600)
def manifest(request):
    data = {
        "name": "Sổ tay đảng viên",
        "short_name": "Sổ tay ĐV",
        "description": "Hồ sơ, sinh hoạt chi bộ, văn bản, đảng phí và tự đánh giá của đảng viên.",
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/so-tay/",
        "scope": "/so-tay/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#c8102e",
        "icons": [
            {"src": static(f"handbook/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
             "purpose": "any maskable"}
            for size in (192, 512)
        ],
    }  # fmt: skip
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json; charset=utf-8"
    return response


@cache_control(no_cache=True)
def service_worker(request):
    # no-cache: the browser asks each time, so a new version of the worker is picked up at once
    response = HttpResponse(SW.read_text(encoding="utf-8"), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/so-tay/"
    return response


def offline(request):
    """Shown by the service worker for a page never opened before, when there is no network."""
    return render(request, "handbook/offline.html")
