"""Scheduled publishing and unpublishing (go_live_at / expire_at) with Wagtail's `publish_scheduled`.

Nothing of our own runs the schedule: cron (or the worker's host) runs
`python manage.py publish_scheduled` every minute, as the README says.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from core.pagetree import ensure_child_page
from home.models import ContentPage

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def publish_scheduled():
    call_command("publish_scheduled", stdout=io.StringIO())


def move_schedule(revision, go_live_at):
    """Set a scheduled revision's time (as if the clock had moved on): the approval and the page's own field."""
    revision.refresh_from_db()
    revision.approved_go_live_at = go_live_at
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def scheduled_draft(home_page, slug, go_live_at):
    """A draft an editor scheduled (Publish with a go-live time in the future): Wagtail keeps the approved revision."""
    page = ContentPage(title=f"Planerad {slug}", slug=slug, live=False)
    home_page.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # in the future: scheduled, not live
    page.refresh_from_db()
    assert not page.live and page.has_unpublished_changes
    move_schedule(revision, go_live_at)
    return page


def test_a_page_whose_time_has_come_goes_live(client, home_page):
    page = scheduled_draft(home_page, "nu", timezone.now() - MINUTE)
    assert client.get("/nu/").status_code == 404
    publish_scheduled()
    page.refresh_from_db()
    assert page.live
    assert client.get("/nu/").status_code == 200


def test_a_page_scheduled_for_later_stays_a_draft(client, home_page):
    page = scheduled_draft(home_page, "senare", timezone.now() + datetime.timedelta(days=1))
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/senare/").status_code == 404


def test_an_expired_page_is_unpublished(client, home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "kampanj", title="Kampanj")
    ContentPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - MINUTE)
    assert client.get("/kampanj/").status_code == 200
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/kampanj/").status_code == 404


def test_a_page_expiring_later_stays_live(client, home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "pagar", title="Pågår")
    ContentPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))
    publish_scheduled()
    page.refresh_from_db()
    assert page.live and not page.expired
    assert client.get("/pagar/").status_code == 200


def test_an_editor_schedules_through_the_admin(client, editor, home_page):
    """The editor's own way: Publish with a go-live time sets the schedule; the command does the rest."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    page = ContentPage(title="Nyhetsbrev", slug="nyhetsbrev", live=False)
    home_page.add_child(instance=page)
    client.force_login(editor)
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([]),
            "last_reviewed": "",
            "seo_title": "",
            "search_description": "",
            "social_image": "",
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert not page.live
    revision = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(approved_go_live_at=None).get()
    publish_scheduled()
    assert not ContentPage.objects.get(pk=page.pk).live  # not yet
    move_schedule(revision, timezone.now() - MINUTE)
    publish_scheduled()
    assert ContentPage.objects.get(pk=page.pk).live
