"""Registration in a real browser: the panel on the webcast page (places left, full, queue, registered),
register and cancel with plain forms, the manager's "register people" screen and the calendar feed page.
axe-core, the Nu Html Checker, the CSP and the layout at 1280 and 390 px."""

import datetime

import pytest

from tests.factories import PASSWORD, UserFactory
from tests.webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401  (fixtures)
from webcasts import booking
from webcasts.models import Registration

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks

DAY = datetime.timedelta(days=1)


@pytest.fixture
def webcasts(site, webcast_factory, organisation):  # noqa: F811
    roomy = webcast_factory(starts_in=3 * DAY, title="Digital ledning i praktiken", counties=["Y"], capacity=12)
    full = webcast_factory(starts_in=4 * DAY, title="Fullsatt: AI i kommunen", counties=["Y"], capacity=1)
    booking.register(UserFactory(organisation=organisation), full)
    return {"roomy": roomy, "full": full}


@across_viewports
def test_register_queue_and_cancel(page, live_server, learner, webcasts, new_page, viewport):
    checks = Checks(new_page)
    roomy, full = webcasts["roomy"], webcasts["full"]
    name = "phone" if viewport["width"] < 500 else "desktop"
    checks.visit(page, "anonymous", roomy.url)
    assert "Logga in för att anmäla dig" in page.inner_text("#anmalan")
    login(page, live_server, learner.email, PASSWORD)
    checks.visit(page, "signed in", roomy.url)
    assert "12 platser kvar" in page.inner_text("#anmalan")
    page.get_by_role("button", name="Anmäl mig").click()
    page.wait_for_url(lambda url: url.endswith("#anmalan"))
    assert "Du är anmäld" in page.inner_text("main")
    assert "11 platser kvar" in page.inner_text("#anmalan")
    # Checked on a fresh load: the flash message's list markup belongs to templates/includes/messages.html.
    checks.visit(page, "registered", roomy.url)
    screenshot(page, f"registration-registered-{name}")
    checks.visit(page, "my learning with a webcast", "/mitt-larande/")
    assert roomy.title in page.inner_text("main")
    screenshot(page, f"my-learning-webcasts-{name}")
    checks.visit(page, "full", full.url)
    assert "Fullbokat – ställ dig i kö" in page.inner_text("#anmalan")
    page.get_by_role("button", name="Ställ mig i kö").click()
    page.wait_for_url(lambda url: url.endswith("#anmalan"))
    assert "Du står som nummer 1 i kön" in page.inner_text("#anmalan")
    checks.visit(page, "queued", full.url)
    screenshot(page, f"registration-queued-{name}")
    page.get_by_role("button", name="Lämna kön").click()
    page.wait_for_url(lambda url: url.endswith("#anmalan"))
    assert "Din anmälan är avbokad" in page.inner_text("main")
    checks.assert_ok()
    assert Registration.objects.get(user=learner, webcast=full).status == "cancelled"


@across_viewports
def test_manager_registers_people_and_feed_page(page, live_server, manager, organisation, webcasts, new_page, viewport):
    checks = Checks(new_page)
    name = "phone" if viewport["width"] < 500 else "desktop"
    people = [UserFactory(organisation=organisation) for _ in range(3)]
    login(page, live_server, manager.email, PASSWORD)
    roomy = webcasts["roomy"]
    checks.visit(page, "register people", f"/webbsandning/{roomy.pk}/anmal-personer/")
    screenshot(page, f"registration-people-{name}")
    page.get_by_role("button", name="Anmäl de valda personerna").click()
    page.wait_for_load_state()
    assert "personer anmälda" in page.inner_text("main")
    checks.check(page, "register people: result")
    screenshot(page, f"registration-people-done-{name}")
    assert Registration.objects.filter(user__in=people, webcast=roomy).count() == 3
    checks.visit(page, "calendar feed", "/mitt-larande/kalender/")
    page.get_by_role("button", name="Skapa mitt kalenderflöde").click()
    page.wait_for_load_state()
    assert "/kalender/" in page.input_value("#feed-url")
    checks.check(page, "calendar feed: made")
    screenshot(page, f"calendar-feed-{name}")
    checks.visit(page, "my learning", "/mitt-larande/")
    checks.assert_ok()
