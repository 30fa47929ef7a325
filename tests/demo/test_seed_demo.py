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


def test_every_role_has_a_demo_login(client, db):
    call_command("seed_demo", stdout=StringIO())
    for role in ["administrator", "editor", "manager", "facilitator", "programme_owner", "learner"]:
        user = User.objects.filter(groups__role__code=role).first()
        assert user is not None, role
        assert client.login(email=user.email, password="kompetens2026"), role
        client.logout()
