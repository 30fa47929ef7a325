"""The five roles as Django groups, with their permissions.

`ensure_roles` is idempotent: the data migration calls it, and so do test fixtures after a
transactional test has flushed the tables.
"""

from django.apps import apps as global_apps

LEARNER = "Learner"
FACILITATOR = "Facilitator"
MANAGER = "Manager"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
ROLES = [LEARNER, FACILITATOR, MANAGER, EDITOR, ADMINISTRATOR]

# (app_label, codename) per role. Scoping (a manager sees only their own organisation) is
# enforced by accounts.scoping, not by these permissions.
ROLE_PERMISSIONS = {
    LEARNER: [],
    FACILITATOR: [],
    MANAGER: [
        ("wagtailadmin", "access_admin"),
        ("accounts", "view_organisation"),
        ("accounts", "view_reports"),
        ("accounts", "view_department"),
        ("accounts", "add_department"),
        ("accounts", "change_department"),
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
    ],
    ADMINISTRATOR: "__all__",
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


def ensure_roles(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if apps is not global_apps:
        _ensure_permissions_exist(apps)
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        groups[role] = group
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
    # Wagtail's starter groups would sit confusingly beside ours; drop them while unused.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    return groups


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
