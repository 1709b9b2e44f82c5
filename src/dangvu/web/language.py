"""The interface language is the user's choice, never the browser's.

Users work in Vietnamese; a Chromium set up in English must not turn the interface English by
itself. Django's LocaleMiddleware reads the language cookie first and falls back to the
Accept-Language header: dropping the header leaves the cookie (set by the switch in the header,
`set_language`) or LANGUAGE_CODE ("vi"). While settings.OFFER_ENGLISH is off the switch is not
shown and the cookie is ignored too."""

from django.conf import settings


class IgnoreBrowserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        if not settings.OFFER_ENGLISH:
            # No switch offered: an English cookie set before would leave the user in a half
            # translated interface with no way back.
            request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
        return self.get_response(request)
