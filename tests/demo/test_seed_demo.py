from io import StringIO

from django.apps import apps
from django.core.management import call_command

from accounts.models import Organisation, User

REQUIRED_ORGANISATIONS = {
    "Sundsvalls kommun",
    "Härnösands kommun",
    "Kramfors kommun",
    "Örnsköldsviks kommun",
    "Region Västernorrland",
    "Länsstyrelsen Västernorrland",
    "Uppsala kommun",
}


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "django_tasks_database", "django_tasks_db"}
    }


def test_seed_demo_twice_changes_nothing(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    assert set(Organisation.objects.values_list("name", flat=True)) >= REQUIRED_ORGANISATIONS
    assert "kompetens2026" in out.getvalue()  # demo logins are printed (dev/test only)
    # Reach has a real denominator: every municipality of the demo's three counties, most without people.
    assert Organisation.objects.filter(county="D", kind="kommun").count() == 9
    assert Organisation.objects.filter(county="Y", kind="kommun", members__isnull=True).exists()


def test_every_role_has_a_demo_login(client, db):
    call_command("seed_demo", stdout=StringIO())
    for role in ["administrator", "editor", "manager", "facilitator", "programme_owner", "learner", "teacher"]:
        user = User.objects.filter(groups__role__code=role).first()
        assert user is not None, role
        assert client.login(email=user.email, password="kompetens2026"), role
        client.logout()


def _progress_snapshot():
    from elearning.models import Attempt, ModuleProgress

    return (
        sorted(ModuleProgress.objects.values_list("user_id", "module_id", "started_at", "completed_at", "best_score")),
        sorted(Attempt.objects.values_list("user_id", "module_id", "number", "started_at", "finished_at", "percent")),
    )


def test_demo_progress_is_spread_over_past_weeks_with_realistic_scores(db):
    import datetime

    from django.utils import timezone

    from elearning.models import Attempt, ModuleProgress

    call_command("seed_demo", stdout=StringIO())
    done = list(ModuleProgress.objects.completed().select_related("module"))
    assert len(done) > 10
    today = timezone.localdate()
    days = {timezone.localtime(p.completed_at).date() for p in done}
    assert len(days) >= 5  # not all on one day
    assert today not in days
    assert min(days) <= today - datetime.timedelta(days=14)
    assert all(p.completed_at <= timezone.now() for p in done)
    assert all(day.weekday() < 5 for day in days)  # people study on working days
    scores = [p.best_score for p in done]
    assert any(score < 100 for score in scores)  # some wrong first answers
    assert all(score >= p.module.pass_mark for score, p in zip(scores, done, strict=True))
    assert min(scores) >= 60
    for p in done:
        passed = Attempt.objects.filter(user=p.user, module=p.module, passed=True).order_by("number").first()
        assert passed.finished_at == p.completed_at  # the completion is the passing attempt
        assert p.started_at <= passed.started_at < passed.finished_at
    assert Attempt.objects.filter(passed=False).exists()  # someone failed before passing
    open_ones = ModuleProgress.objects.filter(completed_at__isnull=True)
    assert open_ones.exists()
    assert all(timezone.localtime(p.updated_at).date() < today for p in open_ones)


def test_demo_chefsdag_is_on_a_tuesday_morning_at_least_two_weeks_ahead(db):
    import datetime

    from django.utils import timezone

    from workshops.demo import chefsdag_start
    from workshops.models import Workshop

    call_command("seed_demo", stdout=StringIO())
    starts = timezone.localtime(Workshop.objects.get(title="Chefsdag: Leda digital utveckling").starts_at)
    assert starts.weekday() == 1
    assert (starts.hour, starts.minute) == (8, 30)
    assert datetime.timedelta(days=14) <= starts - timezone.localtime() < datetime.timedelta(days=22)
    for offset in range(7):  # whatever weekday the seed runs on
        now = timezone.localtime().replace(hour=20) + datetime.timedelta(days=offset)
        day = chefsdag_start(now)
        assert day.weekday() == 1
        assert 14 <= (day.date() - now.date()).days <= 20


def test_a_second_seed_keeps_dates_and_scores(db):
    call_command("seed_demo", stdout=StringIO())
    first = _progress_snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert _progress_snapshot() == first
