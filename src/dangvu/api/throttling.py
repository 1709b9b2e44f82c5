"""Rate limit per token (or per logged-in user): settings.DANGVU_API_RATE requests per minute,
120 unless set; and a limit on wrong tokens per client address (below). The counts live in
Django's cache; the default local-memory cache counts per process, which is right for one
`runserver` or one gunicorn worker. With several workers,
point CACHES at a shared cache (Redis, Memcached or the database cache) so that they count
together."""

import logging
import math
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from ninja.errors import Throttled
from ninja.throttling import SimpleRateThrottle

logger = logging.getLogger("dangvu.api")

DEFAULT_RATE = "120/min"


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def __init__(self):
        super().__init__(rate=DEFAULT_RATE)

    def allow_request(self, request) -> bool:
        # Read on every request so that a deployment (or a test) can change it without a restart.
        self.rate = getattr(settings, "DANGVU_API_RATE", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        if token is not None:
            ident = f"token-{token.pk}"
        elif getattr(request, "auth", None) is not None:
            ident = f"user-{request.auth.pk}"
        else:
            return None
        return f"dangvu-api-rate-{ident}"


# --- failed token attempts per client address ----------------------------------------------------
# Tokens are 256-bit, so guessing one is hopeless; still, an address that keeps sending wrong tokens
# is probing, and is told to wait: after DANGVU_API_BAD_TOKEN_LIMIT failures (10 unless set) within
# DANGVU_API_BAD_TOKEN_WINDOW seconds (900) every Bearer request from it is refused with 429 until
# the window ends — a right token too, so that a guess that happened to hit tells nothing. The
# address is the one django-axes locks web logins by (axes.helpers.get_client_ip_address).

DEFAULT_BAD_TOKEN_LIMIT = 10
DEFAULT_BAD_TOKEN_WINDOW = 900


class TooManyBadTokens(Throttled):
    """Raised by the token check; errors.install answers it in the API's one shape."""


def _bad_token_keys(request) -> tuple[str, str]:
    address = get_client_ip_address(request) or "unknown"
    return f"dangvu-api-badtoken-{address}", f"dangvu-api-badtoken-since-{address}"


def _limits() -> tuple[int, int]:
    limit = getattr(settings, "DANGVU_API_BAD_TOKEN_LIMIT", DEFAULT_BAD_TOKEN_LIMIT)
    window = getattr(settings, "DANGVU_API_BAD_TOKEN_WINDOW", DEFAULT_BAD_TOKEN_WINDOW)
    return int(limit), int(window)


def refuse_if_blocked(request) -> None:
    """Raise TooManyBadTokens while the caller's address is over its count of failures."""
    limit, window = _limits()
    count_key, since_key = _bad_token_keys(request)
    if (cache.get(count_key) or 0) >= limit:
        since = cache.get(since_key) or time.time()
        raise TooManyBadTokens(wait=max(1, math.ceil(since + window - time.time())))


def count_bad_token(request) -> None:
    """One more failure from the caller's address; the window starts at its first failure."""
    _, window = _limits()
    count_key, since_key = _bad_token_keys(request)
    cache.add(since_key, time.time(), window)
    cache.add(count_key, 0, window)
    try:
        failures = cache.incr(count_key)
    except ValueError:  # expired between add and incr
        cache.set(count_key, failures := 1, window)
    logger.warning("API: token sai từ %s (%d lần trong cửa sổ)", get_client_ip_address(request), failures)
