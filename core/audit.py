"""The audit trail: one call to record an important change, kept in Wagtail's log.

Entries go to Wagtail's ModelLogEntry/PageLogEntry, so administrators read them in the admin's
site history (Reports → Site history, filterable by action) and in each object's history. Each
action below has a label for that filter and a formatter that turns the stored data into a
readable sentence at display time (so it follows the reader's language). When a person is
deleted, `forget_person` removes their e-mail and name from every entry; the entries stay.
"""

import json
import logging
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context, registry
from wagtail.log_actions import log as wagtail_log

logger = logging.getLogger(__name__)

# What a deleted person's e-mail and name become in the log. Stored data, in the site's language.
REMOVED_PERSON = "borttagen person"

FORMATTERS = {}


def log(action, summary, *, actor=None, obj=None, **details):
    """Record `action` on `obj` (or, for whole-report exports without an object, on the actor).

    `summary` is kept in the entry's data for older callers that put counts, the person's e-mail
    or the format only there; pass them as keyword details (format=, person=, count=) instead.
    Returns the log entry, or None when there is neither an object nor an actor to attach it to.
    """
    # Without an actor, the user of the active LogContext (Wagtail sets one around every admin view).
    user = actor if getattr(actor, "is_authenticated", False) else get_active_log_context().user
    instance = obj if obj is not None else user
    if instance is None:
        logger.warning("audit: %s has no object and no actor; not logged", action)
        return None
    data = {"summary": summary[:300], **{key: _plain(value) for key, value in details.items()}}
    return wagtail_log(instance=instance, action=action, user=user, data=data)


def _plain(value):
    return str(value) if isinstance(value, models.Model) else value


# --- Messages ------------------------------------------------------------------------------


def action(code, label):
    """Register a formatter class for `code` (Wagtail's site history lists `label` in its filter)."""

    def register(cls):
        cls.label = label
        FORMATTERS[code] = cls
        return cls

    return register


def _from_summary(data, pattern, group=1):
    match = re.search(pattern, data.get("summary") or "")
    return match.group(group) if match else None


def _number(data, key, index=0):
    """A count from the data, else the index-th number of the summary (older callers pass only that)."""
    if data.get(key) is not None:
        return data[key]
    numbers = re.findall(r"\d+", data.get("summary") or "")
    return int(numbers[index]) if len(numbers) > index else None


def _person(data):
    return data.get("person") or _from_summary(data, r"(\S+@\S+)") or gettext("someone")


FORMAT_NAMES = {"xlsx": "Excel (XLSX)", "csv": "CSV", "json": "JSON"}


def _format(data):
    fmt = data.get("format") or _from_summary(data, r"\((\w+)\)\s*$")
    return FORMAT_NAMES.get((fmt or "").lower(), (fmt or "").upper())


def _report(data, label):
    report = data.get("report") or _from_summary(data, r"^(completion|readiness)\b")
    if report == "completion":
        return gettext("the completion report")
    if report == "readiness":
        return gettext("the readiness list for %(workshop)s") % {"workshop": label}
    if report == "maturity.results":
        return gettext("the maturity results of %(round)s") % {"round": label}
    if report and "." in report:
        try:
            things = apps.get_model(report)._meta.verbose_name_plural
        except (LookupError, ValueError):
            things = report
        return gettext("the list of %(things)s") % {"things": things}
    return report or data.get("summary") or gettext("a report")


class AuditFormatter(LogFormatter):
    def format_message(self, log_entry):
        return self.describe(log_entry.data or {}, log_entry.label)

    def describe(self, data, label):
        raise NotImplementedError


@action("report.exported", _("Report export"))
class ReportExported(AuditFormatter):
    def describe(self, data, label):
        what, fmt = _report(data, label), _format(data)
        if fmt:
            return gettext("Exported %(what)s as %(format)s") % {"what": what, "format": fmt}
        return gettext("Exported %(what)s") % {"what": what}


@action("personal_data.exported", _("Export of own personal data"))
class PersonalDataExported(AuditFormatter):
    def describe(self, data, label):
        return gettext("Exported their own personal data (My data) as %(format)s") % {"format": _format(data) or "JSON"}


@action("workshop.member_added", _("Workshop: member added"))
class MemberAdded(AuditFormatter):
    def describe(self, data, label):
        return gettext("Added %(person)s to the group %(group)s") % {"person": _person(data), "group": label}


@action("workshop.member_removed", _("Workshop: member removed"))
class MemberRemoved(AuditFormatter):
    def describe(self, data, label):
        return gettext("Removed %(person)s from the group %(group)s") % {"person": _person(data), "group": label}


@action("workshop.csv_import", _("Workshop: members imported"))
class MembersImported(AuditFormatter):
    def describe(self, data, label):
        return gettext("Imported a list of people into the group %(group)s: %(added)s added, %(problems)s problems") % {
            "group": label,
            "added": _number(data, "added", 0) or 0,
            "problems": data.get("problems") or 0,
        }


@action("workshop.groups_created", _("Workshop: groups created"))
class GroupsCreated(AuditFormatter):
    def describe(self, data, label):
        groups = _number(data, "groups", 0) or 0
        return ngettext(
            "Created %(groups)d group with %(people)s people for %(workshop)s",
            "Created %(groups)d groups with %(people)s people for %(workshop)s",
            groups,
        ) % {"groups": groups, "people": _number(data, "people", 1) or 0, "workshop": label}


@action("workshop.reminded", _("Workshop: reminder"))
class Reminded(AuditFormatter):
    def describe(self, data, label):
        count = _number(data, "count", 0) or 0
        if data.get("automatic"):
            text = ngettext(
                "Automatically reminded %(count)d person who is not ready for %(workshop)s",
                "Automatically reminded %(count)d people who are not ready for %(workshop)s",
                count,
            )
        else:
            text = ngettext(
                "Reminded %(count)d person who is not ready for %(workshop)s",
                "Reminded %(count)d people who are not ready for %(workshop)s",
                count,
            )
        return text % {"count": count, "workshop": label}


@action("account.role_added", _("Role given"))
class RoleAdded(AuditFormatter):
    def describe(self, data, label):
        return gettext("Added to the role %(role)s") % {"role": data.get("role") or data.get("summary")}


@action("account.role_removed", _("Role taken away"))
class RoleRemoved(AuditFormatter):
    def describe(self, data, label):
        return gettext("Removed from the role %(role)s") % {"role": data.get("role") or data.get("summary")}


@action("account.deactivated", _("Marked as having left"))
class Deactivated(AuditFormatter):
    def describe(self, data, label):
        return gettext("Marked as having left")


@action("account.reactivated", _("Reactivated"))
class Reactivated(AuditFormatter):
    def describe(self, data, label):
        return gettext("Reactivated")


# --- Forgetting a deleted person -----------------------------------------------------------


def _identities(user):
    """The strings that identify the person: the e-mail always, the name when it has two parts.

    A lone first name ("Bo") would also rewrite unrelated words, so it is not searched for.
    """
    found = {(user.email or "").strip()}
    if (user.first_name or "").strip() and (user.last_name or "").strip():
        found.add(user.get_full_name().strip())
    return sorted(found - {""}, key=len, reverse=True)


def _scrub(value, pattern):
    if isinstance(value, str):
        return pattern.sub(REMOVED_PERSON, value)
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    return value


def forget_person(sender, instance, **kwargs):
    """post_delete of the user model: the log keeps every entry, without the person's identity.

    Entries about the person (logged on their user object) lose their label; their e-mail and
    full name are replaced wherever they appear in a label or in the data (a member added, a
    reminder). Entries where they acted keep the dangling user id, which Wagtail shows as
    "användare 12 (raderad)": the action stays attributable to one deleted account, not to a name.
    """
    identities = _identities(instance)
    if not identities:
        return
    # Whole words only, a Swedish genitive s allowed: "Anna Bergs" yes, "Anna Bergström" no.
    alternatives = "|".join(re.escape(text) for text in identities)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?=s?(?!\w))", re.IGNORECASE)
    # SQLite keeps JSON with \u escapes, PostgreSQL's jsonb as text does not: look for both.
    forms = {form for text in identities for form in (text, json.dumps(text)[1:-1])}
    mentions = Q()
    for form in forms:
        mentions |= Q(label__icontains=form) | Q(data__icontains=form)
    user_type = ContentType.objects.get_for_model(sender)
    for model in registry.get_log_entry_models():
        keyed_by_id = any(field.name == "object_id" for field in model._meta.concrete_fields)
        about = Q(content_type=user_type, object_id=str(instance.pk)) if keyed_by_id else Q(pk__in=[])
        for entry in model.objects.filter(about | mentions):
            is_about = keyed_by_id and entry.content_type_id == user_type.pk and entry.object_id == str(instance.pk)
            label = REMOVED_PERSON if is_about else pattern.sub(REMOVED_PERSON, entry.label)
            data = _scrub(entry.data, pattern)
            if label != entry.label or data != entry.data:
                model.objects.filter(pk=entry.pk).update(label=label, data=data)
