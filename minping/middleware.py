"""Language choice: Chinese first, English on request.

The campaign is a Chinese city's; a phone or a kiosk browser set to English should still open
in Chinese. English is for the person who asks for it with the language switch (a cookie) in
the page header, so Django's ``LocaleMiddleware`` is used without the browser's
``Accept-Language`` guess.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
