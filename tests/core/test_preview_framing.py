"""The editor's side-panel preview loads in an iframe of the admin: that response may be framed by the same
origin only, while every public page keeps refusing any frame."""

from django.urls import reverse

from core.middleware import PREVIEW_CSP, PUBLIC_CSP


def _preview(client, module):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[module.pk])
    data = {
        "title": "Förhandsvisad modul",
        "slug": module.slug,
        "intro": "",
        "steps-count": "0",
        "estimated_minutes": "15",
        "pass_mark": str(module.pass_mark),
        "max_attempts": "0",
        "completion_rule": module.completion_rule,
    }
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"], posted.json()
    # What the iframe in the side panel loads.
    return client.get(url, {"mode": "", "in_preview_panel": "true"})


def test_side_panel_preview_may_be_framed_by_the_admin_only(client, editor, module):
    client.force_login(editor)
    response = _preview(client, module)
    assert response.status_code == 200
    assert "Förhandsvisad modul" in response.content.decode()
    csp = response["Content-Security-Policy"]
    assert csp == PREVIEW_CSP
    assert "frame-ancestors 'self'" in csp and "frame-ancestors 'none'" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Everything else of the public page's policy stays: no inline script in the previewed page.
    assert "script-src 'self';" in csp


def test_public_pages_still_refuse_any_frame(client, module, learner):
    for url in ("/", module.url):
        response = client.get(url)
        assert response["Content-Security-Policy"] == PUBLIC_CSP
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
    client.force_login(learner)
    response = client.get(module.url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_full_preview_names_the_question_kind_in_swedish(client, editor, module):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk])).content.decode()
    assert "Quizfråga (förhandsvisning med facit) · Ett svar" in html
    assert "Quizfråga (förhandsvisning med facit) · Flera svar" in html
    assert "· single" not in html.lower() and "· multiple" not in html.lower()
    # The rest of the step still renders: step titles, other blocks, the answer key.
    assert "Steg ett" in html and "Digitalisering är en ledningsfråga." in html and "✓" in html
