"""The personal calendar feed: a secret address that calendar apps read without a session."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token):
        """The feed of this secret, or None. Looked up by its SHA-256 hash (the secret is never stored);
        an index lookup on a hash reveals nothing about the secret through its timing."""
        if not token or len(token) > 100:
            return None
        return self.select_related("user").filter(token_hash=hash_token(token), user__is_active=True).first()


class CalendarFeed(models.Model):
    """One feed a person. Only the hash of the token is kept: the address is shown once, when made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), auto_now=True)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user_id}"

    @classmethod
    def issue(cls, user):
        """Make (or replace) the person's feed; returns the new secret token, the only time it is known."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(user=user, defaults={"token_hash": hash_token(token), "last_read_at": None})
        return token
