"""Every URL that shows or changes personal data, walked as each kind of person.

Roles: anonymous, the learner who owns the data, another learner, the facilitator of another
group, a manager of another organisation, an editor and an administrator. Objects of another
organisation answer 404 so that their existence does not leak.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from elearning import services as learning
from tests.builders import complete, correct_ids
from tests.factories import UserFactory
from workshops.models import Membership, WorkshopGroup

ROLES = [
    "anonymous",
    "learner",
    "other_learner",
    "other_facilitator",
    "other_manager",
    "manager",
    "editor",
    "administrator",
]


@pytest.fixture
def world(workshop, group, modules, learner, other_learner, organisation, roles):
    """The learner is in Bord 1 of a Härnösand workshop; another facilitator leads Bord 2."""
    from accounts.roles import FACILITATOR

    Membership.objects.create(workshop=workshop, group=group, user=learner)
    complete(learner, modules[0])
    learning.save_reflection(
        learner,
        modules[0],
        modules[0].structure.reflection_questions[0].id,
        "Lärarens privata reflektion",
        shared=False,
    )
    other_facilitator = UserFactory(email="facilitator2@harnosand.se", organisation=organisation, roles=[FACILITATOR])
    WorkshopGroup.objects.create(workshop=workshop, name="Bord 2", facilitator=other_facilitator)
    return {"workshop": workshop, "group": group, "module": modules[0], "other_facilitator": other_facilitator}


def _client(role, world, request):
    client = Client()
    if role == "anonymous":
        return client
    user = world["other_facilitator"] if role == "other_facilitator" else request.getfixturevalue(role)
    client.force_login(user)
    return client


def _urls(world):
    workshop, group, module = world["workshop"], world["group"], world["module"]
    return {
        "my_learning": ("get", reverse("my_learning")),
        "profile": ("get", reverse("profile")),
        "my_data": ("get", reverse("my_data")),
        "my_data_export": ("get", reverse("my_data_export")),
        "step": ("get", reverse("module_step", args=[module.pk, 2])),
        "readiness": ("get", reverse("workshop_readiness", args=[workshop.pk])),
        "readiness_export": ("get", reverse("workshop_readiness", args=[workshop.pk]) + "?format=csv"),
        "remind": ("post", reverse("workshop_remind", args=[workshop.pk])),
        "kit": ("get", reverse("facilitator_kit", args=[workshop.pk, group.pk])),
        "module_reports": ("get", reverse("elearning_reports")),
        "module_report": ("get", reverse("elearning_report", args=[module.pk])),
    }


OWN = {
    "anonymous": 302,
    "learner": 200,
    "other_learner": 200,
    "other_facilitator": 200,
    "other_manager": 200,
    "manager": 200,
    "editor": 200,
    "administrator": 200,
}
WORKSHOP_MANAGERS = {
    "anonymous": 302,
    "learner": 404,
    "other_learner": 404,
    "other_facilitator": 404,
    "other_manager": 404,
    "manager": 200,
    "editor": 404,
    "administrator": 200,
}
EXPECTED = {
    "my_learning": OWN,
    "profile": OWN,
    "my_data": OWN,
    "my_data_export": OWN,
    "step": OWN,
    "readiness": {**WORKSHOP_MANAGERS, "other_facilitator": 200},  # sees only their own group's rows
    "readiness_export": WORKSHOP_MANAGERS,
    "remind": {**WORKSHOP_MANAGERS, "manager": 302, "administrator": 302},
    "kit": WORKSHOP_MANAGERS,
    # Wagtail sends people without admin access to its login page.
    "module_reports": {
        "anonymous": 302,
        "learner": 302,
        "other_learner": 302,
        "other_facilitator": 302,
        "other_manager": 200,
        "manager": 200,
        "editor": 200,
        "administrator": 200,
    },
}
EXPECTED["module_report"] = EXPECTED["module_reports"]
CASES = [(name, role, status) for name, table in EXPECTED.items() for role, status in table.items()]


@pytest.mark.parametrize(("name", "role", "status"), CASES)
def test_permission_matrix(world, request, name, role, status):
    client = _client(role, world, request)
    method, url = _urls(world)[name]
    response = getattr(client, method)(url)
    assert response.status_code == status, f"{role} {method.upper()} {name}: {response.status_code}"


@pytest.mark.parametrize("role", ["other_learner", "other_facilitator", "other_manager", "editor"])
def test_nobody_else_sees_the_learners_private_data(world, request, role, learner):
    client = _client(role, world, request)
    module = world["module"]
    for name in ("my_learning", "my_data_export", "step"):
        _method, url = _urls(world)[name]
        html = client.get(url).content.decode()
        assert "Lärarens privata reflektion" not in html, (role, name)
        assert not re.search(r"(?<![.\w])" + re.escape(learner.email), html), (role, name)
    # Guessing ids leads to the guesser's own records only: there is no id of another person to use.
    question = module.structure.quiz_questions[0]
    response = client.post(
        reverse("module_answer", args=[module.pk, 1, question.id]), {"option": correct_ids(question), "seq": 0}
    )
    assert response.status_code == 302
    assert learner.attempts.get(module=module).answers.get(question_id=question.id).tries == 1


def test_other_organisations_manager_sees_zero_in_module_report(world, request):
    client = _client("other_manager", world, request)
    html = client.get(_urls(world)["module_report"][1]).content.decode()
    assert 'data-figure="started">0<' in html


POST_ENDPOINTS = [
    ("module_answer", lambda w: [w["module"].pk, 1, w["module"].structure.quiz_questions[0].id]),
    ("module_reflect", lambda w: [w["module"].pk, 2, w["module"].structure.reflection_questions[0].id]),
    ("module_finish", lambda w: [w["module"].pk]),
    ("module_start_attempt", lambda w: [w["module"].pk]),
    ("workshop_remind", lambda w: [w["workshop"].pk]),
    ("delete_account", lambda w: []),
    ("profile", lambda w: []),
    ("account_logout", lambda w: []),
    ("set_language", lambda w: []),
]


@pytest.mark.parametrize(("name", "args"), POST_ENDPOINTS)
def test_csrf_is_enforced_on_every_form(world, manager, name, args):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(reverse(name, args=args(world)), {})
    assert response.status_code == 403, name
