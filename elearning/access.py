"""Who may take a module: it is live, and its view restrictions (if any) accept the request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import ModulePage


def module_for_learner(request, module_id):
    module = ModulePage.objects.live().filter(pk=module_id).first()
    if module is None:
        raise Http404(_("There is no such module."))
    for restriction in module.get_view_restrictions():
        if not restriction.accept_request(request):
            raise PermissionDenied(_("This module is only open to some groups, and you are not in them."))
    return module
