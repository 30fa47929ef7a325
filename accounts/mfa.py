"""A second factor for everyone who uses the Wagtail admin.

allauth.mfa asks for the code at login once a person has an authenticator, but it has no setting that
makes one compulsory for a role. With MFA_REQUIRED_FOR_STAFF on (production), the middleware below sends
editors, managers and administrators who request /admin/ to enrol first, and to confirm their second
factor if this session was opened without one. Learner pages are never affected.
"""

import re
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.utils import is_mfa_enabled
from allauth.mfa.webauthn.forms import AddWebAuthnForm as BaseAddWebAuthnForm
from allauth.mfa.webauthn.forms import EditWebAuthnForm as BaseEditWebAuthnForm
from django.conf import settings
from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from .scoping import is_administrator, is_editor, is_manager

# Recovery codes alone are a fallback, not a factor one can enrol with: the login stage asks for a code
# only when one of these exists.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# Set when the person enrols in this session: proving the new app's code counts as passing the factor.
ENROLLED_SESSION_KEY = "accounts.mfa.enrolled_user"


def is_privileged(user):
    """Anyone who can open the admin, whatever made it so (role, staff flag or a hand-given permission)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        is_administrator(user)
        or is_manager(user)
        or is_editor(user)
        or user.is_staff
        or user.has_perm("wagtailadmin.access_admin")
    )


def has_unverified_email(user):
    """allauth refuses to add an authenticator while any address is unverified (MFA_ALLOW_UNVERIFIED_EMAIL)."""
    if mfa_settings.ALLOW_UNVERIFIED_EMAIL:
        return False
    return EmailAddress.objects.filter(user_id=user.pk, verified=False).exists()


def session_passed_second_factor(request):
    """True when this session's login (or a later confirmation) used a second factor, or enrolled one."""
    user = request.user
    if request.session.get(ENROLLED_SESSION_KEY) == str(user.pk):
        return True
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


@receiver(authenticator_added, dispatch_uid="accounts.mfa.remember_enrolment")
def _remember_enrolment(sender, request=None, user=None, authenticator=None, **kwargs):
    if request is not None and user is not None and getattr(authenticator, "type", None) in SECOND_FACTORS:
        request.session[ENROLLED_SESSION_KEY] = str(user.pk)


def _redirect(url_name, next_path=None):
    url = reverse(url_name)
    if next_path:
        url = f"{url}?{urlencode({'next': next_path})}"
    return HttpResponseRedirect(url)


class RequireMFAForAdminMiddleware:
    """Only /admin/ is guarded, so a privileged person can still learn, log out and enrol."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None
        self._exempt = ()

    def __call__(self, request):
        if getattr(settings, "MFA_REQUIRED_FOR_STAFF", False) and self._is_admin_path(request.path):
            response = self._require_second_factor(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _is_admin_path(self, path):
        if self._admin_prefix is None:  # the URLconf is not loaded yet when the middleware is built
            self._admin_prefix = reverse("wagtailadmin_home")
            self._exempt = (reverse("wagtailadmin_login"), reverse("wagtailadmin_logout"))
        return path.startswith(self._admin_prefix) and not path.startswith(self._exempt)

    def _require_second_factor(self, request):
        user = request.user
        if not is_privileged(user):
            return None  # anonymous people go to the login page, others get Wagtail's refusal
        if is_mfa_enabled(user, SECOND_FACTORS):
            if session_passed_second_factor(request):
                return None
            messages.info(request, _("Confirm with your two-step verification to continue to the administration."))
            return _redirect("mfa_reauthenticate", request.get_full_path())
        if has_unverified_email(user):
            messages.warning(
                request,
                _(
                    "The administration requires two-step verification, and you can turn it on once your e-mail "
                    "address is verified. Verify your address first: we can send the link again from this page."
                ),
            )
            return _redirect("account_email")
        messages.warning(
            request,
            _(
                "The administration requires two-step verification. Turn it on with an authenticator app on "
                "your phone to continue."
            ),
        )
        return _redirect("mfa_activate_totp")


class MFAAdapter(DefaultMFAAdapter):
    """The TOTP QR code as inline SVG that a screen reader can name (allauth's is an <img> whose alt text is
    the secret), on white so that it scans on a dark screen too, and without an XML declaration, which is
    not valid inside HTML."""

    def build_totp_svg(self, url):
        import qrcode
        from qrcode.image.svg import SvgPathFillImage

        code = qrcode.QRCode(box_size=14, border=4, image_factory=SvgPathFillImage)
        code.add_data(url)
        svg = code.make_image().to_string(encoding="unicode")
        title = escape(_("QR code to scan with your authenticator app"))
        return re.sub(
            r"^<svg ([^>]*)>",
            lambda m: (
                f'<svg role="img" aria-labelledby="totp-qr-title" class="qr-code" {m.group(1)}>'
                f'<title id="totp-qr-title">{title}</title>'
            ),
            svg,
            count=1,
        )


class _LabelledKeyNameMixin:
    """allauth gives the security key's name field no label, so the page would say "Name" in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")


class AddWebAuthnForm(_LabelledKeyNameMixin, BaseAddWebAuthnForm):
    pass


class EditWebAuthnForm(_LabelledKeyNameMixin, BaseEditWebAuthnForm):
    pass
