"""Who may write an organisation's solutions: its solution editors, only in its part of a challenge.

Each organisation has one group, "Lösningsredaktörer: <organisation>". The group may use the admin, upload
and choose images and documents, and add and change pages in the organisation's parts of challenges (an
OrganisationSolutionsPage and what is under it). It may not publish: its pages reach the site through the
review workflow (accounts/review.py), where a reviewer (Granskare) approves them or sends them back.

An administrator puts a municipality's editors in the group (Settings → Groups, or the person's page).
`ensure_organisation_editors` is idempotent; it runs when a part is made, when a part is published (so a new
organisation takes over only once the change is published: challenges/wagtail_hooks.py, challenges/signals.py),
and from the demo. Only those who may publish a part may change its organisation (challenges/forms.py).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

# Data, not a UI string: the group's name as the admin shows it.
GROUP_PREFIX = "Lösningsredaktörer: "
PAGE_PERMISSIONS = ["add_page", "change_page"]  # never publish_page: their pages go through the workflow
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def group_name(organisation):
    return f"{GROUP_PREFIX}{organisation.name}"[:150]  # Group.name holds 150 characters


def editors_group(organisation):
    """The organisation's solution editors' group, or None while it has no part of any challenge."""
    return Group.objects.filter(name=group_name(organisation)).first()


@transaction.atomic
def ensure_organisation_editors(part):
    """Give the part's organisation's solution editors their permissions on `part`; return their group.

    Editors of another organisation lose the part (its organisation was changed), and the solutions under
    it follow the part's organisation.
    """
    group, _ = Group.objects.get_or_create(name=group_name(part.organisation))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=part,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    GroupPagePermission.objects.filter(page=part, group__name__startswith=GROUP_PREFIX).exclude(group=group).delete()
    part.sync_solutions()
    return group


def add_organisation_editor(user, part):
    """Make `user` one of the solution editors of the part's organisation (the demo, tests)."""
    group = ensure_organisation_editors(part)
    user.groups.add(group)
    return group
