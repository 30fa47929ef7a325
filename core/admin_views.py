"""Admin views of our own in front of Wagtail's, where Wagtail's would show more than the person may see."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.registry import bulk_action_registry


@require_admin_access
def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk actions, refused up front to anyone who may act on none of the chosen objects.

    Wagtail's confirmation page lists every chosen object by title, including those the person has no
    permission on, so without this any admin user could read the titles (or names) behind any id.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    view = action_class(request, model)
    actionable, _without_access = view.get_actionable_objects()
    if not actionable:
        raise PermissionDenied
    return view.dispatch(request)
