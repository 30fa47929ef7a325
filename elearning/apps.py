from django.apps import AppConfig


class ElearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elearning"
    verbose_name = "E-lärande"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache, personal_data

        personal_data.register()
        # Anything that could change a live module or who may open it makes every kept copy stale.
        post_save.connect(page_cache.bump_on_page_save, dispatch_uid="elearning.page_cache.page_saved")
        post_delete.connect(page_cache.bump, sender=Page, dispatch_uid="elearning.page_cache.page_deleted")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.bump, dispatch_uid=f"elearning.page_cache.{id(signal)}")
        for event in (post_save, post_delete):
            event.connect(
                page_cache.bump, sender=PageViewRestriction, dispatch_uid=f"elearning.page_cache.pvr.{id(event)}"
            )
