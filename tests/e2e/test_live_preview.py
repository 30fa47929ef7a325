"""The editor's live preview in the side panel of the page editor: the iframe must load, i.e. our own
Content-Security-Policy (frame-ancestors) and X-Frame-Options must let the admin frame the preview."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .conftest import login


@pytest.mark.e2e
def test_editor_sees_the_module_in_the_live_preview_panel(site, module, editor, page, live_server):
    login(page, live_server, editor.email, PASSWORD)
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "frame" in message.text.lower() else None)
    page.goto(f"{live_server.url}/admin/pages/{module.pk}/edit/")
    # Our own logo in the sidebar (templates/wagtailadmin/base.html), not Wagtail's bird.
    expect(page.locator("#wagtail-sidebar img.kl-admin-logo")).to_be_visible()
    page.locator("[data-side-panel-toggle=preview]").click()
    iframe = page.locator("#w-preview-iframe")
    expect(iframe).to_be_visible()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1").filter(has_text=module.title).first).to_be_visible(timeout=15_000)
    assert not [text for text in blocked if "ancestor" in text.lower() or "x-frame-options" in text.lower()]
