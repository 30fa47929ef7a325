import pytest
from django.urls import reverse

from elearning import reports, services
from tests.factories import UserFactory

from .conftest import correct_ids, wrong_ids


def finish(user, module, right=True):
    for step in module.structure.steps:
        services.record_visit(user, module, step)
    for question in module.structure.quiz_questions:
        services.answer_question(user, module, question.id, correct_ids(question) if right else wrong_ids(question), 0)
    return services.finish_attempt(user, module)


@pytest.fixture
def six_learners(organisation, roles):
    return [UserFactory(organisation=organisation) for _ in range(6)]


def test_report_counts_and_distribution(module, six_learners, administrator):
    for index, user in enumerate(six_learners):
        finish(user, module, right=index < 4)  # 4 right, 2 wrong
    report = reports.module_report(module, administrator)
    assert report.started == 6 and report.completed == 4
    assert report.average_score == 100
    first = report.distributions[0]
    assert first.shown and first.answers == 6 and first.first_try_correct_percent == 67
    assert sum(option.count for option in first.options) == 6


def test_distribution_hidden_below_k(module, organisation, roles, administrator):
    for _ in range(4):
        finish(UserFactory(organisation=organisation), module)
    report = reports.module_report(module, administrator)
    assert not report.distributions[0].shown and report.distributions[0].options == []


def test_each_person_counts_once_with_latest_attempt(module, six_learners, administrator):
    for user in six_learners:
        finish(user, module, right=False)
        services.start_attempt(user, module)
        finish(user, module, right=True)
    dist = reports.module_report(module, administrator).distributions[0]
    assert dist.answers == 6 and dist.first_try_correct_percent == 100


def test_manager_sees_only_own_organisation(module, six_learners, other_organisation, manager, other_manager):
    for user in six_learners:
        finish(user, module)
    finish(UserFactory(organisation=other_organisation), module)
    assert reports.module_report(module, manager).started == 6
    assert reports.module_report(module, other_manager).started == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("learner", 302), ("facilitator", 302), ("editor", 200), ("manager", 200), ("administrator", 200)],
)
def test_admin_report_permissions(client, module, who, status, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for url in (reverse("elearning_reports"), reverse("elearning_report", args=[module.pk])):
        response = client.get(url)
        # Users without admin access are sent to the admin login by Wagtail.
        assert response.status_code == status, (who, url)


def test_admin_report_page_shows_figures(client, module, six_learners, administrator):
    for user in six_learners:
        finish(user, module)
    client.force_login(administrator)
    html = client.get(reverse("elearning_report", args=[module.pk])).content.decode()
    assert 'data-figure="started">6<' in html
    assert "Vad är viktigast?" in html and "Ledningen" in html


def test_report_query_count_does_not_grow(
    client, module, organisation, roles, administrator, django_assert_max_num_queries
):
    for _ in range(12):
        finish(UserFactory(organisation=organisation), module)
    client.force_login(administrator)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("elearning_report", args=[module.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("elearning_reports")).status_code == 200
