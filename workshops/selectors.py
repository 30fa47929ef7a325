"""Read-side queries about workshops for one person (My learning)."""

from django.utils import timezone

from elearning.models import ModuleProgress

from .models import Membership, Workshop
from .readiness import WebcastStatus, status_of, webcast_status_of, webcast_statuses


def upcoming_for_member(user, progress_by_module=None):
    """My upcoming workshops, my group, and the status of each module and webcast I must finish or attend.

    Three queries, one more without `progress_by_module` ({module id: ModuleProgress} of this user, which
    My learning has read already) and one more when a workshop requires webcasts. Ready means what it
    means in workshops.readiness: every required module completed and every required webcast attended.
    """
    memberships = list(
        Membership.objects.filter(user=user, workshop__starts_at__gte=timezone.now() - timezone.timedelta(days=1))
        .select_related("workshop", "group", "group__facilitator")
        .order_by("workshop__starts_at")
    )
    if not memberships:
        return []
    # The required live modules with the workshops requiring them, in one query. Titles and links only:
    # the steps (a large JSON document a module) are not read.
    through = list(
        Workshop.required_modules.through.objects.filter(
            workshop_id__in=[m.workshop_id for m in memberships], modulepage__live=True
        )
        .select_related("modulepage")
        .defer("modulepage__steps")
    )
    links = [(row.workshop_id, row.modulepage_id) for row in through]
    modules = {row.modulepage_id: row.modulepage for row in through}
    if progress_by_module is None:
        progress_by_module = {p.module_id: p for p in ModuleProgress.objects.filter(user=user, module_id__in=modules)}
    progress = progress_by_module
    webcast_links = list(
        Workshop.required_webcasts.through.objects.filter(
            workshop_id__in=[m.workshop_id for m in memberships], webcastpage__live=True
        )
        .select_related("webcastpage")
        .only("workshop_id", "webcastpage__title", "webcastpage__url_path", "webcastpage__starts_at")
    )
    statuses = webcast_statuses({row.webcastpage_id for row in webcast_links}, [user.pk])
    result = []
    for membership in memberships:
        items = []
        for workshop_id, module_id in links:
            if workshop_id == membership.workshop_id and module_id in modules:
                row = progress.get(module_id)
                items.append({"module": modules[module_id], "status": status_of(row), "progress": row})
        items.sort(key=lambda item: item["module"].path)
        webcasts = []
        for row in webcast_links:
            if row.workshop_id == membership.workshop_id:
                status = webcast_status_of(statuses.get((user.pk, row.webcastpage_id)))[0]
                webcasts.append({"webcast": row.webcastpage, "status": status, "label": WebcastStatus(status).label})
        webcasts.sort(key=lambda item: item["webcast"].starts_at)
        result.append(
            {
                "workshop": membership.workshop,
                "group": membership.group,
                "modules": items,
                "webcasts": webcasts,
                "ready": all(item["status"] == "completed" for item in items)
                and all(item["status"] == WebcastStatus.ATTENDED for item in webcasts),
                "days_left": membership.workshop.days_left(),
            }
        )
    return result
