"""The review workflow in a real browser: a municipality's solution editor writes a solution in their own part
of the challenge and submits it for review; the reviewer (Granskare) approves it from the admin dashboard, and
the page is on the site."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from wagtail.models import Collection, WorkflowState

from accounts.review import ensure_review_workflow
from accounts.roles import REVIEWER
from challenges.models import ChallengePage, SolutionPage
from challenges.permissions import add_organisation_editor
from core.pagetree import ensure_child_page
from tests.challenges.tree import make_part
from tests.factories import PASSWORD, UserFactory

from .conftest import login
from .fixtures import screenshot


@pytest.fixture
def root_collection(live_server):
    """A flushed database has lost Wagtail's root collection, which images and documents need."""
    return Collection.objects.filter(depth=1).first() or Collection.add_root(name="Root")


@pytest.fixture
def people(root_collection, site, roles, organisation, other_organisation):
    ensure_review_workflow()
    challenge, _ = ensure_child_page(site, ChallengePage, "digitalkompetens-fas-1", title="Digitalkompetens fas 1")
    part = make_part(challenge, organisation)
    make_part(challenge, other_organisation)
    editor = UserFactory(email="redaktor@harnosand.se", organisation=organisation, first_name="Elin")
    add_organisation_editor(editor, part)
    reviewer = UserFactory(
        email="granskare@kompetenslyft.se", organisation=None, roles=[REVIEWER], first_name="Greta", last_name="Holm"
    )
    for user in (editor, reviewer):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return {"challenge": challenge, "part": part, "editor": editor, "reviewer": reviewer}


def test_an_editor_submits_and_the_reviewer_approves(people, new_page, live_server):
    part, challenge = people["part"], people["challenge"]
    title = "Planeringsstöd för chefsdagen"

    editor = new_page()
    login(editor, live_server, people["editor"].email, PASSWORD)
    editor.goto(f"{live_server.url}/admin/pages/add/challenges/solutionpage/{part.pk}/")
    editor.locator("input[name=title]").fill(title)
    editor.locator("textarea[name=summary]").fill("Så planerade vi chefsdagen, steg för steg.")
    editor.locator("input[name=target_group]").fill("Chefer och HR")
    # No "Publish" for a solution editor: only save a draft, or submit for review.
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.locator("footer .w-dropdown-button [data-w-dropdown-target=toggle]").click()
    submit = editor.locator("button[name=action-submit]")
    expect(submit).to_be_visible()
    screenshot(editor, "review-editor-submit-1280")
    submit.click()
    editor.wait_for_url(lambda url: "/add/" not in url)
    page = SolutionPage.objects.get(title=title)
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    reviewer = new_page()
    login(reviewer, live_server, people["reviewer"].email, PASSWORD)
    reviewer.goto(f"{live_server.url}/admin/")
    row = reviewer.locator("tr").filter(has_text=title)
    expect(row).to_be_visible()  # in "Awaiting your review" (Invantar din granskning)
    screenshot(reviewer, "review-dashboard-1280")
    row.locator("[data-w-dropdown-target=toggle]").click()
    approve = reviewer.get_by_role("button", name="Godkänn", exact=True)
    expect(approve).to_be_visible()
    approve.click()
    expect(reviewer.locator("tr").filter(has_text=title)).to_have_count(0)
    screenshot(reviewer, "review-dashboard-approved-1280")
    page.refresh_from_db()
    for _ in range(50):
        if page.live:
            break
        reviewer.wait_for_timeout(100)
        page.refresh_from_db()
    assert page.live
    visitor = new_page()
    response = visitor.goto(f"{live_server.url}{page.url}")
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text(title)
    visitor.goto(f"{live_server.url}{challenge.url}")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
