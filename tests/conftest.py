import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import ADMINISTRATOR, EDITOR, FACILITATOR, MANAGER, ensure_roles
from core.pagetree import ensure_child_page
from elearning.models import CourseIndexPage, CoursePage
from home.setup import ensure_site
from workshops.models import Membership, Workshop, WorkshopGroup

from .builders import make_module
from .factories import DepartmentFactory, OrganisationFactory, UserFactory


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only after the test database exists.

    Started first, it sees the settings' database name, not the test database's in-memory one, and on SQLite
    its threads then open their own connections to the shared in-memory database: two requests writing at
    once fail with "database table is locked" (shared-cache SQLite does not wait). Started after, it shares
    the test thread's connection, as Django's LiveServerTestCase does; tests/e2e/conftest.py (QuietServer)
    serialises the requests on it.
    """
    return live_server


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits live in the cache; keep tests independent of each other.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def home_page(db):
    """The default site's home page (made again if a transactional test flushed it)."""
    return ensure_site()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Härnösands kommun")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Sundsvalls kommun")


def _verified(user):
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@pytest.fixture
def learner(roles, organisation):
    return _verified(UserFactory(email="learner@harnosand.se", organisation=organisation))


@pytest.fixture
def other_learner(roles, organisation):
    return _verified(UserFactory(email="other.learner@harnosand.se", organisation=organisation))


@pytest.fixture
def manager(roles, organisation):
    return _verified(UserFactory(email="manager@harnosand.se", organisation=organisation, roles=[MANAGER]))


@pytest.fixture
def other_manager(roles, other_organisation):
    return _verified(UserFactory(email="manager@sundsvall.se", organisation=other_organisation, roles=[MANAGER]))


@pytest.fixture
def facilitator(roles, organisation):
    return _verified(UserFactory(email="facilitator@harnosand.se", organisation=organisation, roles=[FACILITATOR]))


@pytest.fixture
def editor(roles):
    return _verified(UserFactory(email="editor@kompetenslyft.se", organisation=None, roles=[EDITOR]))


@pytest.fixture
def administrator(roles):
    return _verified(UserFactory(email="admin@kompetenslyft.se", organisation=None, roles=[ADMINISTRATOR]))


@pytest.fixture
def course(home_page):
    index, _ = ensure_child_page(home_page, CourseIndexPage, "utbildningar", title="Utbildningar")
    page, _ = ensure_child_page(index, CoursePage, "testkurs", title="Testkurs", target_groups=["chef"])
    return page


@pytest.fixture
def module(course):
    return make_module(course)


@pytest.fixture
def module_factory(course):
    return lambda **kwargs: make_module(course, **kwargs)


@pytest.fixture
def modules(course):
    return [make_module(course, slug="modul-a"), make_module(course, slug="modul-b")]


@pytest.fixture
def workshop(organisation, modules, facilitator):
    workshop = Workshop.objects.create(
        title="Chefsdag digitalisering",
        organisation=organisation,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        place="Härnösands teater",
        reminder_days_before=3,
    )
    workshop.required_modules.set(modules)
    workshop.facilitators.set([facilitator])
    workshop.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    return workshop


@pytest.fixture
def group(workshop, facilitator):
    return WorkshopGroup.objects.create(workshop=workshop, name="Bord 1", facilitator=facilitator, room="Foajén")


@pytest.fixture
def other_group(workshop):
    return WorkshopGroup.objects.create(workshop=workshop, name="Bord 2")


@pytest.fixture
def members_factory(organisation, roles):
    def make(count, group=None, **kwargs):
        department = kwargs.pop("department", None) or DepartmentFactory(organisation=organisation)
        people = [UserFactory(organisation=organisation, department=department, **kwargs) for _ in range(count)]
        if group is not None:
            for person in people:
                Membership.objects.create(workshop=group.workshop, group=group, user=person)
        return people

    return make
