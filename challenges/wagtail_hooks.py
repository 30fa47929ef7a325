"""Admin hooks of the challenge tree: an organisation's part gets its editors, solutions follow their part."""

from wagtail import hooks

from .models import OrganisationSolutionsPage, SolutionPage
from .permissions import ensure_organisation_editors


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def give_part_to_its_organisation(request, page):
    """A new part, or a part whose organisation changed: that organisation's solution editors may write there."""
    if isinstance(page, OrganisationSolutionsPage) and page.organisation_id:
        ensure_organisation_editors(page)


@hooks.register("after_move_page")
def solution_follows_its_part(request, page):
    if isinstance(page, SolutionPage):
        page.follow_part()
