"""Page feedback: "Hjälpte informationen på sidan dig?" Yes or no, and an optional comment on no.

Nothing about the person is stored: no user, no address, no time of day, and no cookie is set.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class PageFeedbackQuerySet(models.QuerySet):
    def for_page(self, page):
        return self.filter(page=page)


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_on = models.DateField(_("date"), default=datetime.date.today)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        indexes = [models.Index(fields=["page", "-created_on"], name="home_feedback_page_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(helpful=False) | models.Q(comment=""), name="feedback_comment_only_on_no"
            ),
        ]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.helpful else '-'}"
