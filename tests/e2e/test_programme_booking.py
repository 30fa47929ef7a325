"""Booking a place in a leadership programme in a real browser, at 1280 and 390 px: the programme page
(how full each cohort is, the learner's own place), booking with a plain form, the confirmation, the
manager's "book employees" screen and bookings list. axe-core, the Nu Html Checker, the CSP, the layout."""

import pytest

from programmes import booking
from programmes.models import Booking, BookingStatus
from tests.factories import PASSWORD, UserFactory
from tests.programmes.conftest import cohort, cohort_factory, programme_page, teacher  # noqa: F401  (fixtures)

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks


@pytest.fixture
def cohorts(site, programme_page, cohort_factory, organisation):  # noqa: F811
    roomy = cohort_factory(title="Våren 2027")
    half = cohort_factory(title="Hösten 2027", starts_in_days=90)
    for _ in range(2):
        booking.book(UserFactory(organisation=organisation), half)
    full = cohort_factory(title="Våren 2028", starts_in_days=150, capacity=1)
    booking.book(UserFactory(organisation=organisation), full)
    return {"roomy": roomy, "half": half, "full": full}


@across_viewports
def test_learner_books_a_place(page, live_server, learner, programme_page, cohorts, new_page, viewport):  # noqa: F811
    checks = Checks(new_page)
    name = "phone" if viewport["width"] < 500 else "desktop"
    roomy = cohorts["roomy"]
    checks.visit(page, "programme page, anonymous", programme_page.url)
    main = page.inner_text("main")
    assert "50 % bokat" in main and "Fullbokat – ställ dig i kö" in main and "Logga in för att boka" in main
    login(page, live_server, learner.email, PASSWORD)
    checks.visit(page, "programme page, signed in", programme_page.url)
    cohort_box = page.locator(f"#omgang-{roomy.pk}")
    cohort_box.get_by_role("button", name="Boka plats").click()
    page.wait_for_url(lambda url: url.endswith(f"#omgang-{roomy.pk}"))
    assert "Du har en plats" in page.inner_text("main")  # the confirmation message
    assert "bokat" in page.locator(f"#omgang-{roomy.pk}").inner_text()
    assert page.locator(f"#omgang-{roomy.pk} [data-status='booked']").is_visible()
    assert Booking.objects.get(user=learner, cohort=roomy).status == BookingStatus.BOOKED
    checks.visit(page, "programme page, booked", programme_page.url)
    screenshot(page, f"programme-booked-{name}")
    checks.visit(page, "my programmes", "/program/mina-program/")
    assert "Våren 2027" in page.inner_text("main") and "Nästa träff" in page.inner_text("main")
    checks.assert_ok()


@across_viewports
def test_manager_books_employees_and_sees_the_bookings(
    page,
    live_server,
    manager,
    organisation,
    programme_page,  # noqa: F811
    cohorts,
    new_page,
    viewport,
):
    checks = Checks(new_page)
    name = "phone" if viewport["width"] < 500 else "desktop"
    people = [UserFactory(organisation=organisation, first_name="Medarbetare") for _ in range(2)]
    roomy = cohorts["roomy"]
    login(page, live_server, manager.email, PASSWORD)
    checks.visit(page, "programme page, manager", programme_page.url)
    page.locator(f"#omgang-{roomy.pk}").get_by_role("link", name="Boka medarbetare").click()
    page.wait_for_load_state()
    checks.check(page, "book employees")
    for person in people:
        page.locator(f"#p{person.pk}").check()
    page.get_by_role("button", name="Boka de valda").click()
    page.wait_for_load_state()
    assert "2 personer bokade" in page.inner_text("main")
    checks.check(page, "book employees: result")
    screenshot(page, f"programme-book-people-{name}")
    checks.visit(page, "bookings", "/program/bokningar/")
    assert page.inner_text("main").count("Medarbetare") >= 2
    screenshot(page, f"programme-bookings-{name}")
    checks.assert_ok()
    assert Booking.objects.filter(user__in=people, cohort=roomy, status=BookingStatus.BOOKED).count() == 2
