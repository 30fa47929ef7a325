from django.utils.translation import gettext_lazy as _

from .models import Membership, Reminder


def export(user):
    return {
        "groups": [
            {"workshop": m.workshop.title, "starts": m.workshop.starts_at, "group": m.group.name}
            for m in Membership.objects.filter(user=user).select_related("workshop", "group")
        ],
        "reminders": [
            {"workshop": r.workshop.title, "day": r.sent_on, "status": r.status}
            for r in Reminder.objects.filter(user=user).select_related("workshop")
        ],
    }


def erase(user):
    Membership.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()


def register():
    from core import personal_data

    personal_data.register("workshops", _("Workshops: your groups and reminders"), export, erase)
