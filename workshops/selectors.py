"""Read-side queries about workshops for one person (My learning)."""

from django.utils import timezone

from elearning.models import ModulePage, ModuleProgress

from .models import Membership, Workshop
from .readiness import status_of


def upcoming_for_member(user):
    """My upcoming workshops, my group, and the status of each module I must finish. Four queries."""
    memberships = list(
        Membership.objects.filter(user=user, workshop__starts_at__gte=timezone.now() - timezone.timedelta(days=1))
        .select_related("workshop", "group", "group__facilitator")
        .order_by("workshop__starts_at")
    )
    if not memberships:
        return []
    workshop_ids = [m.workshop_id for m in memberships]
    through = Workshop.required_modules.through.objects.filter(workshop_id__in=workshop_ids)
    links = list(through.values_list("workshop_id", "modulepage_id"))
    modules = {m.pk: m for m in ModulePage.objects.live().filter(pk__in=[mid for _, mid in links]).order_by("path")}
    progress = {p.module_id: p for p in ModuleProgress.objects.filter(user=user, module_id__in=modules)}
    result = []
    for membership in memberships:
        items = []
        for workshop_id, module_id in links:
            if workshop_id == membership.workshop_id and module_id in modules:
                row = progress.get(module_id)
                items.append({"module": modules[module_id], "status": status_of(row), "progress": row})
        items.sort(key=lambda item: item["module"].path)
        result.append(
            {
                "workshop": membership.workshop,
                "group": membership.group,
                "modules": items,
                "ready": all(item["status"] == "completed" for item in items),
                "days_left": membership.workshop.days_left(),
            }
        )
    return result
