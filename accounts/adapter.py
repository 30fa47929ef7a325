from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.signals import email_confirmed
from django.conf import settings
from django.dispatch import receiver

from core.ratelimit import client_address


def mail_site():
    """What allauth's mails call "the site": the service's name, for both its name and its domain.

    django.contrib.sites is not installed, so allauth would take the request's host ("testserver",
    "127.0.0.1:8100") for both. In its mail templates the domain only ever appears in prose ("register an
    account on {{ site_domain }}", the greeting, the closing line); every link is built from the request.
    """
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=settings.WAGTAIL_SITE_NAME)


class AccountAdapter(DefaultAccountAdapter):
    """Signup gives the Learner role. The organisation comes only with a verified address (see below).

    Every allauth mail (confirmation, password reset, account already exists, notifications, mfa) names
    Kompetenslyft, never the host; its subject starts with ACCOUNT_EMAIL_SUBJECT_PREFIX ("[Kompetenslyft] ").
    """

    def get_client_ip(self, request):
        """The one client address of core.ratelimit (TRUSTED_PROXY_COUNT), for allauth's login limits too:
        a header shorter than the count falls back to REMOTE_ADDR instead of allauth's error page."""
        return client_address(request) or super().get_client_ip(request)

    def send_mail(self, template_prefix, email, context):
        request = self.request
        context = {
            # The closing line's link to the start page (templates/account/email/base_message.txt).
            "site_url": request.build_absolute_uri("/") if request is not None else "",
            **context,
            "current_site": mail_site(),
        }
        super().send_mail(template_prefix, email, context)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        if commit:
            user.save()
            from .services import add_default_role

            add_default_role(user)
        return user


@receiver(email_confirmed)
def join_organisation_when_verified(request, email_address, **kwargs):
    from .services import join_organisation_of_verified_address

    join_organisation_of_verified_address(email_address.user, email_address.email)
