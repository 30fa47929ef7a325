"""Forms built by editors with Wagtail's form builder: the contact form and "submit your own solution".

Spam protection, the privacy text, the attachment check and retention are in home/formguard.py and
home/submissions.py; the page model only holds what the editor chooses.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
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

    # --- The public form (rules in home.formguard and home.submissions) ---------------------------------

    def get_form_class(self):
        """The editor's fields (length-capped), the spam guard's honeypot and token, and the attachment."""
        from home import formguard, submissions

        base = submissions.FormBuilder(self.get_form_fields()).get_form_class()
        extra = formguard.guard_fields()
        if self.allow_attachment:
            extra[submissions.ATTACHMENT] = submissions.AttachmentField()
        return type("FormPageForm", (formguard.GuardedFormMixin, base), extra)

    def serve(self, request, *args, **kwargs):
        from home import submissions

        if request.method != "POST":
            return self.render_form(request, self.get_form(page=self, user=request.user))
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        outcome = submissions.submit(self, form, request)
        if outcome.submission is not None:
            return self.render_landing_page(request, outcome.submission, *args, **kwargs)
        return self.render_form(request, form, status=outcome.status, headers=outcome.headers)

    def process_form_submission(self, form):
        """Stores the submission and queues the notification mail after commit (Wagtail's own sends the
        mail at once, inside the request)."""
        from home import submissions

        return submissions.save_submission(self, form)[0]

    def send_mail(self, form):
        raise NotImplementedError("Form mails are sent after commit by home.tasks.send_form_notification.")

    def get_context(self, request, *args, **kwargs):
        from home.footer import privacy_url

        context = super().get_context(request, *args, **kwargs)
        context["privacy_url"] = privacy_url()
        return context

    def render_form(self, request, form, status=200, headers=None):
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status, headers=headers)
        add_never_cache_headers(response)  # a one-time token and a CSRF token: no shared cache may keep it
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    # --- The admin's submissions list and exports (home.admin_forms) -----------------------------------

    def get_data_fields(self):
        from home.submissions import ATTACHMENT

        fields = super().get_data_fields()
        if self.allow_attachment:
            fields.append((ATTACHMENT, _("Attachment")))
        return fields

    def get_submissions_list_view_class(self):
        from home.admin_forms import SubmissionsListView

        return SubmissionsListView


class FormPageSubmission(AbstractFormSubmission):
    """A submission, with its optional attachment in private storage (served only to editors)."""

    attachment = models.FileField(
        _("attachment"), storage=private_storage, upload_to="forms/%Y/%m/", blank=True, max_length=300
    )
    attachment_name = models.CharField(_("attachment's file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("form submission")
        indexes = [models.Index(fields=["submit_time"], name="home_formsub_submit_time")]

    def get_data(self):
        from home.submissions import ATTACHMENT, TOKEN_KEY

        data = {key: value for key, value in super().get_data().items() if key != TOKEN_KEY}
        data[ATTACHMENT] = self.attachment_name
        return data
