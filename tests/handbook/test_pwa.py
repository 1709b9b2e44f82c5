"""The handbook as an installable web app: a manifest in Vietnamese with its own icons, a service
worker whose scope covers the member's pages, an offline page, all allowed by the CSP."""

import json

from django.contrib.staticfiles import finders
from PIL import Image

from dangvu.accounts.models import Role


def test_the_manifest_names_the_app_in_vietnamese_with_its_own_icons(client, db):
    response = client.get("/so-tay/manifest.webmanifest")
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    assert data["name"] == "Sổ tay đảng viên" and data["lang"] == "vi"
    assert data["start_url"] == data["scope"] == "/so-tay/" and data["display"] == "standalone"
    for icon in data["icons"]:
        size = int(icon["sizes"].split("x")[0])
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path and Image.open(path).size == (size, size)
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}


def test_the_service_worker_covers_the_handbook_and_the_csp_lets_it_run(tree, make_user, client):
    response = client.get("/so-tay/sw.js")
    assert response["Content-Type"].startswith("text/javascript") and response["Service-Worker-Allowed"] == "/so-tay/"
    text = response.content.decode()
    assert '"/so-tay/ngoai-tuyen/"' in text and "caches.delete(CACHE)" in text  # offline page; logout clears
    client.force_login(make_user(Role.MEMBER, tree.a1, "dv-pwa"))
    page = client.get("/so-tay/")
    html = page.content.decode()
    assert '<link rel="manifest" href="/so-tay/manifest.webmanifest">' in html and "handbook/install.js" in html
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    offline = client.get("/so-tay/ngoai-tuyen/").content.decode()
    assert "Không có kết nối mạng" in offline and "đã mở trước đây vẫn đọc được" in offline
