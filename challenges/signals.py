"""Keeping the challenge tree consistent whichever way Wagtail publishes or moves a page.

Wagtail runs its admin hooks (challenges/wagtail_hooks.py) only from some of its views: a reviewer's approval,
the scheduler (`publish_scheduled`) and the bulk "Move" action publish or move pages without them. These
signals are sent on every publish and move, so:

- a published part gives its (possibly new) organisation's solution editors their permissions, and its
  solutions follow it;
- a moved solution takes the organisation of the part it now sits under.
"""

from wagtail.signals import page_published, post_page_move

from .models import OrganisationSolutionsPage, SolutionPage
from .permissions import ensure_organisation_editors


def part_published(sender, instance, **kwargs):
    if instance.organisation_id:
        ensure_organisation_editors(OrganisationSolutionsPage.objects.get(pk=instance.pk))


def solution_moved(sender, instance, **kwargs):
    SolutionPage.objects.get(pk=instance.pk).follow_part()


def connect():
    page_published.connect(part_published, sender=OrganisationSolutionsPage, dispatch_uid="challenges.part_published")
    post_page_move.connect(solution_moved, sender=SolutionPage, dispatch_uid="challenges.solution_moved")
