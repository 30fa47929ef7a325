"""The roles as Django groups, each tied to a stable code (accounts.models.Role), with their permissions.

Code asks for a role by its code (`MANAGER == "manager"`), never by the group's name, so an
administrator may rename a group without taking the role away from anyone. `ensure_roles` is
idempotent: the data migrations call it, and so do test fixtures after a transactional test has
flushed the tables.
"""

from django.apps import apps as global_apps

LEARNER = "learner"
FACILITATOR = "facilitator"
MANAGER = "manager"
EDITOR = "editor"
PROGRAMME_OWNER = "programme_owner"
ADMINISTRATOR = "administrator"
TEACHER = "teacher"  # kursledare: teaches cohorts of a leadership programme, often an outside expert
REVIEWER = "reviewer"  # granskare: approves or sends back pages in the review workflow (accounts/review.py)
ROLES = [LEARNER, FACILITATOR, MANAGER, EDITOR, PROGRAMME_OWNER, ADMINISTRATOR, TEACHER, REVIEWER]

# The group's name when the role is first made: Swedish, as the admin shows it. Data, not a UI string.
DEFAULT_GROUP_NAMES = {
    LEARNER: "Deltagare",
    FACILITATOR: "Samtalsledare",
    MANAGER: "Chef",
    EDITOR: "Redaktör",
    PROGRAMME_OWNER: "Programägare",
    ADMINISTRATOR: "Administratör",
    TEACHER: "Kursledare",
    REVIEWER: "Granskare",
}
# Names the groups had before roles had codes; adopted (and renamed) once by the migration.
LEGACY_GROUP_NAMES = {
    LEARNER: "Learner",
    FACILITATOR: "Facilitator",
    MANAGER: "Manager",
    EDITOR: "Editor",
    ADMINISTRATOR: "Administrator",
}

# (app_label, codename) per role. Scoping (a manager sees only their own organisation) is
# enforced by accounts.scoping, not by these permissions.
ROLE_PERMISSIONS = {
    LEARNER: [],
    FACILITATOR: [],
    MANAGER: [
        ("wagtailadmin", "access_admin"),
        ("accounts", "view_organisation"),
        ("accounts", "view_reports"),
        ("accounts", "view_user"),
    ],
    EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        # Contact people (a snippet in core), page feedback reports, promoted search results and redirects.
        ("core", "add_contactperson"),
        ("core", "change_contactperson"),
        ("core", "delete_contactperson"),
        ("core", "view_contactperson"),
        ("home", "view_pagefeedback"),
        ("wagtailsearchpromotions", "add_query"),
        ("wagtailsearchpromotions", "change_query"),
        ("wagtailsearchpromotions", "delete_query"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
    PROGRAMME_OWNER: [
        ("wagtailadmin", "access_admin"),
        ("accounts", "view_organisation"),
        ("accounts", "view_reports"),
    ],
    ADMINISTRATOR: "__all__",
    TEACHER: [],
    # Approving publishes the page as the reviewer, and Wagtail checks that the reviewer may publish: the
    # group gets publish_page on the root page from accounts/review.py (and migration 0009).
    REVIEWER: [("wagtailadmin", "access_admin"), ("home", "view_pagefeedback")],
}


def extend_role(role, permissions):
    """Higher apps add their permissions to a role from AppConfig.ready(), keeping imports downwards."""
    current = ROLE_PERMISSIONS[role]
    if current != "__all__":
        current.extend(p for p in permissions if p not in current)


EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _ensure_permissions_exist(apps):
    """Permissions are normally made after migrate; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _role_group(apps, code):
    """The group of a role: found by code; made (or a legacy group adopted and renamed) the first time."""
    Group = apps.get_model("auth", "Group")
    Role = apps.get_model("accounts", "Role")
    role = Role.objects.filter(code=code).select_related("group").first()
    if role is not None:
        return role.group
    name = DEFAULT_GROUP_NAMES[code]
    group = Group.objects.filter(name=LEGACY_GROUP_NAMES.get(code, name), role__isnull=True).first()
    if group is not None and group.name != name and not Group.objects.filter(name=name).exists():
        group.name = name
        group.save(update_fields=["name"])
    if group is None:
        group = Group.objects.filter(name=name, role__isnull=True).first() or Group.objects.create(
            name=_free_name(Group, name)
        )
    Role.objects.create(code=code, group=group)
    return group


def _free_name(Group, name):
    candidate, n = name, 2
    while Group.objects.filter(name=candidate).exists():
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def ensure_roles(apps=global_apps):
    try:
        apps.get_model("accounts", "Role")
    except LookupError:  # a migration from before roles had codes: a later one makes them
        return {}
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    if apps is not global_apps:
        _ensure_permissions_exist(apps)
    groups = {}
    for role in ROLES:
        group = groups[role] = _role_group(apps, role)
        wanted = ROLE_PERMISSIONS[role]
        if wanted == "__all__":
            perms = Permission.objects.all()
        else:
            # A permission of an app migrated later is skipped now; that app's migration grants it.
            perms = [
                perm
                for app_label, codename in wanted
                for perm in Permission.objects.filter(content_type__app_label=app_label, codename=codename)[:1]
            ]
        group.permissions.add(*perms)
    _ensure_editor_page_permissions(apps, groups[EDITOR])
    _ensure_editor_page_permissions(apps, groups[ADMINISTRATOR])
    _ensure_collection_management(apps, groups[ADMINISTRATOR])
    # Wagtail's starter groups would sit confusingly beside ours; drop them while unused.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True, role__isnull=True).delete()
    return groups


def group_for(code):
    """The permission group of a role, by its stable code."""
    return _role_group(global_apps, code)


def _ensure_collection_management(apps, group):
    """Collections are managed through permissions on the root collection, which "every permission" misses."""
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is None:
        return
    for action in ("add", "change", "delete"):
        perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=f"{action}_collection").first()
        if perm is not None:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=perm)


def _ensure_editor_page_permissions(apps, group):
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in ("add", "change", "choose"):
                perm = Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
