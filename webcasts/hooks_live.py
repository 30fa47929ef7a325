"""Wagtail hooks of webcasts: live. A "Moderate" link to the moderator screen, for the webcast's moderators
(and administrators), in the page's header menu and in the page listing's "More" menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.signals import page_published, page_unpublished

from . import permissions, snapshot
from .models import WebcastPage


def _moderate_button(page, user, priority):
    if page.specific_class is not WebcastPage or not permissions.moderates_page(user, page.pk):
        return None
    return Button(
        _("Moderate"),
        reverse("webcast_moderate", args=[page.pk]),
        icon_name="comment",
        priority=priority,
        attrs={"aria-label": _("Moderate questions and polls of “%(title)s”") % {"title": page.title}},
    )


@hooks.register("register_page_header_buttons")
def moderate_in_header(page, user, view_name=None, next_url=None):
    button = _moderate_button(page, user, priority=25)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def moderate_in_listing(page, user, next_url=None):
    button = _moderate_button(page, user, priority=5)
    if button:
        yield button


def _forget_snapshot(sender, instance, **kwargs):
    snapshot.forget(instance.pk)


# An editor's publish (polls, result setting, times) or unpublish reaches the viewers' snapshot at once.
page_published.connect(_forget_snapshot, sender=WebcastPage, dispatch_uid="webcasts-live-published")
page_unpublished.connect(_forget_snapshot, sender=WebcastPage, dispatch_uid="webcasts-live-unpublished")
