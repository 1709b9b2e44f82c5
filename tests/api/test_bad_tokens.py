"""Wrong tokens are throttled per client address (issue 14, finding 5): after the limit of
failures within the window, every Bearer request from that address is told 429 in the API's one
shape — a right token too — until the window ends; other addresses and web sessions go on."""

import time

import pytest

from dangvu.accounts.models import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations"


def _as(address: str, headers: dict) -> dict:
    return {"headers": headers, "REMOTE_ADDR": address}


def test_an_address_sending_wrong_tokens_is_told_to_wait(client, tree, board, settings):
    settings.DANGVU_API_BAD_TOKEN_LIMIT = 3
    settings.DANGVU_API_BAD_TOKEN_WINDOW = 600
    prober = "203.0.113.7"
    for guess in ("dv_guess-1", "dv_guess-2"):
        assert client.get(URL, **_as(prober, {"Authorization": f"Bearer {guess}"})).status_code == 401
    assert client.get(URL, **_as(prober, {"Authorization": "Basic dXNlcjpwYXNz"})).status_code == 401  # the third

    refused = client.get(URL, **_as(prober, {"Authorization": "Bearer dv_guess-4"}))
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "quá nhiều token sai" in error["message"]["vi"] and error["message"]["en"]
    assert 0 < int(refused["Retry-After"]) <= 600
    # While blocked, a right token from that address is refused the same way: a hit tells nothing.
    assert client.get(URL, **_as(prober, board)).status_code == 429
    # Another address with the same right token is served.
    assert client.get(URL, **_as("198.51.100.2", board)).status_code == 200


def test_failures_below_the_limit_do_not_block_and_the_window_ends(client, tree, board, settings, monkeypatch):
    settings.DANGVU_API_BAD_TOKEN_LIMIT = 3
    settings.DANGVU_API_BAD_TOKEN_WINDOW = 600
    clerk = "192.0.2.10"
    for _ in range(2):
        client.get(URL, **_as(clerk, {"Authorization": "Bearer dv_old-token"}))
    assert client.get(URL, **_as(clerk, board)).status_code == 200  # two wrong, then the right one
    client.get(URL, **_as(clerk, {"Authorization": "Bearer dv_old-token"}))
    assert client.get(URL, **_as(clerk, board)).status_code == 429

    # The window ends (the cache's entries expire by the clock) and the address is served again.
    later = time.time() + 601
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(URL, **_as(clerk, board)).status_code == 200


def test_a_logged_in_browser_is_not_affected(client, tree, make_user, settings):
    settings.DANGVU_API_BAD_TOKEN_LIMIT = 1
    client.force_login(make_user(Role.ORG_BOARD, tree.hm, "bantochuc-web"))
    client.get(URL, headers={"Authorization": "Bearer dv_wrong"})
    assert client.get(URL).status_code == 200  # the session, without a Bearer header
