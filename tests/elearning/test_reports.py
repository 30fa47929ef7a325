import pytest
from django.urls import reverse

from elearning import reports, services
from elearning.models import ModuleProgress
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
    assert report.average_score is None  # four completions: an average needs five
    first = report.distributions[0]
    assert first.shown and first.answers == 6 and first.first_try_correct_percent == 67
    assert sum(option.count for option in first.options) == 6


def test_distribution_hidden_below_k(module, organisation, roles, administrator):
    for _ in range(4):
        finish(UserFactory(organisation=organisation), module)
    report = reports.module_report(module, administrator)
    assert report.started is None and report.completed is None and report.completion_percent is None
    for dist in report.distributions:
        assert not dist.shown and dist.options == [] and dist.answers is None


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
    # One learner in Sundsvall: its manager sees no figure at all, least of all the score.
    theirs = reports.module_report(module, other_manager)
    assert theirs.started is None and theirs.completed is None and theirs.average_score is None


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
    assert 'data-figure="average">100 %<' in html
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


def _score(user, module, right_questions):
    """Finish the module with the first `right_questions` questions right (a score that tells people apart)."""
    for step in module.structure.steps:
        services.record_visit(user, module, step)
    for index, question in enumerate(module.structure.quiz_questions):
        chosen = correct_ids(question) if index < right_questions else wrong_ids(question)
        services.answer_question(user, module, question.id, chosen, 0)
    return services.finish_attempt(user, module)


@pytest.mark.parametrize("learners", [1, 2])
def test_manager_sees_no_exact_score_of_one_or_two_learners(
    client, module, other_organisation, other_manager, learners
):
    for _ in range(learners):
        finish(UserFactory(organisation=other_organisation), module)
    report = reports.module_report(module, other_manager)
    assert report.hidden
    assert (report.started, report.completed, report.average_score, report.completion_percent) == (None,) * 4
    assert all(not dist.shown and dist.answers is None for dist in report.distributions)
    summary = reports.modules_summary([module], other_manager)[module.pk]
    assert summary.hidden and summary.started is None and summary.completed is None

    client.force_login(other_manager)
    for url in (reverse("elearning_report", args=[module.pk]), reverse("elearning_reports")):
        html = client.get(url).content.decode()
        assert "Döljs: färre än 5 personer" in html
        assert "100 %" not in html


def test_manager_sees_figures_of_five(client, module, other_organisation, other_manager):
    for _ in range(5):
        finish(UserFactory(organisation=other_organisation), module)
    report = reports.module_report(module, other_manager)
    assert (report.started, report.completed, report.average_score, report.completion_percent) == (5, 5, 100, 100)
    assert all(dist.shown and dist.answers == 5 for dist in report.distributions)
    assert reports.modules_summary([module], other_manager)[module.pk].started == 5
    client.force_login(other_manager)
    html = client.get(reverse("elearning_report", args=[module.pk])).content.decode()
    assert 'data-figure="started">5<' in html and 'data-figure="average">100 %<' in html
    assert "Döljs" not in html


def test_average_needs_five_completions_even_when_many_started(module, organisation, roles, manager):
    for _ in range(6):
        services.record_visit(UserFactory(organisation=organisation), module, module.structure.steps[0])
    for right in (3, 0, 1, 2):
        _score(UserFactory(organisation=organisation), module, right)
    completed = ModuleProgress.objects.filter(module=module, completed_at__isnull=False).count()
    assert 0 < completed < 5
    report = reports.module_report(module, manager)
    assert report.started == 10 and report.completed == completed  # ten started: the counts show
    assert report.average_score is None  # but fewer than five scores make no average


def test_people_who_left_do_not_count(module, six_learners, manager):
    for user in six_learners:
        finish(user, module)
    six_learners[0].is_active = False
    six_learners[0].save(update_fields=["is_active"])
    report = reports.module_report(module, manager)
    assert report.started == 5
    assert all(dist.answers == 5 for dist in report.distributions)
    assert reports.modules_summary([module], manager)[module.pk].started == 5


def test_figures_cover_every_organisation_for_editors_and_programme_owners(
    module, six_learners, other_organisation, editor, manager
):
    from accounts.roles import PROGRAMME_OWNER

    for user in six_learners:
        finish(user, module)
    finish(UserFactory(organisation=other_organisation), module)
    owner = UserFactory(organisation=other_organisation, roles=[PROGRAMME_OWNER])
    assert reports.module_report(module, manager).started == 6
    assert reports.module_report(module, editor).started == 7
    assert reports.module_report(module, owner).started == 7
