import json

from django.urls import reverse

from accounts.models import User
from elearning import services
from elearning.models import ModuleProgress, Reflection
from tests.builders import correct_ids
from tests.factories import PASSWORD


def test_my_data_requires_login(client, db):
    for name in ("my_data", "my_data_export", "profile"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("account_login") in response.url


def test_export_contains_only_my_data(client, learner, other_learner, module):
    question = module.structure.quiz_questions[0]
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    services.save_reflection(learner, module, module.structure.reflection_questions[0].id, "Min egen tanke")
    services.save_reflection(other_learner, module, module.structure.reflection_questions[0].id, "Någon annans")
    client.force_login(learner)
    response = client.get(reverse("my_data_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["email"] == learner.email
    assert [r["text"] for r in data["elearning"]["reflections"]] == ["Min egen tanke"]
    assert len(data["elearning"]["answers"]) == 1
    answer = data["elearning"]["answers"][0]
    assert answer["module"] == module.title
    assert answer["question"] == "Vad är viktigast?"
    assert answer["selected"] == answer["first_selected"] == ["Ledningen"]
    assert data["elearning"]["reflections"][0]["question"] == "Vad betyder det för dig?"
    assert "Någon annans" not in response.content.decode()


def test_delete_account_needs_password_and_confirmation(client, learner):
    client.force_login(learner)
    response = client.post(reverse("delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert User.objects.filter(pk=learner.pk).exists()
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 400
    assert User.objects.filter(pk=learner.pk).exists()


def test_delete_account_erases_and_keeps_anonymous_counts(client, learner, module):
    for step in module.structure.steps:
        services.record_visit(learner, module, step)
    for question in module.structure.quiz_questions:
        services.answer_question(learner, module, question.id, correct_ids(question), 0)
    services.save_reflection(learner, module, module.structure.reflection_questions[0].id, "Tanke")
    services.finish_attempt(learner, module)
    client.force_login(learner)
    response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not Reflection.objects.exists()
    progress = ModuleProgress.objects.get()
    assert progress.user is None and progress.completed_at is not None
    assert "_auth_user_id" not in client.session


def test_profile_update_and_department_scope(client, learner, other_organisation):
    from tests.factories import DepartmentFactory

    own = DepartmentFactory(organisation=learner.organisation, name="Socialförvaltningen")
    foreign = DepartmentFactory(organisation=other_organisation, name="Annan förvaltning")
    client.force_login(learner)
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Ny",
            "last_name": "Namn",
            "department": foreign.pk,
            "target_group": "chef",
            "preferred_language": "sv",
        },
    )
    assert response.status_code == 200  # a department of another organisation is not a valid choice
    learner.refresh_from_db()
    assert learner.department_id != foreign.pk
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Ny",
            "last_name": "Namn",
            "department": own.pk,
            "target_group": "chef",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.first_name == "Ny" and learner.department == own
