import io

import openpyxl
import pytest
from django.urls import reverse

from elearning import services as learning
from tests.factories import UserFactory
from workshops.models import Membership, Reminder, WorkshopGroup

from .conftest import complete


@pytest.fixture
def populated(workshop, group, other_group, members_factory, modules, learner):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    for module in modules:
        complete(learner, module)
    members_factory(5, group=group)
    members_factory(3, group=other_group)
    return workshop


def urls(workshop, group):
    return {
        "readiness": reverse("workshop_readiness", args=[workshop.pk]),
        "export": reverse("workshop_readiness", args=[workshop.pk]) + "?format=xlsx",
        "kit": reverse("facilitator_kit", args=[workshop.pk, group.pk]),
        "other_kit": reverse(
            "facilitator_kit", args=[workshop.pk, group.workshop.groups.exclude(pk=group.pk).first().pk]
        ),
    }


# (who, page, expected status). The facilitator leads "Bord 1" only.
MATRIX = [
    ("anonymous", "readiness", 302),
    ("anonymous", "kit", 302),
    ("anonymous", "export", 302),
    ("learner", "readiness", 404),
    ("learner", "kit", 404),
    ("learner", "export", 404),
    ("facilitator", "readiness", 200),
    ("facilitator", "kit", 200),
    ("facilitator", "other_kit", 404),
    ("facilitator", "export", 404),
    ("manager", "readiness", 200),
    ("manager", "kit", 200),
    ("manager", "other_kit", 200),
    ("manager", "export", 200),
    ("other_manager", "readiness", 404),
    ("other_manager", "kit", 404),
    ("other_manager", "export", 404),
    ("editor", "readiness", 404),
    ("editor", "kit", 404),
    ("editor", "export", 404),
    ("administrator", "readiness", 200),
    ("administrator", "kit", 200),
    ("administrator", "export", 200),
]


@pytest.mark.parametrize(("who", "page", "status"), MATRIX)
def test_permission_matrix(client, populated, group, who, page, status, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(urls(populated, group)[page])
    assert response.status_code == status, (who, page)


def test_readiness_page_shows_matrix_and_countdown(client, populated, manager, learner):
    client.force_login(manager)
    html = client.get(reverse("workshop_readiness", args=[populated.pk])).content.decode()
    assert learner.get_full_name() in html
    assert "1 av 9" in html  # only the learner is ready
    assert "dagar kvar" in html
    assert "Påminn dem som inte är klara" in html


def test_facilitator_sees_only_own_group_rows(client, populated, facilitator, group):
    client.force_login(facilitator)
    response = client.get(reverse("workshop_readiness", args=[populated.pk]))
    rows = response.context["readiness"].rows
    assert rows and all(row.group == group for row in rows)
    assert "Påminn" not in response.content.decode()


def test_xlsx_export_opens_and_lists_ready_learner(client, populated, manager, learner):
    client.force_login(manager)
    response = client.get(reverse("workshop_readiness", args=[populated.pk]) + "?format=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 9
    learner_row = next(row for row in rows if learner.email in row)
    assert learner_row[-1] in ("Ja", "Yes")


def test_remind_posts_and_logs(client, populated, manager, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workshop_remind", args=[populated.pk]), follow=True)
    assert response.status_code == 200
    assert Reminder.objects.filter(workshop=populated).count() == 8
    assert len(mailoutbox) == 8
    assert "8" in response.content.decode()


@pytest.mark.parametrize("who", ["learner", "facilitator", "other_manager", "editor"])
def test_remind_refused_for_others(client, populated, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("workshop_remind", args=[populated.pk])).status_code == 404
    assert not Reminder.objects.exists()


def test_facilitator_kit_content(client, populated, group, facilitator, modules, learner):
    # Five members of the group answered, so the group's own distribution shows.
    module = modules[0]
    reflection = module.structure.reflection_questions[0]
    others = Membership.objects.filter(group=group).exclude(user=learner).select_related("user").order_by("pk")
    named, anonymous = list(others)[:2]
    learning.save_reflection(
        named.user, module, reflection.id, "Vi behöver en gemensam bild", shared=True, show_name=True
    )
    learning.save_reflection(anonymous.user, module, reflection.id, "Hemlig tanke", shared=True, show_name=False)
    private = list(others)[2]
    learning.save_reflection(private.user, module, reflection.id, "Privat tanke", shared=False)
    for membership in list(others)[:5]:
        complete(membership.user, module)
    client.force_login(facilitator)
    html = client.get(reverse("facilitator_kit", args=[populated.pk, group.pk])).content.decode()
    assert "Hur delar vi in grupperna?" in html  # discussion question
    assert "Vi behöver en gemensam bild" in html and named.user.get_full_name() in html
    assert "Hemlig tanke" in html and "Delad utan namn" in html
    assert "Privat tanke" not in html
    assert "Er grupp:" in html


def test_small_group_shows_workshop_wide_distribution(client, populated, modules, manager, organisation):
    small = WorkshopGroup.objects.create(workshop=populated, name="Bord 9")
    person = UserFactory(organisation=organisation)
    Membership.objects.create(workshop=populated, group=small, user=person)
    complete(person, modules[0])
    client.force_login(manager)
    html = client.get(reverse("facilitator_kit", args=[populated.pk, small.pk])).content.decode()
    assert "hela workshoppen" in html or "För få svar" in html
    assert "Er grupp:" not in html


def test_kit_and_readiness_query_counts(
    client, workshop, group, members_factory, modules, manager, django_assert_max_num_queries
):
    people = members_factory(60, group=group)
    for person in people[:20]:
        complete(person, modules[0])
    client.force_login(manager)
    client.get("/")  # first visit makes the user's Wagtail profile and the footer settings row
    with django_assert_max_num_queries(20):
        assert client.get(reverse("workshop_readiness", args=[workshop.pk])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("facilitator_kit", args=[workshop.pk, group.pk])).status_code == 200


def test_my_learning_shows_my_workshop(client, populated, learner, group):
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Chefsdag digitalisering" in html and "Bord 1" in html and "Härnösands teater" in html
    assert "Du är redo för workshoppen" in html


def test_my_learning_lists_what_is_left(client, workshop, group, members_factory, modules):
    (person,) = members_factory(1, group=group)
    client.force_login(person)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Gör klart de här före workshoppen" in html
    assert modules[0].title in html and modules[1].title in html
