"""The start page, general content pages and the accessibility statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock, LinkBlock
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin


class HomePage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    featured_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("featured links"), max_num=6)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("featured_links"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class ContentPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """A general page: "Om Kompetenslyft", privacy, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("last_reviewed")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class ComplianceStatus(models.TextChoices):
    FULL = "helt", _("fully compliant")
    PARTIAL = "delvis", _("partially compliant")
    NONE = "inte", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    EXTERNAL = "external", _("external review")


class AccessibilityStatementPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """The tillgänglighetsredogörelse required by the Swedish accessibility law (DOS-lagen)."""

    organisation_name = models.CharField(_("organisation"), max_length=200, default="Kompetenslyft")
    service_name = models.CharField(_("service"), max_length=200, default="kompetenslyft.se")
    compliance_status = models.CharField(
        _("compliance status"), max_length=10, choices=ComplianceStatus.choices, default=ComplianceStatus.PARTIAL
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    assessment_method = models.CharField(
        _("how compliance was assessed"), max_length=10, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    assessment_description = RichTextField(_("what was tested"), blank=True, features=RICH_TEXT_FEATURES)
    assessed_on = models.DateField(_("assessment date"))
    updated_on = models.DateField(_("last updated"))
    feedback_text = RichTextField(
        _("feedback and contact"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How to report problems or ask for an accessible version, and how fast we answer."),
    )
    feedback_email = models.EmailField(_("feedback e-mail"), default="tillganglighet@kompetenslyft.se")
    response_days = models.PositiveSmallIntegerField(_("we answer within (working days)"), default=5)
    known_issues = StreamField(
        [
            (
                "issue",
                blocks.StructBlock(
                    [
                        ("situation", blocks.CharBlock(label=_("Situation"), help_text=_("E.g. Without sight"))),
                        ("problem", blocks.TextBlock(label=_("Problem"))),
                        ("reason", blocks.TextBlock(label=_("Reason"), required=False)),
                    ],
                    icon="warning",
                    label=_("Known problem"),
                    template="blocks/known_issue.html",
                ),
            )
        ],
        blank=True,
        verbose_name=_("content that is not accessible"),
    )
    disproportionate_burden = RichTextField(_("disproportionate burden"), blank=True, features=RICH_TEXT_FEATURES)
    outside_scope = RichTextField(_("content outside the law's scope"), blank=True, features=RICH_TEXT_FEATURES)

    SUPERVISORY_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("service_name"), FieldPanel("compliance_status")],
            heading=_("Status"),
        ),
        FieldPanel("intro"),
        FieldPanel("known_issues"),
        FieldPanel("disproportionate_burden"),
        FieldPanel("outside_scope"),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_description"),
                FieldPanel("assessed_on"),
                FieldPanel("updated_on"),
            ],
            heading=_("Assessment"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_text"), FieldPanel("feedback_email"), FieldPanel("response_days")],
            heading=_("Feedback"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")


@register_setting(icon="list-ul")
class SiteFooter(BaseSiteSetting):
    """Pages linked from every page's footer. The accessibility statement is required by law."""

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), default="kontakt@kompetenslyft.se")

    panels = [
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
        FieldPanel("about_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("footer")
