"""Who may take a module: it is live, and its view restrictions (if any) accept the request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from . import page_cache
from .models import ModulePage


def _load(module_id):
    module = ModulePage.objects.live().filter(pk=module_id).first()
    if module is None:
        return None
    return module, list(module.get_view_restrictions())


def module_for_learner(request, module_id):
    """The live module, from the process's page cache; 404 if not live, 403 if a view restriction refuses."""
    found = page_cache.live_module(module_id, _load)
    if found is None:
        raise Http404(_("There is no such module."))
    module, restrictions = found
    for restriction in restrictions:
        if not restriction.accept_request(request):
            raise PermissionDenied(_("This module is only open to some groups, and you are not in them."))
    return module
