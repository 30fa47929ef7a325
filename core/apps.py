from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import audit, versions
        from .models import ContactPerson

        request_started.connect(versions.pin, dispatch_uid="core.versions.pin")
        request_finished.connect(versions.unpin, dispatch_uid="core.versions.unpin")

        def content_changed(**kwargs):
            versions.bump(versions.CONTENT)

        def page_saved(sender, instance, **kwargs):
            if isinstance(instance, Page):  # any page type; senders are the specific classes
                content_changed()

        def roles_changed(**kwargs):
            versions.bump(versions.ROLES)

        # Anything that could change a kept page, who may open it, or the links every page shows.
        post_save.connect(page_saved, dispatch_uid="core.versions.page_saved", weak=False)
        post_delete.connect(content_changed, sender=Page, dispatch_uid="core.versions.page_deleted", weak=False)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(content_changed, dispatch_uid=f"core.versions.pages.{id(signal)}", weak=False)
        for event in (post_save, post_delete):
            # Documents and images: kept rich text and quiz explanations link to them.
            # Contact people: their cards are inside kept page bodies.
            for sender in (PageViewRestriction, Site, get_document_model(), get_image_model(), ContactPerson):
                uid = f"core.versions.{sender.__name__}.{id(event)}"
                event.connect(content_changed, sender=sender, dispatch_uid=uid, weak=False)
            event.connect(roles_changed, sender=Group, dispatch_uid=f"core.versions.group.{id(event)}", weak=False)
        # Memberships and permissions, changed from either side (a clear included).
        User = get_user_model()
        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(
                roles_changed, sender=through, dispatch_uid=f"core.versions.{through.__name__}", weak=False
            )
        m2m_changed.connect(
            content_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="core.versions.pvr_groups",
            weak=False,
        )
        # A deleted person's e-mail and name leave the audit trail; the entries stay.
        post_delete.connect(audit.forget_person, sender=User, dispatch_uid="core.audit.forget_person")
