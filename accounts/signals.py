"""Role changes and people leaving, written to the audit trail (core.audit) however they happen; and the
person's own language on logging in.

Signals rather than calls in the services, because roles and is_active also change in Wagtail's
user editor; there the admin's LogContext supplies who did it.
"""

from django.contrib.auth import get_user_model, user_logged_in
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from core import audit
from core.middleware import choose_language


def _pairs(instance, reverse, pk_set):
    """(person, group) for the ids of an m2m change seen from either side."""
    User = get_user_model()
    if reverse:  # group.user_set.add(...): the instance is the group
        return [(person, instance) for person in User.objects.filter(pk__in=pk_set)]
    return [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]


def log_role_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_remove":
        # remove() signals every id asked for; keep only the memberships that exist.
        column, other = ("user_id", "group_id") if not reverse else ("group_id", "user_id")
        instance._audit_removing = set(
            sender.objects.filter(**{column: instance.pk, f"{other}__in": pk_set}).values_list(other, flat=True)
        )
    elif action == "pre_clear":
        instance._audit_clearing = list(instance.user_set.all() if reverse else instance.groups.all())
    elif action == "post_add" and pk_set:
        for person, group in _pairs(instance, reverse, pk_set):
            audit.log("account.role_added", group.name, obj=person, role=group.name)
    elif action == "post_remove":
        removing = instance.__dict__.pop("_audit_removing", set())
        for person, group in _pairs(instance, reverse, removing):
            audit.log("account.role_removed", group.name, obj=person, role=group.name)
    elif action == "post_clear":
        for other in instance.__dict__.pop("_audit_clearing", []):
            person, group = (other, instance) if reverse else (instance, other)
            audit.log("account.role_removed", group.name, obj=person, role=group.name)


def remember_active(sender, instance, raw=False, update_fields=None, **kwargs):
    """Note whether the person was active before this save (one query, only if is_active may change)."""
    instance._audit_was_active = None
    if raw or instance.pk is None or (update_fields is not None and "is_active" not in update_fields):
        return
    instance._audit_was_active = sender._base_manager.filter(pk=instance.pk).values_list("is_active", flat=True).first()


def log_active_change(sender, instance, created, raw=False, **kwargs):
    was = instance.__dict__.pop("_audit_was_active", None)
    if raw or created or was is None or was == instance.is_active:
        return
    if instance.is_active:
        audit.log("account.reactivated", "reactivated", obj=instance)
    else:
        audit.log("account.deactivated", "left", obj=instance)


def use_preferred_language(sender, request, user, **kwargs):
    """Logging in (allauth's form, a login code, the admin's login through allauth) brings back the language
    saved on the person's profile, over whatever this device chose before; the cookie then keeps it."""
    if request is not None:
        choose_language(request, getattr(user, "preferred_language", None))


def connect():
    User = get_user_model()
    user_logged_in.connect(use_preferred_language, dispatch_uid="accounts.preferred_language_on_login")
    m2m_changed.connect(log_role_change, sender=User.groups.through, dispatch_uid="accounts.audit.roles")
    pre_save.connect(remember_active, sender=User, dispatch_uid="accounts.audit.active_before")
    post_save.connect(log_active_change, sender=User, dispatch_uid="accounts.audit.active_after")
