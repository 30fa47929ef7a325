from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Startsida och innehåll"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import footer
        from .models import SiteFooter

        post_save.connect(footer.forget, sender=SiteFooter, dispatch_uid="home.footer.saved")
        post_save.connect(footer.forget, sender=Site, dispatch_uid="home.footer.site_saved")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(footer.forget, dispatch_uid=f"home.footer.{id(signal)}")
        post_delete.connect(footer.forget, sender=Page, dispatch_uid="home.footer.page_deleted")
