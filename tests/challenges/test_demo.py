"""The challenge demo: four municipalities' solutions, an FAQ and one page waiting for the reviewer. Idempotent."""

from django.apps import apps
from wagtail.models import WorkflowState

from accounts import demo as accounts_demo
from challenges import demo as challenges_demo
from challenges.models import ChallengePage, OrganisationSolutionsPage, SolutionPage


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_demo_twice_changes_nothing(home_page, client):
    people = accounts_demo.seed()["people"]
    challenges_demo.seed(home_page, people)
    first = _counts()
    challenges_demo.seed(home_page, accounts_demo.seed()["people"])
    assert _counts() == first

    challenge = ChallengePage.objects.get(slug="digitalkompetens-fas-1")
    assert len(challenge.faq) == 5 and len(challenge.criteria) == 3
    parts = OrganisationSolutionsPage.objects.child_of(challenge)
    assert {p.organisation.name for p in parts} == set(accounts_demo.SOLUTION_EDITORS)
    assert SolutionPage.objects.live().count() == 5
    assert {s.organisation.name for s in SolutionPage.objects.live()} == set(accounts_demo.SOLUTION_EDITORS)

    waiting = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert waiting.requested_by.email == "redaktor@kramfors.se"
    assert waiting.content_object.title == "Uppföljning efter första träffen"
    assert not waiting.content_object.live

    for email in accounts_demo.SOLUTION_EDITORS.values():
        editor = people[email]
        assert editor.has_perm("wagtailadmin.access_admin")
        part = parts.get(organisation=editor.organisation)
        assert part.permissions_for_user(editor).can_add_subpage()
        assert not part.permissions_for_user(editor).can_publish_subpage()

    html = client.get(challenge.url).content.decode()
    assert "Visar 5 av 5 lösningar." in html and "Vanliga frågor" in html
    document = SolutionPage.objects.get(slug="nulagesmatning-digital-mognad").attachments[0].value["document"]
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF-1.4")
