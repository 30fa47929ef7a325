"""Cross-cutting HTTP behaviour: security headers on every response, a calm 503 when the database is down,
the language of each page (Swedish unless the person chose another)."""

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


def choose_language(request, code):
    """Records a language the person chose (saved on their profile, or theirs on logging in).

    SwedishFirstLocaleMiddleware writes it to the language cookie on the way out, so it holds on the next
    request and, on this device, after logging out. Swedish for a blank or unknown code. The rest of a
    request that went through the middleware speaks it too (the "saved" message after the profile form).
    """
    language = SwedishFirstLocaleMiddleware.supported(code) or settings.LANGUAGE_CODE
    request.chosen_language = language
    if hasattr(request, "LANGUAGE_CODE"):  # a real request, not the stand-in of the test client's login
        translation.activate(language)
        request.LANGUAGE_CODE = language
    return language


class SwedishFirstLocaleMiddleware:
    """Swedish unless the person chose another language; the browser's Accept-Language is never asked.

    In place of Django's LocaleMiddleware. The choice, in order: the language cookie, the signed-in
    person's preferred_language, else LANGUAGE_CODE (Swedish). Sits where LocaleMiddleware sat, before
    AuthenticationMiddleware, so it reads the user the same way that middleware will
    (auth.middleware.get_user caches it on the request: no second query), and only when there is no cookie.

    The one rule for remembering a choice, whichever way it is made: the language switcher
    (/i18n/setlang/, Django's view, which sets the cookie), the profile form and logging in
    (choose_language above, whose language this middleware puts in the cookie). Then the cookie holds the
    choice, and a signed-in person's preferred_language follows it, so it comes back on their other devices.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        self.remember_choice(request, response)
        # The page depends on the cookie, not on Accept-Language: a shared cache must key on the cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", getattr(request, "chosen_language", None) or language)
        return response

    @staticmethod
    def supported(code):
        if not code:
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            return None

    def chosen_language(self, request):
        language = self.supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if language:
            return language
        if hasattr(request, "session"):
            from django.contrib.auth.middleware import get_user

            user = get_user(request)
            language = self.supported(getattr(user, "preferred_language", None)) if user.is_authenticated else None
            if language:
                return language
        return settings.LANGUAGE_CODE

    def remember_choice(self, request, response):
        chosen = getattr(request, "chosen_language", None)
        if chosen:
            set_language_cookie(response, chosen)
        else:  # the switcher: Django's set_language view set the cookie itself
            cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
            chosen = self.supported(cookie.value) if cookie is not None and cookie.value else None
        if not chosen:
            return
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and hasattr(user, "preferred_language")
            and user.preferred_language != chosen
        ):
            user.preferred_language = chosen
            user.save(update_fields=["preferred_language"])


def set_language_cookie(response, language):
    """The cookie as Django's set_language view writes it (the LANGUAGE_COOKIE_* settings)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
