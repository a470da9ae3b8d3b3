from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class DefaultLanguageMiddleware:
    """Chinese unless the user chose otherwise (language cookie set by the switcher).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a clerk with an
    English-language browser would get an English UI; the users of this system expect Chinese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class NoStoreForUsersMiddleware:
    """Every response to a logged-in user — pages, exports, reports, attachments — carries
    Cache-Control: no-store, private (issue 17): they may hold personal data, which must stay in no
    browser cache (a shared office PC's back button) or proxy. Anonymous responses (the login page)
    and static files (served by WhiteNoise before this runs) keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private; Expires
        return response
