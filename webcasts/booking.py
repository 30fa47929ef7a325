"""Registering for a webcast, cancelling, and the waiting list: the one rule for places.

Every change runs in one transaction that first locks the webcast's row (`select_for_update`), so
that counting the places taken and taking one are one step: two people never get the last place.
The unique (webcast, person) constraint keeps one row per person; registering again reuses it.
Mails are queued after commit (`webcasts.tasks`); every change is logged (`core.audit`).
Views, the admin, the demo and management commands all call these functions.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from core import audit

from . import selectors
from .audience import audience_of
from .exceptions import NotInvited, NotYourRegistration, RegistrationClosed, RegistrationError
from .models import Registration, RegistrationStatus, WebcastMail, WebcastMailKind, WebcastPage
from .schedule import State, registration_open, state

REGISTERED = RegistrationStatus.REGISTERED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED


@dataclass
class Outcome:
    """What a registration call did. `changed` is False when the person already had that status."""

    registration: Registration
    changed: bool
    promoted: list = field(default_factory=list)

    @property
    def waiting(self):
        return self.registration.status == WAITING

    @property
    def registered(self):
        return self.registration.status == REGISTERED


def _lock(webcast):
    """The webcast's own row, locked until the transaction ends (PostgreSQL; SQLite serialises anyway)."""
    return WebcastPage.objects.select_for_update(of=("self",)).get(pk=webcast.pk)


def places_taken(webcast):
    return Registration.objects.filter(webcast=webcast, status=REGISTERED).count()


def figures(webcast):
    """Places taken and queue length, in one query (for the page's registration panel)."""
    return Registration.objects.filter(webcast=webcast).aggregate(
        registered=Count("pk", filter=Q(status=REGISTERED)), waiting=Count("pk", filter=Q(status=WAITING))
    )


def queue_position(registration):
    """1 for the first in the queue; None when not waiting."""
    if registration is None or registration.status != WAITING:
        return None
    ahead = Registration.objects.filter(webcast_id=registration.webcast_id, status=WAITING).filter(
        Q(waiting_since__lt=registration.waiting_since)
        | Q(waiting_since=registration.waiting_since, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def queue_mail(webcast, user, kind):
    """Log one mail and send it after commit. Reminders are queued by `send_webcast_reminders`.
    Every change of a registration sends one, so this is also where "My webcasts" is told to re-read."""
    from .tasks import send_webcast_mail

    selectors.forget(user.pk)
    mail = WebcastMail.objects.create(webcast=webcast, user=user, kind=kind, sequence=webcast.ical_sequence)
    transaction.on_commit(lambda: send_webcast_mail.enqueue(mail.pk))
    return mail


def _check_open(webcast, now):
    if not webcast.live:
        raise RegistrationClosed(_("This webcast is not published."))
    if not registration_open(webcast, now):
        if webcast.cancelled:
            raise RegistrationClosed(_("The webcast is cancelled: registration is closed."))
        raise RegistrationClosed(_("The webcast has ended: registration is closed."))


def _fill_free_places(webcast, now, actor):
    """Move people up from the waiting list, first come first served, while places are free."""
    if webcast.capacity is None:
        free = None
    else:
        free = webcast.capacity - places_taken(webcast)
        if free <= 0:
            return []
    queue = Registration.objects.filter(webcast=webcast).waiting().select_related("user").select_for_update()
    if free is not None:
        queue = queue[:free]
    promoted = list(queue)
    for registration in promoted:
        registration.status = REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit.log(
            "webcast.promoted",
            f"{registration.user.email} promoted for {webcast.title}",
            actor=actor,
            obj=webcast,
            person=registration.user.email,
        )
        queue_mail(webcast, registration.user, WebcastMailKind.PROMOTED)
    return promoted


def _register_locked(user, webcast, by, now, audience):
    if not audience.invites(user):
        raise NotInvited
    registration = Registration.objects.select_for_update().filter(webcast=webcast, user=user).first()
    if registration is not None and registration.status != CANCELLED:
        return Outcome(registration, changed=False)
    promoted = _fill_free_places(webcast, now, by) if registration_open(webcast, now) else []
    full = webcast.capacity is not None and places_taken(webcast) >= webcast.capacity
    status = WAITING if full else REGISTERED
    if registration is None:
        registration = Registration(webcast=webcast, user=user)
    registration.status = status
    registration.registered_by = by if by is not None and by.pk != user.pk else None
    registration.waiting_since = now if full else None
    registration.promoted_at = None
    registration.cancelled_at = None
    registration.save()
    audit.log(
        "webcast.registered",
        f"{user.email} {status} for {webcast.title}",
        actor=by or user,
        obj=webcast,
        person=user.email,
        status=str(status),
        on_behalf=by is not None and by.pk != user.pk,
    )
    queue_mail(webcast, user, WebcastMailKind.WAITING if full else WebcastMailKind.CONFIRMATION)
    return Outcome(registration, changed=True, promoted=promoted)


def register(user, webcast, by=None, now=None):
    """Register `user` (by themselves, or `by` a manager): a place, or a place in the queue when full.

    Idempotent: registering again returns the existing registration with `changed=False`.
    Raises RegistrationClosed (ended, cancelled, unpublished) or NotInvited.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise NotInvited(_("Sign in to register."))
    now = now or timezone.now()
    audience = audience_of(webcast)
    with transaction.atomic():
        webcast = _lock(webcast)
        _check_open(webcast, now)
        return _register_locked(user, webcast, by, now, audience)


def cancel(registration=None, *, user=None, webcast=None, by=None, now=None):
    """Cancel a registration (or a place in the queue); the first in the queue moves up.

    Pass the registration, or `user` and `webcast`. `by` is who acts: the person themselves or a
    manager of their organisation (accounts.scoping); anyone else gets NotYourRegistration (a 404).
    Idempotent: cancelling a cancelled registration changes nothing (`changed=False`).
    """
    now = now or timezone.now()
    if registration is None:
        registration = Registration.objects.filter(webcast=webcast, user=user).select_related("user").first()
        if registration is None:
            raise NotYourRegistration
    by = by or registration.user
    if by.pk != registration.user_id and not scoping.can_see_user(by, registration.user):
        raise NotYourRegistration
    with transaction.atomic():
        webcast = _lock(registration.webcast)
        registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
        if registration.status == CANCELLED:
            return Outcome(registration, changed=False)
        if state(webcast, now) in (State.ENDED, State.RECORDING):
            raise RegistrationClosed(_("The webcast has ended: the registration can no longer be cancelled."))
        was = registration.status
        registration.status = CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        selectors.forget(registration.user_id)
        audit.log(
            "webcast.cancelled",
            f"{registration.user.email} cancelled for {webcast.title}",
            actor=by,
            obj=webcast,
            person=registration.user.email,
            was=str(was),
            on_behalf=by.pk != registration.user_id,
        )
        if not webcast.cancelled:
            queue_mail(webcast, registration.user, WebcastMailKind.CANCELLED)
        promoted = []
        if was == REGISTERED and registration_open(webcast, now):
            promoted = _fill_free_places(webcast, now, by)
        return Outcome(registration, changed=True, promoted=promoted)


def fill_free_places(webcast, actor=None, now=None):
    """After the capacity was raised (or removed): move people up from the queue."""
    now = now or timezone.now()
    with transaction.atomic():
        webcast = _lock(webcast)
        if not registration_open(webcast, now):
            return []
        return _fill_free_places(webcast, now, actor)


# --- A manager registers people of their own organisation --------------------------------------


@dataclass
class BulkRow:
    user: object
    outcome: str  # registered, waiting, already, refused
    message: str = ""


@dataclass
class BulkReport:
    rows: list = field(default_factory=list)

    def _of(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def registered(self):
        return self._of("registered")

    @property
    def waiting(self):
        return self._of("waiting")

    @property
    def already(self):
        return self._of("already")

    @property
    def refused(self):
        return self._of("refused")


def bulk_register(by, webcast, users, now=None):
    """Register many people in one go, each with its own outcome. Only people `by` may manage by name
    (accounts.scoping: a manager's own organisation; an administrator everyone) are registered; the
    others are refused in the report. One transaction, one lock: the places are counted as they go.
    """
    now = now or timezone.now()
    report = BulkReport()
    audience = audience_of(webcast)
    visible = set(scoping.users_visible_to(by).filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True))
    with transaction.atomic():
        webcast = _lock(webcast)
        _check_open(webcast, now)
        for user in users:
            if user.pk not in visible or not scoping.can_manage_organisation(by, user.organisation_id):
                report.rows.append(BulkRow(user, "refused", gettext("Not a person of your organisation.")))
                continue
            try:
                with transaction.atomic():
                    outcome = _register_locked(user, webcast, by, now, audience)
            except RegistrationError as error:
                report.rows.append(BulkRow(user, "refused", str(error.message)))
                continue
            if not outcome.changed:
                report.rows.append(BulkRow(user, "already", gettext("Already registered or in the queue.")))
            else:
                report.rows.append(BulkRow(user, "waiting" if outcome.waiting else "registered"))
        audit.log(
            "webcast.bulk_registered",
            f"{len(report.registered)} registered for {webcast.title}",
            actor=by,
            obj=webcast,
            count=len(report.registered),
            waiting=len(report.waiting),
            refused=len(report.refused),
        )
    return report


# --- How the audit log reads these entries -----------------------------------------------------


def _person(data):
    return data.get("person") or gettext("a person")


@audit.action("webcast.registered", _("Webcast: registered"))
class Registered(audit.AuditFormatter):
    def describe(self, data, label):
        values = {"person": _person(data), "webcast": label}
        if data.get("status") == WAITING:
            return gettext("Put %(person)s on the waiting list for %(webcast)s") % values
        return gettext("Registered %(person)s for %(webcast)s") % values


@audit.action("webcast.cancelled", _("Webcast: registration cancelled"))
class Cancelled(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Cancelled the registration of %(person)s for %(webcast)s") % {
            "person": _person(data),
            "webcast": label,
        }


@audit.action("webcast.promoted", _("Webcast: moved up from the waiting list"))
class Promoted(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Moved %(person)s up from the waiting list for %(webcast)s") % {
            "person": _person(data),
            "webcast": label,
        }


@audit.action("webcast.bulk_registered", _("Webcast: people registered by a manager"))
class BulkRegistered(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Registered %(count)s people for %(webcast)s (%(waiting)s on the waiting list)") % {
            "count": data.get("count") or 0,
            "waiting": data.get("waiting") or 0,
            "webcast": label,
        }


@audit.action("webcast.reminded", _("Webcast: reminders queued"))
class Reminded(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Queued %(count)s reminders for %(webcast)s") % {
            "count": data.get("count") or 0,
            "webcast": label,
        }


def after_publish(sender, instance, **kwargs):
    """page_published of a WebcastPage: an editor who raised (or removed) the capacity frees places, and
    the queue moves up at once, first come first served. Connected in WebcastsConfig.ready()."""
    if instance.pk and Registration.objects.filter(webcast_id=instance.pk, status=WAITING).exists():
        fill_free_places(instance)
