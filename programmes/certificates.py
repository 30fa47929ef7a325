"""Certificates: issue one when a participant has completed a cohort, revoke it, verify a code.

- `issue_if_complete` is the one way a certificate comes to be: only when `programmes.completion` says
  the participant is complete, and never twice (the unique (cohort, user) constraint; a revoked
  certificate is not issued again automatically). What it says (name, programme, cohort, dates) is
  copied onto the row at issue.
- The PDF is rendered by a task (`programmes.rendering.render_certificate`) queued after commit.
- The verification code is random (`secrets`), from an alphabet without look-alikes (no 0/O, 1/I):
  "KL-7QX4-M9PA", 40 random bits, unique in the database. `verify` accepts it typed in any case,
  with or without spaces and dashes.
- Every issue and revocation is logged (`core.audit`) on the cohort.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit

from . import access
from .completion import completion_for_cohort, completion_of
from .exceptions import NotTeacher, ProgrammeError
from .models import Booking, BookingStatus, Certificate, Cohort

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 signs: no 0/O, no 1/I
PREFIX = "KL"
GROUPS = (4, 4)
CODE_LENGTH = sum(GROUPS)


class ReasonRequired(ProgrammeError):
    status = 400
    message = _("Give a reason for revoking the certificate.")


# --- The code ------------------------------------------------------------------------------------


def new_code():
    """A fresh random code such as "KL-7QX4-M9PA" (not yet checked for uniqueness)."""
    signs = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    parts, start = [PREFIX], 0
    for length in GROUPS:
        parts.append(signs[start : start + length])
        start += length
    return "-".join(parts)


def normalise(code):
    """The canonical form of a typed code ("kl 7qx4 m9pa", "KL7QX4M9PA" -> "KL-7QX4-M9PA"), or None when it
    cannot be one of ours (wrong length or signs outside the alphabet)."""
    signs = "".join(ch for ch in str(code or "").upper() if ch.isalnum())
    if signs.startswith(PREFIX) and len(signs) == len(PREFIX) + CODE_LENGTH:
        signs = signs[len(PREFIX) :]
    if len(signs) != CODE_LENGTH or any(ch not in ALPHABET for ch in signs):
        return None
    return f"{PREFIX}-{signs[:4]}-{signs[4:]}"


def verify(code):
    """The certificate with this code (revoked ones included: the page says so), or None."""
    canonical = normalise(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(code=canonical).first()


# --- What the certificate says ------------------------------------------------------------------


def period(starts_on, ends_on):
    """Swedish dates of a cohort: "3 april – 12 juni 2027"; "28 december 2026 – 12 januari 2027"."""
    end = formats.date_format(ends_on, "DATE_FORMAT")
    if starts_on == ends_on:
        return end
    if starts_on.year == ends_on.year:
        return f"{formats.date_format(starts_on, 'MONTH_DAY_FORMAT')} – {end}"
    return f"{formats.date_format(starts_on, 'DATE_FORMAT')} – {end}"


def holder_name(user):
    return user.get_full_name().strip() or user.email


def public_name(certificate):
    """The name as the public verification page shows it: never an e-mail address (a person without a
    name on their account gets one on the PDF, which only they and the teachers see)."""
    if "@" in certificate.name:
        return gettext("(name not given)")
    return certificate.name


# --- Issuing -------------------------------------------------------------------------------------


def _is_complete(user, cohort):
    return bool(completion_of(user, cohort).complete)


def _queue_rendering(certificate):
    from .rendering import render_certificate

    pk = certificate.pk
    transaction.on_commit(lambda: render_certificate.enqueue(pk))


def _create(user, cohort, now, by):
    """Insert the certificate; a clash on the code draws a new one, a clash on (cohort, user) means it
    already exists (issued meanwhile by another request). Returns (certificate, created)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    cohort=cohort,
                    user=user,
                    code=new_code(),
                    name=holder_name(user),
                    programme_title=cohort.programme.title,
                    cohort_title=cohort.title,
                    starts_on=cohort.starts_on,
                    ends_on=cohort.ends_on,
                )
        except IntegrityError:
            existing = Certificate.objects.filter(cohort=cohort, user=user).first()
            if existing is not None:
                return existing, False
            continue
        if now is not None:
            Certificate.objects.filter(pk=certificate.pk).update(issued_at=now)
            certificate.issued_at = now
        audit.log(
            "programme.certificate_issued",
            f"certificate {certificate.code} issued to {user.email}",
            actor=by,
            obj=cohort,
            person=user.email,
            code=certificate.code,
        )
        _queue_rendering(certificate)
        return certificate, True
    raise RuntimeError("no free certificate code after 5 attempts")  # 2**40 codes: does not happen


def _issue(user, cohort, now=None, by=None):
    existing = Certificate.objects.filter(cohort=cohort, user=user).first()
    if existing is not None:
        return existing, False
    if not _is_complete(user, cohort):
        return None, False
    return _create(user, cohort, now, by)


def issue_if_complete(user, cohort, now=None, by=None):
    """The participant's certificate for the cohort, issued now if they have completed it.

    Idempotent: an existing certificate (revoked or not) is returned as it is, never a second one.
    None when the participant has not (yet) completed the cohort.
    """
    with transaction.atomic():
        certificate, _created = _issue(user, cohort, now=now, by=by)
    return certificate


@dataclass
class IssueReport:
    issued: list = field(default_factory=list)
    already: list = field(default_factory=list)
    not_complete: list = field(default_factory=list)

    @property
    def counts(self):
        return {"issued": len(self.issued), "already": len(self.already), "not_complete": len(self.not_complete)}


def issue_for_cohort(by, cohort, now=None):
    """A teacher issues certificates to every booked participant who has completed the cohort.

    Returns an IssueReport (issued now, had one already, not complete). Raises NotTeacher.
    """
    if not access.teaches(by, cohort):
        raise NotTeacher
    report = IssueReport()
    participants = [
        booking.user
        for booking in Booking.objects.filter(cohort=cohort, status=BookingStatus.BOOKED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    ]
    have = set(Certificate.objects.filter(cohort=cohort).values_list("user_id", flat=True))
    with transaction.atomic():
        cohort = Cohort.objects.select_related("programme").get(pk=cohort.pk)
        completions = completion_for_cohort(cohort)  # a fixed number of queries for everyone
        for user in participants:
            if user.pk in have:
                report.already.append(user)
            elif not getattr(completions.get(user.pk), "complete", False):
                report.not_complete.append(user)
            else:
                certificate, created = _create(user, cohort, now, by)
                (report.issued if created else report.already).append(certificate if created else user)
        audit.log(
            "programme.certificates_issued",
            f"{len(report.issued)} certificates issued for {cohort}",
            actor=by,
            obj=cohort,
            count=len(report.issued),
            not_complete=len(report.not_complete),
        )
    return report


# --- Revoking ------------------------------------------------------------------------------------


def can_revoke(user, certificate):
    """A teacher of the cohort, or an administrator (`access.teaches` says yes to both)."""
    return access.teaches(user, certificate.cohort)


def revoke(certificate, by, reason, now=None):
    """Revoke a certificate (a teacher of the cohort, or an administrator); the reason is required.

    Idempotent: revoking a revoked certificate changes nothing. Returns (certificate, changed).
    Raises NotTeacher or ReasonRequired.
    """
    if not can_revoke(by, certificate):
        raise NotTeacher
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ReasonRequired
    reason = reason[: Certificate._meta.get_field("revoked_reason").max_length]
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("user", "cohort").get(pk=certificate.pk)
        if certificate.revoked:
            return certificate, False
        certificate.revoked_at = now or timezone.now()
        certificate.revoked_reason = reason
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        audit.log(
            "programme.certificate_revoked",
            f"certificate {certificate.code} of {certificate.user.email} revoked",
            actor=by,
            obj=certificate.cohort,
            person=certificate.user.email,
            code=certificate.code,
            reason=reason,
        )
    return certificate, True


# --- How the audit log reads these entries -------------------------------------------------------


def _person(data):
    return data.get("person") or gettext("a person")


@audit.action("programme.certificate_issued", _("Programme: certificate issued"))
class CertificateIssued(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Issued certificate %(code)s to %(person)s for %(cohort)s") % {
            "code": data.get("code") or "",
            "person": _person(data),
            "cohort": label,
        }


@audit.action("programme.certificates_issued", _("Programme: certificates issued to a cohort"))
class CertificatesIssued(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Issued %(count)s certificates for %(cohort)s (%(not_complete)s participants not complete)") % {
            "count": data.get("count") or 0,
            "not_complete": data.get("not_complete") or 0,
            "cohort": label,
        }


@audit.action("programme.certificate_revoked", _("Programme: certificate revoked"))
class CertificateRevoked(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Revoked certificate %(code)s of %(person)s for %(cohort)s: %(reason)s") % {
            "code": data.get("code") or "",
            "person": _person(data),
            "cohort": label,
            "reason": data.get("reason") or "",
        }


def after_module_completed(sender, user, module, **kwargs):
    """elearning.signals.module_completed: the last self-study module may complete a cohort.

    Only cohorts of this module where the person has a booked place and that have not ended long ago
    (a late module after the course's end still counts, within 90 days) are looked at: usually none.
    """
    since = timezone.localdate() - datetime.timedelta(days=90)
    cohorts = Cohort.objects.filter(
        modules=module, bookings__user=user, bookings__status=BookingStatus.BOOKED, ends_on__gte=since
    ).exclude(certificates__user=user)
    for cohort in cohorts.distinct():
        issue_if_complete(user, cohort)
