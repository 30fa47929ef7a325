"""The solutions of a challenge as readers see them: filtered by organisation and tag, with counts.

Three queries whatever the number of solutions: the organisations' parts, the solutions with their
organisation, and their tags. A challenge holds tens of solutions, so the counts for each choice are made
from those rows here rather than by one more query per filter.
"""

from dataclasses import dataclass, field

from core.sites import public

from .models import OrganisationSolutionsPage, SolutionPage


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int  # solutions with this choice, given the other filter
    selected: bool


@dataclass
class SolutionListing:
    solutions: list
    total: int  # every live solution of the challenge, unfiltered
    organisations: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    organisation: Choice | None = None
    tag: Choice | None = None
    ignored: bool = False  # a value we did not recognise was left out

    @property
    def active(self):
        return self.organisation is not None or self.tag is not None


def solution_listing(challenge, params):
    """The live, public solutions of `challenge`, filtered by ``organisation`` (an id) and ``tag`` (a slug).

    A value that does not name one of the challenge's organisations or tags is ignored, and
    ``ignored`` says so; nothing here raises on what a reader typed into the address.
    """
    parts = public(OrganisationSolutionsPage.objects.child_of(challenge).live()).select_related("organisation")
    organisations = {part.organisation_id: part.organisation for part in parts}
    solutions = list(
        public(SolutionPage.objects.for_challenge(challenge).live()).for_cards().order_by("organisation__name", "path")
    )
    for solution in solutions:
        organisations.setdefault(solution.organisation_id, solution.organisation)
    tags = {}
    for solution in solutions:
        solution.tag_list = sorted(solution.tags.all(), key=lambda tag: tag.name.lower())
        for tag in solution.tag_list:
            tags.setdefault(tag.slug, tag)

    ignored = False
    organisation_id = _as_id(params.get("organisation"))
    if organisation_id not in organisations:
        ignored = ignored or bool(params.get("organisation"))
        organisation_id = None
    tag_slug = (params.get("tag") or "").strip()
    if tag_slug not in tags:
        ignored = ignored or bool(tag_slug)
        tag_slug = None

    def has_organisation(solution, wanted):
        return wanted is None or solution.organisation_id == wanted

    def has_tag(solution, wanted):
        return wanted is None or any(tag.slug == wanted for tag in solution.tag_list)

    organisation_choices = [
        Choice(
            value=str(pk),
            label=organisation.name,
            count=sum(1 for s in solutions if has_organisation(s, pk) and has_tag(s, tag_slug)),
            selected=pk == organisation_id,
        )
        for pk, organisation in sorted(organisations.items(), key=lambda item: item[1].name.lower())
    ]
    tag_choices = [
        Choice(
            value=slug,
            label=tag.name,
            count=sum(1 for s in solutions if has_tag(s, slug) and has_organisation(s, organisation_id)),
            selected=slug == tag_slug,
        )
        for slug, tag in sorted(tags.items(), key=lambda item: item[1].name.lower())
    ]
    return SolutionListing(
        solutions=[s for s in solutions if has_organisation(s, organisation_id) and has_tag(s, tag_slug)],
        total=len(solutions),
        organisations=organisation_choices,
        tags=tag_choices,
        organisation=next((choice for choice in organisation_choices if choice.selected), None),
        tag=next((choice for choice in tag_choices if choice.selected), None),
        ignored=ignored,
    )


def _as_id(value):
    """A positive database id from a query parameter, or None."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)
