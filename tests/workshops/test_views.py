import io
import re

import openpyxl
import pytest
from django.urls import reverse

from elearning import services as learning
from elearning.reports import module_report
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


def test_small_group_shows_nothing_when_the_whole_workshop_is_too_few(
    client, populated, modules, manager, organisation
):
    small = WorkshopGroup.objects.create(workshop=populated, name="Bord 9")
    person = UserFactory(organisation=organisation)
    Membership.objects.create(workshop=populated, group=small, user=person)
    complete(person, modules[0])
    client.force_login(manager)
    response = client.get(reverse("facilitator_kit", args=[populated.pk, small.pk]))
    html = response.content.decode()
    # Two people answered in the whole workshop (the learner and this person): nothing may be shown.
    assert "Visas inte, för att skydda anonymiteten" in html
    assert "Er grupp:" not in html and "hela workshoppen" not in html
    scopes = {entry.scope for entry in response.context["kits"][0].distributions}
    assert scopes == {"hidden"}


def _answer(members_factory, module, group, n):
    people = members_factory(n, group=group)
    for person in people:
        complete(person, module)
    return people


@pytest.mark.parametrize(
    ("sizes", "rest"),
    [
        ((6, 3), 0),  # one small group: the other hides with it, the whole workshop (9) stands in
        ((6, 7, 2), 0),  # the small one and the next smallest: 8 together
        ((5, 5, 1), 0),
        ((4, 4), 0),  # two small groups, 8 together
        ((6, 7), 2),  # two people outside the workshop answered: the organisation minus the groups
        ((8, 1), 6),
    ],
)
def test_a_manager_who_opens_every_kit_cannot_work_out_a_small_group(
    client, workshop, modules, manager, organisation, members_factory, sizes, rest
):
    """The attack: the manager opens every kit of the workshop, and the module report for the organisation.

    Whatever is left after subtracting the groups that show their own answers from the whole
    workshop, or from the organisation, must cover nobody or at least k people.
    """
    k = 5
    module = modules[0]
    groups = [WorkshopGroup.objects.create(workshop=workshop, name=f"Bord {n}") for n in range(len(sizes))]
    for group_, n in zip(groups, sizes, strict=True):
        _answer(members_factory, module, group_, n)
    for _ in range(rest):
        complete(UserFactory(organisation=organisation), module)  # in the organisation, not in the workshop

    client.force_login(manager)
    seen = {}  # question id -> {"groups": {group: answers}, "workshop": answers or None}
    for group_ in groups:
        response = client.get(reverse("facilitator_kit", args=[workshop.pk, group_.pk]))
        kit = next(item for item in response.context["kits"] if item.module.pk == module.pk)
        for entry in kit.distributions:
            known = seen.setdefault(entry.question.id, {"groups": {}, "workshop": set()})
            dist = entry.distribution
            if entry.scope == "group":
                known["groups"][group_.pk] = dist.answers
                assert dist.answers >= k
            elif entry.scope == "workshop":
                known["workshop"].add(dist.answers)
            else:
                assert not dist.shown and dist.answers is None and dist.options == []
    organisation_figures = {
        dist.question.id: dist.answers for dist in module_report(module, manager).distributions if dist.shown
    }
    for question_id, known in seen.items():
        assert len(known["workshop"]) <= 1  # every kit shows the same whole-workshop figure
        shown_groups = sum(known["groups"].values())
        totals = list(known["workshop"])
        if question_id in organisation_figures:
            totals.append(organisation_figures[question_id])
        for total in totals:
            left = total - shown_groups
            assert left == 0 or left >= k, (sizes, rest, total, known)
        if known["workshop"] and question_id in organisation_figures:
            outside = organisation_figures[question_id] - totals[0]
            assert outside == 0 or outside >= k, (sizes, rest, outside)
        for group_, n in zip(groups, sizes, strict=True):
            if n < k:
                assert group_.pk not in known["groups"]


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


# --- Issue 14: print button, readiness filters and sorting, the empty workshop list ----------


def test_kit_has_a_print_button_that_a_static_script_enhances(client, populated, group, facilitator):
    from django.contrib.staticfiles import finders

    client.force_login(facilitator)
    html = client.get(reverse("facilitator_kit", args=[populated.pk, group.pk])).content.decode()
    # Hidden until the script shows it; without JS the hint to use the browser's print stays.
    assert re.search(r'<button type="button"[^>]*data-print hidden>Skriv ut</button>', html)
    assert "data-print-hint" in html and "Ctrl+P" in html
    assert re.search(r'<script src="[^"]*js/workshops\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script (CSP)
    with open(finders.find("js/workshops.js"), encoding="utf-8") as script:
        source = script.read()
    assert "window.print()" in source and "[data-print]" in source and "[data-print-hint]" in source


def _readiness(client, workshop, **params):
    response = client.get(reverse("workshop_readiness", args=[workshop.pk]), params)
    assert response.status_code == 200
    return response


def _matrix_headings(html):
    table = html[html.index('class="matrix matrix--readiness"') :]
    thead = table[: table.index("</thead>")]
    return re.findall(r'<th scope="col">([^<]*)</th>', thead)


def test_readiness_ready_column_comes_right_after_the_name(client, populated, manager, modules):
    client.force_login(manager)
    headings = _matrix_headings(_readiness(client, populated).content.decode())
    assert headings[:3] == ["Deltagare", "Klar", "Grupp"]
    assert headings[3:] == [module.title for module in modules]


def test_readiness_filter_not_ready(client, populated, manager, learner):
    client.force_login(manager)
    response = _readiness(client, populated, not_ready="on")
    rows = response.context["rows"]
    assert len(rows) == 8 and all(not row.ready for row in rows)
    html = response.content.decode()
    assert "1 av 9" in html  # the figures stay those of everyone
    assert "Visar 8 av 9 deltagare." in html
    assert learner.get_full_name() not in html.split('class="matrix matrix--readiness"')[1]


def test_readiness_filter_by_group_and_department(client, populated, manager, other_group):
    client.force_login(manager)
    rows = _readiness(client, populated, group=other_group.pk).context["rows"]
    assert len(rows) == 3 and {row.group for row in rows} == {other_group}
    department = rows[0].user.department
    rows = _readiness(client, populated, department=department.pk).context["rows"]
    assert len(rows) == 3 and {row.user.department for row in rows} == {department}
    form_html = _readiness(client, populated).content.decode()
    assert f'<option value="{department.pk}">{department.name}</option>' in form_html
    assert '<label for="id_department">Förvaltning</label>' in form_html
    assert '<label for="id_not_ready">Bara de som inte är klara</label>' in form_html


@pytest.mark.parametrize("sort", ["name", "department", "group", "ready"])
def test_readiness_sorting(client, populated, manager, sort):
    client.force_login(manager)
    rows = _readiness(client, populated, sort=sort).context["rows"]
    assert len(rows) == 9

    def name(row):
        return (row.user.last_name.lower(), row.user.first_name.lower(), row.user.email.lower())

    keys = {
        "name": name,
        "department": lambda row: (str(row.user.department).lower(), name(row)),
        "group": lambda row: (row.group.name.lower(), name(row)),
        "ready": lambda row: (row.ready, name(row)),
    }
    assert rows == sorted(rows, key=keys[sort])
    if sort == "ready":
        assert not rows[0].ready and rows[-1].ready


@pytest.mark.parametrize(
    ("params", "errors", "count"),
    [
        ({"department": "abc"}, {"department"}, 9),
        ({"department": "999999"}, {"department"}, 9),
        ({"group": "999999"}, {"group"}, 9),
        ({"sort": "password"}, {"sort"}, 9),
        (
            {"department": "1 OR 1=1", "group": "x", "sort": "-ready", "not_ready": "on"},
            {"department", "group", "sort"},
            8,
        ),
    ],
)
def test_readiness_bad_filters_are_left_out_not_a_500(client, populated, manager, params, errors, count):
    client.force_login(manager)
    response = _readiness(client, populated, **params)
    assert len(response.context["rows"]) == count  # the valid filters still apply
    assert set(response.context["filter_form"].errors) == errors
    assert "Några filter kunde inte användas" in response.content.decode()


def test_facilitator_cannot_filter_to_another_group(client, populated, facilitator, group, other_group):
    client.force_login(facilitator)
    response = _readiness(client, populated, group=other_group.pk)
    assert response.context["filter_form"].errors["group"]
    rows = response.context["rows"]
    assert rows and {row.group for row in rows} == {group}
    html = response.content.decode()
    assert f'<option value="{group.pk}">Bord 1</option>' in html
    assert "Bord 2</option>" not in html


def test_readiness_with_filters_keeps_the_query_count(
    client, workshop, group, other_group, members_factory, modules, manager, django_assert_max_num_queries
):
    people = members_factory(40, group=group) + members_factory(20, group=other_group)
    for person in people[:20]:
        for module in modules:
            complete(person, module)
    client.force_login(manager)
    client.get("/")
    params = {"not_ready": "on", "group": group.pk, "department": people[0].department_id, "sort": "department"}
    with django_assert_max_num_queries(20):
        response = client.get(reverse("workshop_readiness", args=[workshop.pk]), params)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 20 and all(row.group == group and not row.ready for row in rows)


def test_empty_workshop_list_gives_a_manager_the_way_to_create_one(client, manager):
    client.force_login(manager)
    html = client.get(reverse("workshop_list")).content.decode()
    assert "Du har inga workshoppar att följa" in html
    assert "En workshop är en dag" in html
    assert f'href="{reverse("workshops_workshop_modeladmin_create")}"' in html
    assert "Skapa en workshop" in html
    # ...and the link leads to a page the manager may open.
    assert client.get(reverse("workshops_workshop_modeladmin_create")).status_code == 200


@pytest.mark.parametrize("who", ["learner", "facilitator"])
def test_empty_workshop_list_points_others_to_my_learning(client, who, request):
    client.force_login(request.getfixturevalue(who))
    html = client.get(reverse("workshop_list")).content.decode()
    assert "Du har inga workshoppar att följa" in html
    assert f'href="{reverse("my_learning")}" data-next-step="my-learning"' in html
    assert reverse("workshops_workshop_modeladmin_create") not in html


def test_site_readiness_export_with_an_unknown_format_is_400_and_logs_nothing(client, manager, workshop):
    from wagtail.models import ModelLogEntry

    client.force_login(manager)
    response = client.get(f"/workshoppar/{workshop.pk}/beredskap/", {"format": "pdf"})
    assert response.status_code == 400
    assert not ModelLogEntry.objects.filter(action="report.exported").exists()
    response = client.get(f"/workshoppar/{workshop.pk}/beredskap/", {"format": "csv"})
    assert response.status_code == 200
    assert f"beredskap-{workshop.pk}-" in response["Content-Disposition"]
    assert ModelLogEntry.objects.filter(action="report.exported").count() == 1
