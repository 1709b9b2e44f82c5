"""Reads of API tokens."""

import datetime as dt

from django.utils import timezone

from .models import ApiToken, digest

# Last use is written at most this often per token, not on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


def active_token(token: str) -> ApiToken | None:
    """The live token matching `token` (not revoked, its user active), or None. One query, plus
    an occasional update of its last use."""
    if not token:
        return None
    found = (
        ApiToken.objects.select_related("user", "user__assignment", "user__assignment__org")
        .filter(secret_hash=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is not None:
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
    return found
