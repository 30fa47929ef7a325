"""A challenge ("Digitalkompetens fas 1") and the solutions municipalities share under it.

The tree is Challenge → one part per organisation → that organisation's solutions. Each part is where an
organisation's editors get page permissions (challenges/permissions.py), so they can write solutions only
there, and their pages reach the site through the review workflow.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock, DocumentBlock
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin, public

from .forms import ChallengeTreePageForm

# The id of the solutions section on a challenge page: a part of the tree sends its readers there.
SOLUTIONS_ANCHOR = "losningar"


def _tree_parent(page):
    """The page's parent, specific: from the admin form while a new page is not yet in the tree."""
    parent = getattr(page, "parent_for_validation", None)
    if parent is None and page.path:
        parent = page.get_parent()
    return parent.specific if parent is not None else None


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(
        label=pgettext_lazy("noun", "Answer"), features=["bold", "italic", "ul", "ol", "link"]
    )

    class Meta:
        icon = "help"
        template = "blocks/faq_item.html"
        label = _("Question and answer")
        description = _("A frequently asked question with its answer, shown as a disclosure")
        preview_value = {
            "question": "Varför ska vi mäta digital mognad?",
            "answer": "<p>För att veta var ni står innan ni väljer insatser.</p>",
        }


class CriterionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Criterion"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "tick-inverse"
        template = "blocks/criterion.html"
        label = _("Horizontal criterion")
        description = _("E.g. gender equality, equal treatment, environment")


class ChallengePage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    background = RichTextField(_("background"), blank=True, features=RICH_TEXT_FEATURES)
    goal = RichTextField(_("goal"), blank=True, features=RICH_TEXT_FEATURES)
    expected_results = RichTextField(_("expected results"), blank=True, features=RICH_TEXT_FEATURES)
    criteria = StreamField([("criterion", CriterionBlock())], blank=True, verbose_name=_("horizontal criteria"))
    faq = StreamField([("question", FAQBlock())], blank=True, verbose_name=_("frequently asked questions"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("background"),
        FieldPanel("goal"),
        FieldPanel("expected_results"),
        FieldPanel("criteria"),
        FieldPanel("faq"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("background"),
        index.SearchField("goal"),
        index.SearchField("faq"),
    ]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["challenges.OrganisationSolutionsPage", "home.FormPage"]

    class Meta:
        verbose_name = _("challenge")

    def get_context(self, request, *args, **kwargs):
        from .selectors import solution_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = solution_listing(self, request.GET)
        context["proposal_form"] = self.proposal_form()
        return context

    def proposal_form(self):
        """The live "submit your own solution" form under the challenge, if there is one."""
        from home.models import FormPage

        return public(self.get_children().live().type(FormPage)).order_by("path").first()

    def solutions_url(self, request=None, **params):
        """The challenge's solutions, filtered by `organisation` (id) and/or `tag` (slug)."""
        query = urlencode({key: value for key, value in params.items() if value})
        return f"{self.get_url(request=request)}{'?' + query if query else ''}#{SOLUTIONS_ANCHOR}"


class OrganisationSolutionsPage(KeptSiteRootPathsMixin, Page):
    """One organisation's part of a challenge: its editors' page permissions are given here."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="challenge_parts",
    )

    content_panels = Page.content_panels + [FieldPanel("organisation")]
    parent_page_types = ["challenges.ChallengePage"]
    subpage_types = ["challenges.SolutionPage"]

    base_form_class = ChallengeTreePageForm
    preview_modes = []  # the part has no page of its own: it sends readers to the challenge, filtered

    class Meta:
        verbose_name = _("organisation's solutions")
        verbose_name_plural = _("organisations' solutions")

    def clean(self):
        super().clean()
        parent = _tree_parent(self)
        if parent is None or not self.organisation_id:
            return
        taken = (
            OrganisationSolutionsPage.objects.child_of(parent)
            .filter(organisation_id=self.organisation_id)
            .exclude(pk=self.pk)
        )
        if taken.exists():
            raise ValidationError({"organisation": _("This organisation already has a part under this challenge.")})

    def serve(self, request, *args, **kwargs):
        """Readers see the organisation's solutions on the challenge page, filtered (302)."""
        challenge = self.get_parent().specific
        return HttpResponseRedirect(challenge.solutions_url(request, organisation=self.organisation_id))

    def get_sitemap_urls(self, request=None):
        return []  # the part only redirects: search engines find its solutions through the challenge

    def sync_solutions(self):
        """Solutions follow their part: after its organisation changed, they belong to the new one."""
        return (
            SolutionPage.objects.child_of(self)
            .exclude(organisation_id=self.organisation_id)
            .update(organisation_id=self.organisation_id)
        )


class SolutionPageTag(TaggedItemBase):
    content_object = ParentalKey("challenges.SolutionPage", related_name="tagged_items", on_delete=models.CASCADE)


class SolutionPageQuerySet(PageQuerySet):
    def for_challenge(self, challenge):
        return self.descendant_of(challenge)

    def for_cards(self):
        """What a card shows: organisation and tags in two queries in all, without the long fields."""
        return self.select_related("organisation").prefetch_related("tags").defer_streamfields().defer("lessons")


class SolutionPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """A solution shared by (or written for) one organisation: checklist, measurement, planning support."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="solutions",
        editable=False,
        blank=True,  # set by clean() from the part of the tree the page is saved under
        help_text=_("Taken from the organisation's part of the challenge the solution is saved under."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    target_group = models.CharField(
        _("target group"), max_length=200, help_text=_('Who the solution is for, e.g. "Chefer och HR".')
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    attachments = StreamField([("document", DocumentBlock())], blank=True, verbose_name=_("attachments"))
    lessons = RichTextField(_("what we learned"), blank=True, features=RICH_TEXT_FEATURES)
    tags = ClusterTaggableManager(through=SolutionPageTag, blank=True, verbose_name=_("tags"))

    objects = PageManager.from_queryset(SolutionPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("target_group"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        FieldPanel("lessons"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("lessons"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["challenges.OrganisationSolutionsPage"]
    subpage_types = []

    description_fallback_fields = ("summary",)
    base_form_class = ChallengeTreePageForm

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def clean(self):
        super().clean()
        self._take_organisation_from_part()

    def minimal_clean(self):
        # Wagtail saves a draft with this instead of clean(): a draft needs its organisation too.
        super().minimal_clean()
        self._take_organisation_from_part()

    def _take_organisation_from_part(self):
        """The organisation is always the one whose part of the tree the solution is saved under."""
        folder = _tree_parent(self)
        if not isinstance(folder, OrganisationSolutionsPage):
            raise ValidationError(_("A solution must be saved under an organisation's part of a challenge."))
        self.organisation_id = folder.organisation_id

    def with_content_json(self, content):
        """A revision keeps the organisation it was saved with; the page keeps the one of its place in the tree
        (a part whose organisation changed, a solution moved to another part)."""
        page = super().with_content_json(content)
        if self.organisation_id:
            page.organisation_id = self.organisation_id
        return page

    def follow_part(self):
        """After a move: take the organisation of the part the solution now sits under."""
        folder = Page.objects.get(pk=self.pk).get_parent().specific  # read again: the move changed the path
        if isinstance(folder, OrganisationSolutionsPage) and folder.organisation_id != self.organisation_id:
            self.organisation_id = folder.organisation_id
            SolutionPage.objects.filter(pk=self.pk).update(organisation_id=folder.organisation_id)

    def challenge(self):
        return ChallengePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["challenge"] = challenge = self.challenge()
        context["organisation_url"] = (
            challenge.solutions_url(request, organisation=self.organisation_id) if challenge else None
        )
        context["tags"] = [
            (tag, challenge.solutions_url(request, tag=tag.slug) if challenge else None) for tag in self.tags.all()
        ]
        return context
