"""Admin screens of accounts beyond Wagtail's own: a manager marks a person of their organisation as left."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from . import scoping, services


def set_active(request, user_id, active):
    """GET asks for confirmation, POST marks the person as left (or back). Outside the scope: 404."""
    if not scoping.can_view_reports(request.user):
        raise PermissionDenied
    person = get_object_or_404(scoping.users_visible_to(request.user).select_related("organisation"), pk=user_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        if active:
            changed = services.reactivate(person, actor=request.user)
            text = _("%(person)s is active again.") if changed else _("%(person)s was already active.")
        else:
            changed = services.mark_left(person, actor=request.user)
            text = (
                _("%(person)s is marked as having left. Their history is kept.")
                if changed
                else _("%(person)s was already marked as having left.")
            )
        messages.success(request, text % {"person": person})
        return redirect(reverse("wagtailusers_users:index"))
    return TemplateResponse(
        request,
        "accounts/admin/set_active.html",
        {
            "person": person,
            "active": active,
            "page_title": _("Active again") if active else _("Mark as left"),
            "page_subtitle": str(person),
        },
    )


def mark_left(request, user_id):
    return set_active(request, user_id, active=False)


def reactivate(request, user_id):
    return set_active(request, user_id, active=True)


def person_buttons(person, request_user):
    """The listing's "mark as left" / "active again" entry, for those who may manage the person."""
    if not scoping.can_manage_person(request_user, person):
        return []
    from wagtail.admin.widgets import Button  # a plain Button goes in the row's "more" menu

    if person.is_active:
        return [Button(_("Mark as left"), reverse("accounts_admin_mark_left", args=[person.pk]), priority=50)]
    return [Button(_("Active again"), reverse("accounts_admin_reactivate", args=[person.pk]), priority=50)]
