"""Who moderates a webcast and who may take part in its live interaction, built on accounts.scoping.

- A moderator is one of the page's listed moderators, or an administrator. Anyone else asking for a
  moderator URL gets 404 (the project's convention: what is outside a person's scope does not leak).
- Taking part (asking, voting on questions and polls) needs a signed-in person, and the webcast live
  now by `webcasts.schedule` (the one clock rule): before the start and after the end the panel says
  so, and the actions are refused with that sentence.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts import scoping

from . import schedule
from .models import WebcastPage
from .schedule import State

NOT_SIGNED_IN = _("Sign in to ask questions and vote.")
CLOSED_MESSAGES = {
    State.UPCOMING: _("Questions and polls open when the broadcast starts."),
    State.ENDED: _("The broadcast has ended: questions and polls are closed."),
    State.RECORDING: _("The broadcast has ended: questions and polls are closed."),
    State.CANCELLED: _("The webcast is cancelled."),
}


def moderates(user, webcast):
    """One query at most (the listed moderators); administrators from the cached role codes."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if scoping.is_administrator(user):
        return True
    cached = getattr(webcast, "_moderator_ids", None)
    if cached is None:
        cached = webcast._moderator_ids = frozenset(webcast.moderators.values_list("pk", flat=True))
    return user.pk in cached


def interaction_closed_reason(user, webcast, now=None):
    """None when the person may ask and vote now, else the sentence that says why not."""
    if not getattr(user, "is_authenticated", False):
        return NOT_SIGNED_IN
    return CLOSED_MESSAGES.get(schedule.state(webcast, now))


def webcast_or_404(webcast_id):
    """A published webcast page by id."""
    return get_object_or_404(WebcastPage.objects.live(), pk=webcast_id)


def webcast_for_moderator(user, webcast_id):
    """The webcast if the user moderates it; 404 otherwise (its moderator screen does not leak)."""
    webcast = get_object_or_404(WebcastPage.objects.all(), pk=webcast_id)
    if not moderates(user, webcast):
        raise Http404
    return webcast


def moderates_page(user, page_id):
    """`moderates` for a page id (the admin's listings hold plain Page objects): one query per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if scoping.is_administrator(user):
        return True
    ids = getattr(user, "_moderated_webcast_ids", None)
    if ids is None:
        ids = user._moderated_webcast_ids = frozenset(user.moderated_webcasts.values_list("pk", flat=True))
    return page_id in ids
