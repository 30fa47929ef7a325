"""From a module in the page editor to its report: a link for those who may view module reports only."""

from unittest import mock

from django.urls import reverse


def _edit_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_module_editor_links_to_the_modules_report(client, editor, module):
    client.force_login(editor)
    html = _edit_html(client, module)
    assert f'href="{reverse("elearning_report", args=[module.pk])}"' in html


def test_report_link_is_hidden_from_those_who_may_not_view_reports(client, editor, module):
    client.force_login(editor)
    with mock.patch("elearning.wagtail_hooks.can_view_module_reports", return_value=False):
        html = _edit_html(client, module)
    assert reverse("elearning_report", args=[module.pk]) not in html


def test_a_course_page_gets_no_report_link(client, editor, course):
    client.force_login(editor)
    html = _edit_html(client, course)
    assert "/admin/e-modulrapporter/" + str(course.pk) not in html


def test_page_listing_links_each_module_to_its_report(client, editor, module, course):
    client.force_login(editor)
    url = reverse("wagtailadmin_explore", args=[course.pk])
    html = client.get(url).content.decode()
    assert f'href="{reverse("elearning_report", args=[module.pk])}"' in html
    with mock.patch("elearning.wagtail_hooks.can_view_module_reports", return_value=False):
        html = client.get(url).content.decode()
    assert reverse("elearning_report", args=[module.pk]) not in html
