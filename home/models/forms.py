"""Forms built by editors with Wagtail's form builder: the contact form and "submit your own solution".

Spam protection, the privacy text, the attachment check and retention are in home/formguard.py and
home/submissions.py; the page model only holds what the editor chooses.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin
from core.storage import private_storage


class FormField(AbstractFormField):
    page = ParentalKey("home.FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(KeptSiteRootPathsMixin, SocialMetaMixin, AbstractEmailForm):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH_TEXT_FEATURES)
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_(
            "Why we ask for these details, the legal basis and how long we keep them (GDPR art. 13). "
            "A link to the privacy page is always shown beside it."
        ),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep submissions for (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Submissions older than this are deleted every night."),
    )
    allow_attachment = models.BooleanField(
        _("allow an attachment"),
        default=False,
        help_text=_("One file of at most 10 MB: PDF, Word, PowerPoint, Excel or OpenDocument."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("allow_attachment"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("privacy_notice"), FieldPanel("retention_days")], heading=_("Personal data")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification e-mail"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.ContentPage", "challenges.ChallengePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")

    def get_submission_class(self):
        return FormPageSubmission


class FormPageSubmission(AbstractFormSubmission):
    """A submission, with its optional attachment in private storage (served only to editors)."""

    attachment = models.FileField(
        _("attachment"), storage=private_storage, upload_to="forms/%Y/%m/", blank=True, max_length=300
    )
    attachment_name = models.CharField(_("attachment's file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("form submission")
        indexes = [models.Index(fields=["submit_time"], name="home_formsub_submit_time")]
