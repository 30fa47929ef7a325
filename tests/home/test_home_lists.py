import datetime

from django.utils import timezone

from core.pagetree import ensure_child_page
from elearning.models import CoursePage
from workshops.models import Membership, Workshop, WorkshopGroup


def _join(workshop, user):
    group, _ = WorkshopGroup.objects.get_or_create(workshop=workshop, name="Bord 1")
    return Membership.objects.create(workshop=workshop, group=group, user=user)


def test_home_lists_live_courses_with_their_module_count(client, modules, course):
    draft, _ = ensure_child_page(course.get_parent(), CoursePage, "utkastkurs", title="Utkastkurs")
    draft.unpublish()
    html = client.get("/").content.decode()
    assert 'id="courses-heading"' in html
    assert "Testkurs" in html
    assert "2 moduler" in html
    assert "Utkastkurs" not in html


def test_anonymous_visitors_see_no_workshop_section(client, modules):
    html = client.get("/").content.decode()
    assert 'id="my-workshops-heading"' not in html


def test_a_person_sees_only_their_own_upcoming_workshops(client, learner, workshop, organisation):
    _join(workshop, learner)
    Workshop.objects.create(
        title="Någon annans chefsdag", organisation=organisation, starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    past = Workshop.objects.create(
        title="Förra chefsdagen", organisation=organisation, starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    _join(past, learner)
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert "Chefsdag digitalisering" in html
    assert "Härnösands teater" in html
    assert "Någon annans chefsdag" not in html
    assert "Förra chefsdagen" not in html


def test_a_person_without_workshops_is_told_so(client, learner, home_page):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert 'id="my-workshops-heading"' in html
    assert "inte anmäld till någon kommande workshop" in html


def test_home_query_count_does_not_grow_with_courses_or_workshops(
    client, learner, course, module_factory, organisation, django_assert_max_num_queries
):
    def make_world(n):
        for i in range(n):
            module_factory(slug=f"m-{n}-{i}")
            ensure_child_page(course.get_parent(), CoursePage, f"kurs-{n}-{i}", title=f"Kurs {n} {i}")
            workshop = Workshop.objects.create(
                title=f"W {n} {i}", organisation=organisation, starts_at=timezone.now() + datetime.timedelta(days=i + 1)
            )
            _join(workshop, learner)

    client.force_login(learner)
    make_world(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/")
    make_world(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/").content.decode()
    assert "Kurs 4 3" in html
    assert "W 4 3" in html
