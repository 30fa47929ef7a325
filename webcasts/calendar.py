"""Webcasts in calendars: the event of one webcast, and its SEQUENCE bumped on every change a calendar
must see (title, start, end, cancelled), with an updated .ics mailed to the registered people.

`pre_save` compares the saved row with the one being saved and bumps `ical_sequence` (no mail, no
network: one read of four columns). `page_published` then queues one CHANGED mail per active
registration for that sequence, once per change: a second publish of the same content sends none.
Both are connected in `WebcastsConfig.ready()`.
"""

from django.db import transaction
from django.db.models.signals import pre_save
from django.utils.translation import gettext

from core.calendar import PUBLISH, CalendarItem, absolute_url, to_ics, uid_for

CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "cancelled")


def item_for(webcast):
    url = absolute_url(webcast.url or "")
    description = "\n\n".join(part for part in (webcast.intro, url) if part)
    return CalendarItem(
        uid=uid_for("webcast", webcast.pk),
        title=webcast.title,
        starts_at=webcast.starts_at,
        ends_at=webcast.ends_at,
        sequence=webcast.ical_sequence,
        cancelled=webcast.cancelled,
        description=description,
        location=gettext("Webcast: %(url)s") % {"url": url} if url else gettext("Webcast"),
        url=url,
    )


def webcast_ics(webcast, method=PUBLISH):
    return to_ics([item_for(webcast)], method=method)


def bump_sequence(sender, instance, update_fields=None, raw=False, **kwargs):
    """pre_save of WebcastPage: a calendar-visible change gets the next SEQUENCE."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(CALENDAR_FIELDS):
        return  # e.g. Wagtail saving a draft revision: the page's own columns do not change
    saved = type(instance).objects.filter(pk=instance.pk).values(*CALENDAR_FIELDS, "ical_sequence").first()
    if saved is None:
        return
    # The stored sequence is the truth: a revision drafted earlier carries an older one, never to be restored.
    instance.ical_sequence = saved["ical_sequence"]
    if any(saved[name] != getattr(instance, name) for name in CALENDAR_FIELDS):
        instance.ical_sequence = saved["ical_sequence"] + 1
        instance._calendar_changed = True
        if update_fields is not None and "ical_sequence" not in update_fields:
            # update_fields cannot be widened from here: store the bump on its own.
            type(instance).objects.filter(pk=instance.pk).update(ical_sequence=instance.ical_sequence)


def announce_change(sender, instance, **kwargs):
    """page_published of a WebcastPage: mail the registered people an updated .ics, once per change."""
    from .booking import queue_mail
    from .models import Registration, RegistrationStatus, WebcastMail, WebcastMailKind
    from .schedule import State, state

    webcast = instance
    if not getattr(webcast, "_calendar_changed", False):
        return
    webcast._calendar_changed = False
    if state(webcast) in (State.ENDED, State.RECORDING):
        return
    statuses = [RegistrationStatus.REGISTERED]
    if webcast.cancelled:
        statuses.append(RegistrationStatus.WAITING)  # they are told too: there will be no place to wait for
    already = WebcastMail.objects.filter(
        webcast=webcast, kind=WebcastMailKind.CHANGED, sequence=webcast.ical_sequence
    ).values("user_id")
    people = list(
        Registration.objects.filter(webcast=webcast, status__in=statuses)
        .exclude(user_id__in=already)
        .select_related("user")
    )
    with transaction.atomic():
        for registration in people:
            queue_mail(webcast, registration.user, WebcastMailKind.CHANGED)


def connect():
    from wagtail.signals import page_published

    from .models import WebcastPage

    pre_save.connect(bump_sequence, sender=WebcastPage, dispatch_uid="webcasts.calendar.bump_sequence")
    page_published.connect(announce_change, sender=WebcastPage, dispatch_uid="webcasts.calendar.announce_change")
