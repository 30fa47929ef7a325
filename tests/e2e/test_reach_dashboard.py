"""The reach dashboard in a real browser, as a programme owner, at 1280 and 390 px: figures against the
targets, the GET filter form (also without JavaScript), the list to call next, the targets form with a
bad value and a good one. axe-core, the Nu Html Checker, the CSP and the layout on every page."""

from tests.factories import PASSWORD
from tests.reach.conftest import owner, programme_page_for_reach, world  # noqa: F401  (fixtures)

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks


@across_viewports
def test_programme_owner_reads_and_filters_reach(page, live_server, site, owner, world, new_page, viewport):  # noqa: F811
    checks = Checks(new_page)
    name = "phone" if viewport["width"] < 500 else "desktop"
    login(page, live_server, owner.email, PASSWORD)
    checks.visit(page, "reach dashboard", "/rackvidd/")
    main = page.inner_text("main")
    assert "Räckvidd" in main and "71 %" in main
    assert "Målet är nått" in main
    page.locator("summary", has_text="Västernorrlands län").first.click()
    assert page.get_by_text("Kramfors kommun").first.is_visible()
    screenshot(page, f"reach-dashboard-{name}")

    page.locator("#id_county").select_option("C")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_url(lambda url: "county=C" in url)
    checks.check(page, "reach dashboard: Uppsala län")
    assert "Sundsvalls kommun" not in page.inner_text("main")

    checks.visit(page, "reach dashboard: a bad filter", "/rackvidd/?county=XX&activity=program")
    assert "hoppats över" in page.inner_text("main")

    checks.visit(page, "reach targets", "/rackvidd/mal/")
    page.locator("#id_organisation_share").fill("101")
    page.get_by_role("button", name="Spara målen").click()
    page.wait_for_load_state()
    assert "högst 100 %" in page.inner_text("main")
    checks.check(page, "reach targets: an error")
    page.locator("#id_organisation_share").fill("80")
    page.get_by_role("button", name="Spara målen").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/rackvidd"))
    assert "Målen är sparade" in page.inner_text("main")
    assert "Målet är inte nått ännu" in page.inner_text("main")
    screenshot(page, f"reach-targets-saved-{name}")
    checks.assert_ok()


def test_filters_work_without_javascript(live_server, site, owner, world, new_page):  # noqa: F811
    checks = Checks(new_page)
    page = new_page(java_script_enabled=False)
    login(page, live_server, owner.email, PASSWORD)
    page.goto("/rackvidd/")
    page.locator("#id_kind").select_option("region")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_url(lambda url: "kind=region" in url)
    html = page.content()  # the organisations are in closed <details>: read the document, not the visible text
    assert "Region Västernorrland" in html
    assert "Härnösands kommun" not in html
    checks.check_without_javascript(page, "reach dashboard without JavaScript")
    checks.assert_ok()
