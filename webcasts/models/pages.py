"""Webcasts as Wagtail pages: WebcastIndexPage -> WebcastSeriesPage -> WebcastPage (an episode).

Times are stored in UTC (Django's aware datetimes) and shown in Europe/Stockholm. What state a
webcast is in (upcoming, live now, ended, recording available) follows the clock: see
`webcasts.schedule`, the one rule for it.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.models import County, TargetGroup
from core.blocks import RICH_TEXT_FEATURES
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin

from ..blocks import PollBlock
from ..embeds import validate_embed_url

DEFAULT_REACH_TARGET = 3000


class WebcastIndexPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """All webcasts: live now, upcoming and past, filterable by county and target group."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["webcasts.WebcastSeriesPage", "webcasts.WebcastPage"]

    class Meta:
        verbose_name = _("webcast list")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import index_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(index_listing(self, request.GET))
        return context


class AudienceForm(WagtailAdminPageForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    counties = forms.MultipleChoiceField(
        label=_("Invited counties"), choices=County.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class WebcastSeriesPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """A series of episodes (e.g. "Våga vara digital!") with its audience and its reach target."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    counties = models.JSONField(_("invited counties"), default=list, blank=True)
    reach_target = models.PositiveIntegerField(
        _("reach target (leading persons)"),
        default=DEFAULT_REACH_TARGET,
        help_text=_("How many elected officials, senior officials and managers the series aims to reach."),
    )

    base_form_class = AudienceForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("target_groups"),
        FieldPanel("counties"),
        FieldPanel("reach_target"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["webcasts.WebcastIndexPage"]
    subpage_types = ["webcasts.WebcastPage"]

    class Meta:
        verbose_name = _("webcast series")
        verbose_name_plural = _("webcast series")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import audience, series_episodes

        context = super().get_context(request, *args, **kwargs)
        context.update(series_episodes(self))
        context.update(audience(self))
        return context


class PollResults(models.TextChoices):
    AFTER_VOTE = "after_vote", _("After the viewer has voted")
    AFTER_CLOSE = "after_close", _("When the poll is closed")


class WebcastPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """One broadcast: its time, audience, stream, and afterwards its recording, chapters and transcript."""

    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences for lists."))
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    counties = models.JSONField(_("invited counties"), default=list, blank=True)
    organisations = ParentalManyToManyField(
        "accounts.Organisation", verbose_name=_("invited organisations"), blank=True, related_name="+"
    )
    stream_url = models.URLField(
        _("live stream (embed address)"),
        blank=True,
        validators=[validate_embed_url],
        help_text=_("The embed address from the streaming service. Only approved services are accepted."),
    )
    recording_url = models.URLField(_("recording (embed address)"), blank=True, validators=[validate_embed_url])
    recording_minutes = models.PositiveSmallIntegerField(_("length of the recording (minutes)"), null=True, blank=True)
    transcript = RichTextField(_("transcript"), blank=True, features=RICH_TEXT_FEATURES)
    related_modules = ParentalManyToManyField(
        "elearning.ModulePage", verbose_name=_("related e-modules"), blank=True, related_name="webcasts"
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for no limit. When full, people join a waiting list.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    questions_need_approval = models.BooleanField(
        _("hold questions for approval"),
        default=False,
        help_text=_("Questions show to viewers only after a moderator has approved them."),
    )
    poll_results = models.CharField(
        _("show poll results"), max_length=20, choices=PollResults.choices, default=PollResults.AFTER_VOTE
    )
    polls = StreamField([("poll", PollBlock())], verbose_name=_("polls"), blank=True)
    moderators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("moderators"), blank=True, related_name="moderated_webcasts"
    )
    attendance_minutes = models.PositiveSmallIntegerField(_("minutes live to count as attended"), default=10)
    recording_share = models.PositiveSmallIntegerField(
        _("share of the recording to count as attended (per cent)"), default=50
    )
    # Bumped on every change a calendar should see (time, title, place, cancellation): iCalendar SEQUENCE.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    base_form_class = AudienceForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("intro"),
        FieldPanel("description"),
        InlinePanel("presenters", label=_("Presenter"), heading=_("Presenters")),
        MultiFieldPanel(
            [FieldPanel("target_groups"), FieldPanel("counties"), FieldPanel("organisations")],
            heading=_("Audience"),
        ),
        MultiFieldPanel([FieldPanel("stream_url"), FieldPanel("capacity"), FieldPanel("cancelled")], heading=_("Live")),
        MultiFieldPanel(
            [
                FieldPanel("recording_url"),
                FieldPanel("recording_minutes"),
                InlinePanel("chapters", label=_("Chapter"), heading=_("Chapters")),
                FieldPanel("transcript"),
            ],
            heading=_("Recording"),
        ),
        FieldPanel("related_modules"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
    ]
    interaction_panels = [
        FieldPanel("moderators"),
        FieldPanel("questions_need_approval"),
        FieldPanel("poll_results"),
        FieldPanel("polls"),
        FieldRowPanel([FieldPanel("attendance_minutes"), FieldPanel("recording_share")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(interaction_panels, heading=_("Questions and polls")),
            ObjectList(SocialMetaMixin.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("transcript"),
    ]
    parent_page_types = ["webcasts.WebcastIndexPage", "webcasts.WebcastSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webcast")
        verbose_name_plural = _("webcasts")

    @property
    def state(self):
        from ..schedule import state

        return state(self)

    def kind_detail(self):
        """The state as a search hit shows it after the kind: "Direkt nu", "Inspelning finns", "Kommande 3
        december 2026 kl. 13.00" (Europe/Stockholm). No query."""
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        from ..schedule import State

        current = self.state
        if current == State.UPCOMING:
            return _("Upcoming %(when)s") % {"when": date_format(localtime(self.starts_at), "DATETIME_FORMAT")}
        return str(current.label)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import webcast_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(webcast_detail(self, request.GET))
        return context

    def serve(self, request, *args, **kwargs):
        """The page, with a Content-Security-Policy that lets it frame its own streaming host once the viewer
        presses play (the site's policy allows no other host). Nothing loads from that host before."""
        from core.middleware import PREVIEW_CSP, PUBLIC_CSP

        from ..embeds import frame_policy

        preview = getattr(request, "is_preview", False) or getattr(request, "is_dummy", False)
        response = super().serve(request, *args, **kwargs)
        player = getattr(response, "context_data", None) and response.context_data.get("player")
        if player and player.available:
            response.headers["Content-Security-Policy"] = frame_policy(
                PREVIEW_CSP if preview else PUBLIC_CSP, player.url
            )
        return response

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The webcast must end after it starts.")})


class WebcastPresenter(Orderable):
    page = ParentalKey(WebcastPage, on_delete=models.CASCADE, related_name="presenters")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("title and organisation"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]


class WebcastChapter(Orderable):
    """A chapter of the recording: a time from its start and a title. Each jumps the player."""

    page = ParentalKey(WebcastPage, on_delete=models.CASCADE, related_name="chapters")
    starts_at_seconds = models.PositiveIntegerField(_("starts (seconds into the recording)"))
    title = models.CharField(_("title"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("starts_at_seconds"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        ordering = ["starts_at_seconds"]

    @property
    def time_label(self):
        """The chapter's place in the recording as a viewer reads it: "12:30", or "1:02:05" past an hour."""
        hours, rest = divmod(self.starts_at_seconds or 0, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def iso_duration(self):
        """For <time datetime>: "PT12M30S"."""
        return f"PT{self.starts_at_seconds or 0}S"


class WebcastDocument(Orderable):
    page = ParentalKey(WebcastPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Empty: the document's own title."))

    panels = [FieldPanel("document"), FieldPanel("title")]
