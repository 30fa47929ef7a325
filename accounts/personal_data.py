"""The personal data accounts itself holds: the profile."""

from django.utils.translation import gettext_lazy as _


def export_profile(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": str(user.organisation) if user.organisation_id else None,
        "department": str(user.department) if user.department_id else None,
        "target_group": user.get_target_group_display() if user.target_group else None,
        "preferred_language": user.preferred_language,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def erase_profile(user):
    """The user row itself is deleted by the caller; nothing else to do here."""


def register():
    from core import personal_data

    personal_data.register("profile", _("Your profile"), export_profile, erase_profile)
