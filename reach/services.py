"""Changing the reach targets: one function, in a transaction, logged. Also the audit sentences of reach."""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit

from .models import ReachTarget


def set_targets(actor, organisation_share, leading_persons):
    """Store the two targets (row pk 1, locked while changed). Returns (target, changed); logs a change only."""
    with transaction.atomic():
        target, _created = ReachTarget.objects.select_for_update().get_or_create(pk=1)
        before = (target.organisation_share, target.leading_persons)
        if before == (organisation_share, leading_persons) and not _created:
            return target, False
        target.organisation_share = organisation_share
        target.leading_persons = leading_persons
        target.updated_by = actor
        target.full_clean()
        target.save()
        audit.log(
            "reach.targets_changed",
            f"reach targets {before} -> {(organisation_share, leading_persons)}",
            actor=actor,
            obj=target,
            share_before=before[0],
            share=organisation_share,
            persons_before=before[1],
            persons=leading_persons,
        )
    return target, True


@audit.action("reach.targets_changed", _("Reach: targets changed"))
class TargetsChanged(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext(
            "Changed the reach targets: share of organisations %(share_before)s %% → %(share)s %%, "
            "leading persons %(persons_before)s → %(persons)s"
        ) % {
            "share_before": data.get("share_before", "–"),
            "share": data.get("share", "–"),
            "persons_before": data.get("persons_before", "–"),
            "persons": data.get("persons", "–"),
        }


@audit.action("reach.exported", _("Reach: figures exported"))
class ReachExported(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Exported the reach figures as %(format)s") % {"format": audit._format(data)}
