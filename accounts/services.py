"""State changes for people: roles, erasure."""

from django.contrib.auth.models import Group

from .roles import LEARNER


def add_default_role(user):
    group, _ = Group.objects.get_or_create(name=LEARNER)
    user.groups.add(group)
