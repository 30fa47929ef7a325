"""The challenge tree's rules: a solution's organisation comes from its part; one part per organisation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from challenges.models import ChallengePage, OrganisationSolutionsPage, SolutionPage
from challenges.permissions import ensure_organisation_editors
from core.pagetree import ensure_child_page
from tests.factories import OrganisationFactory

from .tree import add_url, edit_url, make_part, make_solution


def test_a_solution_takes_its_organisation_from_its_part(part, other_part, organisation):
    live = make_solution(part, slug="publicerad")
    draft = make_solution(part, slug="utkast", live=False)  # Wagtail saves drafts with minimal_clean()
    assert live.organisation == organisation and live.live
    assert draft.organisation == organisation and not draft.live


def test_a_solution_outside_an_organisations_part_is_refused_and_not_stored(challenge):
    page = SolutionPage(title="Fel plats", slug="fel-plats", summary="S", target_group="Chefer", live=True)
    with pytest.raises(ValidationError, match="organisations del av en utmaning"):
        challenge.add_child(instance=page)
    assert not SolutionPage.objects.exists()


def test_a_revision_keeps_the_organisation_of_the_place_in_the_tree(part):
    solution = make_solution(part)
    # The part is given to another organisation: the solution follows, also when an old revision is published.
    new = OrganisationFactory(name="Timrå kommun")
    part.organisation = new
    part.save_revision().publish()
    ensure_organisation_editors(OrganisationSolutionsPage.objects.get(pk=part.pk))
    solution.refresh_from_db()
    assert solution.organisation == new
    solution.get_latest_revision().publish()
    solution.refresh_from_db()
    assert solution.organisation == new


def test_the_admin_refuses_a_second_part_for_the_same_organisation(client, administrator, part, organisation):
    client.force_login(administrator)
    before = OrganisationSolutionsPage.objects.count()
    data = nested_form_data(
        {"title": "Härnösand igen", "slug": "harnosand-igen", "organisation": str(organisation.pk), "seo_title": ""}
    )
    response = client.post(add_url(part.get_parent(), "organisationsolutionspage"), {**data, "action-publish": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "Organisationen har redan en egen del under den här utmaningen."
    ]
    assert OrganisationSolutionsPage.objects.count() == before


def test_the_admin_makes_a_part_and_gives_it_to_the_organisations_editors(client, administrator, challenge):
    organisation = OrganisationFactory(name="Kramfors kommun")
    client.force_login(administrator)
    data = nested_form_data({"title": "Kramfors", "slug": "kramfors", "organisation": str(organisation.pk)})
    response = client.post(add_url(challenge, "organisationsolutionspage"), {**data, "action-publish": "1"})
    assert response.status_code == 302
    part = OrganisationSolutionsPage.objects.get(organisation=organisation)
    perms = set(part.group_permissions.values_list("group__name", "permission__codename"))
    assert perms == {
        ("Lösningsredaktörer: Kramfors kommun", "add_page"),
        ("Lösningsredaktörer: Kramfors kommun", "change_page"),
    }


def test_changing_a_parts_organisation_moves_the_permissions_and_the_solutions(
    client, administrator, part, organisation
):
    solution = make_solution(part)
    new = OrganisationFactory(name="Timrå kommun")
    client.force_login(administrator)
    data = nested_form_data({"title": "Timrå", "slug": part.slug, "organisation": str(new.pk)})
    response = client.post(edit_url(part), {**data, "action-publish": "1"})
    assert response.status_code == 302
    groups = set(part.group_permissions.values_list("group__name", flat=True))
    assert groups == {"Lösningsredaktörer: Timrå kommun"}
    solution.refresh_from_db()
    assert solution.organisation == new


def test_a_moved_solution_belongs_to_its_new_part(
    client, settings, administrator, part, other_part, other_organisation
):
    # Wagtail's redirect on move reads a cache that core.sites.KeptSiteRootPathsMixin does not fill (reported).
    settings.WAGTAILREDIRECTS_AUTO_CREATE = False
    solution = make_solution(part)
    client.force_login(administrator)
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=(solution.pk, other_part.pk)))
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.get_parent().pk == other_part.pk
    assert solution.organisation == other_organisation


def test_the_part_sends_readers_to_the_challenge_filtered(client, part, challenge, organisation):
    response = client.get(part.url)
    assert response.status_code == 302
    assert response["Location"] == f"{challenge.url}?organisation={organisation.pk}#losningar"


def test_parts_elsewhere_do_not_count(challenge, home_page, organisation, roles):
    make_part(challenge, organisation)
    second, _ = ensure_child_page(home_page, ChallengePage, "fas-2", title="Digitalkompetens fas 2")
    part = OrganisationSolutionsPage(title="Härnösand", slug="harnosand", organisation=organisation)
    second.add_child(instance=part)
    part.parent_for_validation = second
    part.full_clean()  # the same organisation under another challenge is fine


def test_the_faq_answer_field_is_labelled_as_a_noun_in_swedish():
    """ "Answer" is a verb on the quiz button ("Svara") and a noun on the FAQ field ("Svar")."""
    from django.utils import translation

    from challenges.models import FAQBlock

    with translation.override("sv"):
        assert str(FAQBlock().child_blocks["answer"].label) == "Svar"
        assert translation.gettext("Answer") == "Svara"
