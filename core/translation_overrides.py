"""Strings from third-party templates whose Swedish we correct in our own catalogue.

Listing them here keeps them in locale/sv when `makemessages` runs; our LOCALE_PATHS win over
the packages' own translations.
"""

from django.utils.translation import gettext_noop

OVERRIDES = [
    # allauth's Swedish says "Already have an account? Then log in." next to a sign-up link.
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
]
