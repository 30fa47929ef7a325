"""Courses and e-modules as Wagtail pages: CourseIndexPage -> CoursePage -> ModulePage."""

from django import forms
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.models import TargetGroup
from core import sites
from core.blocks import RICH_TEXT_FEATURES
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin

from ..blocks import StepBlock
from ..structure import ModuleStructure


class CourseIndexPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["elearning.CoursePage"]

    class Meta:
        verbose_name = _("course list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = list(sites.public(CoursePage.objects.live()).child_of(self).specific())
        modules = sites.public(ModulePage.objects.live()).filter(path__startswith=self.path)
        counts = {}
        for module in modules.only("path", "estimated_minutes"):
            parent_path = module.path[: -Page.steplen]
            count, minutes = counts.get(parent_path, (0, 0))
            counts[parent_path] = (count + 1, minutes + module.estimated_minutes)
        for course in courses:
            course.module_count, course.total_minutes = counts.get(course.path, (0, 0))
        context["courses"] = courses
        return context


class CoursePageForm(WagtailAdminPageForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class CoursePage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)

    base_form_class = CoursePageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("target_groups")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["elearning.CourseIndexPage"]
    subpage_types = ["elearning.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def target_group_labels(self):
        labels = dict(TargetGroup.choices)
        return [labels[group] for group in self.target_groups if group in labels]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_progress

        context = super().get_context(request, *args, **kwargs)
        modules = list(sites.public(ModulePage.objects.live()).child_of(self).specific())
        progress = course_progress(request.user, modules)
        for module in modules:
            module.my_progress = progress["by_module"].get(module.pk)
        context["modules"] = modules
        context["course_progress"] = progress
        context["total_minutes"] = sum(module.estimated_minutes for module in modules)
        return context


class CompletionRule(models.TextChoices):
    VISITED_AND_PASSED = "visited_passed", _("All steps visited and the quiz passed")
    VISITED = "visited", _("All steps visited")


class ModulePage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """One e-module: ordered steps of content and questions, with a pass mark and attempt policy."""

    intro = models.TextField(_("introduction"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (per cent)"), default=60, help_text=_("Share of the quiz points needed to pass.")
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=0, help_text=_("0 means unlimited."))
    sequential = models.BooleanField(_("steps must be taken in order"), default=False)
    shuffle_options = models.BooleanField(
        _("shuffle answer options per learner"),
        default=False,
        help_text=_(
            "Each learner sees the options of every quiz question in an order of their own, the same each time, "
            "so neighbours cannot compare positions. Scores are not affected."
        ),
    )
    completion_rule = models.CharField(
        _("completion rule"), max_length=20, choices=CompletionRule.choices, default=CompletionRule.VISITED_AND_PASSED
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("steps"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("sequential"),
                FieldPanel("shuffle_options"),
                FieldPanel("completion_rule"),
            ],
            heading=_("Module settings"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("steps")]
    parent_page_types = ["elearning.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("e-module")
        verbose_name_plural = _("e-modules")

    @cached_property
    def course(self):
        """The course this module sits in. Read once per module object: a kept module (core.routing,
        page_cache) is rebuilt whenever a page changes."""
        return self.get_parent()

    @cached_property
    def structure(self):
        return ModuleStructure.from_page(self)

    def step_url(self, number):
        return reverse("module_step", args=[self.pk, number])

    def rendered(self, key, render):
        """HTML that depends only on this published content and the language, rendered once per instance.

        Live modules are kept in memory by elearning.page_cache, which drops them (and this) when they
        change, so a step's text and pictures are rendered once per process instead of on every request.
        """
        fragments = self.__dict__.setdefault("_rendered_fragments", {})
        key = (key, get_language())
        html = fragments.get(key)
        if html is None:
            html = fragments[key] = render()
        return html

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return redirect(self.url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import module_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(module_overview(request.user, self))
        return context

    def serve_preview(self, request, mode_name):
        """Editors preview every step at once; nothing is stored."""
        from django.template.response import TemplateResponse

        return TemplateResponse(request, "elearning/module_preview.html", {"page": self, "self": self})
