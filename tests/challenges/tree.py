"""Building the challenge tree in tests, the way the admin and the demo do: published revisions."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from challenges.models import OrganisationSolutionsPage, SolutionPage
from challenges.permissions import ensure_organisation_editors


def make_part(challenge, organisation):
    part = OrganisationSolutionsPage(title=organisation.name, slug=f"org-{organisation.pk}", organisation=organisation)
    challenge.add_child(instance=part)
    part.save_revision().publish()
    part.refresh_from_db()
    ensure_organisation_editors(part)
    return part


def make_solution(part, title="Checklista för målgrupper", tags=(), slug=None, live=True, **fields):
    page = SolutionPage(
        title=title,
        slug=slug or f"losning-{SolutionPage.objects.count() + 1}",
        summary=fields.pop("summary", "En kort sammanfattning av lösningen."),
        target_group=fields.pop("target_group", "Chefer och HR"),
        live=False,
        **fields,
    )
    page.tags.add(*tags)
    part.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def solution_form(title="Planeringsstöd för chefsdagen", slug="planeringsstod", tags="Planeringsstöd", **changes):
    """What Wagtail's page form posts for a solution."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "Så planerade vi chefsdagen.",
        "target_group": "Chefer och HR",
        "body": streamfield([]),
        "attachments": streamfield([]),
        "lessons": rich_text("<p>Börja i tid.</p>"),
        "tags": tags,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def add_url(parent, model="solutionpage"):
    return reverse("wagtailadmin_pages:add", args=("challenges", model, parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))
