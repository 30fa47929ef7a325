"""Cross-cutting HTTP behaviour: security headers on every response, a calm 503 when the database is down."""

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

# The public site runs no inline script and loads nothing from other hosts. Wagtail's admin
# ships inline scripts of its own, so it gets a looser policy.
PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"
)
# A page rendered for the editor's preview (Wagtail's side panel loads it in an iframe of the admin): the
# public page's own policy, except that the admin on this origin may frame it.
PREVIEW_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            # Wagtail runs the page through the middleware again with a dummy request at the page's public
            # path (Page.make_preview_request); the admin preview view already sets X-Frame-Options to
            # SAMEORIGIN. Only that inner request is marked, so public pages keep frame-ancestors 'none'.
            policy = PREVIEW_CSP
        elif request.path.startswith("/admin/"):
            policy = ADMIN_CSP
        else:
            policy = PUBLIC_CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a plain 503 page instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            from django.http import HttpResponse

            body = render_to_string("503.html", {"site_name": getattr(settings, "WAGTAIL_SITE_NAME", "")})
            response = HttpResponse(body, status=503)
            response["Retry-After"] = "60"
            return response
        return None


class PrivateCacheControlMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person that sets none itself.

    Their pages carry names, progress and answers: no shared proxy may keep them, and the browser should
    not store them on disk (a shared computer in a municipal office). Anonymous public pages are left
    alone, so a cache in front may still keep those. Sits right after AuthenticationMiddleware, so it sees
    the responses of every middleware below it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response


class SwedishFirstLocaleMiddleware:
    """Swedish unless the person chose another language; the browser's Accept-Language is never asked.

    In place of Django's LocaleMiddleware. The choice, in order: the language cookie (set by the language
    switcher through /i18n/setlang/), the signed-in person's preferred_language, else LANGUAGE_CODE
    (Swedish). Sits where LocaleMiddleware sat, before AuthenticationMiddleware, so it reads the user the
    same way that middleware will (auth.middleware.get_user caches it on the request: no second query),
    and only when there is no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The page depends on the cookie, not on Accept-Language: a shared cache must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response

    @staticmethod
    def _supported(code):
        if not code:
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            return None

    def chosen_language(self, request):
        language = self._supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if language:
            return language
        if hasattr(request, "session"):
            from django.contrib.auth.middleware import get_user

            user = get_user(request)
            language = self._supported(getattr(user, "preferred_language", None)) if user.is_authenticated else None
            if language:
                return language
        return settings.LANGUAGE_CODE
