"""The interactive documentation at /api/v1/docs, self-contained: Swagger UI is served from the
copy that ships inside django-ninja (its static folder), through our own URL, so the page loads
nothing from a CDN — offices on a closed network can use it. ninja itself would fall back to a
CDN because it is not in INSTALLED_APPS. The online spec validator badge is turned off for the
same reason."""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "css": "swagger-ui.css",
    "bundle": "swagger-ui-bundle.js",
    "init": "swagger-ui-init.js",
    "icon": "favicon.png",
}


class LocalSwagger(DocsBase):
    def render_page(self, request, api, **kwargs):
        config = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            "validatorUrl": None,
            "persistAuthorization": False,
        }
        context = {
            "api": api,
            "swagger_settings": json.dumps(config),
            "assets": {key: reverse("api-docs-asset", args=[name]) for key, name in ASSETS.items()},
        }
        return render(request, "api/docs.html", context)


def asset(request, name: str):
    """One file of Swagger UI, cached by the browser for a day."""
    if name not in ASSETS.values():
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse((ASSETS_DIR / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
