"""What search engines and link previews read about a page: the meta description and a sharing image.

Wagtail's own `search_description` is the meta description; this mixin adds the image that a link
preview (Open Graph) shows, and a fallback description from the page's own introduction.
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

# The rendition templates/base.html makes of the sharing image (a page that prefetches its images' renditions
# includes it, as home.news does for an article).
SHARING_IMAGE_SPEC = "fill-1200x630"


class SocialMetaMixin(models.Model):
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared in social media or chat. At least 1200 × 630 pixels."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    # Fields that stand in for a missing meta description, in order.
    description_fallback_fields = ("intro", "lead", "summary", "hero_text")

    class Meta:
        abstract = True

    def meta_description(self):
        """The editor's search description, else the page's own introduction, at most 160 characters."""
        text = self.search_description
        if not text:
            for name in self.description_fallback_fields:
                value = getattr(self, name, "")
                if value:
                    text = strip_tags(str(value))
                    break
        return Truncator(" ".join(text.split())).chars(160)

    def sharing_image(self):
        """The image a link preview (og:image) shows, or None: the chosen sharing image here; a page type with
        an image of its own may fall back to it. Asks nothing of the database without a chosen image."""
        return self.social_image if self.social_image_id else None
