from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Swedish unless the user has chosen English with the language button.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a city
    officer with an English browser would get English pages; the city works in
    Swedish, so only an explicit choice (the cookie that ``set_language`` sets)
    changes the language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # A public page takes its language from its address (publishing.http).
        if not getattr(request, "language_from_path", False):
            patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
