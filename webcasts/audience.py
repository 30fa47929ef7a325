"""Who is invited to a webcast, and so who may register: the one rule for it.

The webcast's own invited counties and organisations, if it names any; else its series' counties;
if neither names any, everyone signed in. A person counts by their organisation (its county).
Target groups describe whom the webcast is made for; they do not shut anyone out.
"""

from dataclasses import dataclass

from wagtail.models import Page

from .models import WebcastPage, WebcastSeriesPage


@dataclass(frozen=True)
class Audience:
    counties: frozenset
    organisation_ids: frozenset

    @property
    def everyone(self):
        return not self.counties and not self.organisation_ids

    def invites(self, user, organisation=None):
        """`organisation`: the person's organisation if already loaded (else read from the user)."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return False
        if self.everyone:
            return True
        if user.organisation_id is None:
            return False
        if user.organisation_id in self.organisation_ids:
            return True
        if not self.counties:
            return False
        organisation = organisation or user.organisation
        return organisation.county in self.counties


def audience_of(webcast):
    """The webcast's audience. One query, two when the series decides (no queries of a page's own)."""
    organisation_ids = frozenset(
        WebcastPage.organisations.through.objects.filter(webcastpage_id=webcast.pk).values_list(
            "organisation_id", flat=True
        )
    )
    counties = frozenset(webcast.counties or [])
    if not counties and not organisation_ids and webcast.depth and webcast.depth > 1:
        parent_path = webcast.path[: -Page.steplen]
        series = WebcastSeriesPage.objects.filter(path=parent_path).values_list("counties", flat=True).first()
        counties = frozenset(series or [])
    return Audience(counties, organisation_ids)


def is_invited(user, webcast, audience=None):
    return (audience or audience_of(webcast)).invites(user)
