"""Rate limit per token (or per logged-in user): settings.DANGVU_API_RATE requests per minute,
120 unless set. The counts live in Django's cache; the default local-memory cache counts per
process, which is right for one `runserver` or one gunicorn worker. With several workers,
point CACHES at a shared cache (Redis, Memcached or the database cache) so that they count
together."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

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
