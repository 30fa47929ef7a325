import pytest
from allauth.account.models import EmailAddress

from accounts.review import ensure_review_workflow
from accounts.roles import REVIEWER
from challenges.models import ChallengePage
from challenges.permissions import add_organisation_editor
from core.pagetree import ensure_child_page
from tests.factories import UserFactory

from .tree import make_part


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _verified(user):
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@pytest.fixture
def challenge(home_page):
    page, _ = ensure_child_page(
        home_page,
        ChallengePage,
        "digitalkompetens-fas-1",
        title="Digitalkompetens fas 1",
        intro="Hur lyfter en kommun den digitala kompetensen?",
        background="<p>Bakgrund.</p>",
        goal="<p>Mål.</p>",
    )
    return page


@pytest.fixture
def workflow(roles, home_page):
    return ensure_review_workflow()


@pytest.fixture
def part(challenge, organisation, roles):
    return make_part(challenge, organisation)


@pytest.fixture
def other_part(challenge, other_organisation, roles):
    return make_part(challenge, other_organisation)


@pytest.fixture
def org_editor(part, organisation, workflow):
    """Härnösand's solution editor: may add and change pages in Härnösand's part only."""
    user = _verified(UserFactory(email="redaktor@harnosand.se", organisation=organisation))
    add_organisation_editor(user, part)
    return user


@pytest.fixture
def reviewer(roles, workflow):
    return _verified(UserFactory(email="granskare@kompetenslyft.se", organisation=None, roles=[REVIEWER]))
