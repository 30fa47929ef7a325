"""The cohort admin (Wagtail ModelViewSet): listing, create and edit with sessions, validation, delete in use,
and who may use it (editors and administrators; editors see no participants and have no booking rights)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.roles import TEACHER
from programmes.models import Booking, BookingStatus, Certificate, Cohort, Session
from tests.factories import OrganisationFactory, UserFactory

from .conftest import make_cohort

INDEX = "cohorts:index"
ADD = "cohorts:add"


def _edit(cohort):
    return reverse("cohorts:edit", args=[cohort.pk])


def _delete(cohort):
    return reverse("cohorts:delete", args=[cohort.pk])


def _session(day, title="Träff 1", start="09:00", end="16:00", **extra):
    return {
        "title": title,
        "starts_at": f"{day} {start}",
        "ends_at": f"{day} {end}",
        "place": "Kommunhuset",
        "online_url": "",
        "agenda": "Välkommen",
        **extra,
    }


def _form(programme_page, *, sessions=None, teachers=(), modules=(), **fields):
    data = {
        "programme": programme_page.pk,
        "title": "Hösten 2030",
        "starts_on": "2030-09-02",
        "ends_on": "2030-11-25",
        "capacity": "20",
        "booking_deadline": "2030-08-15",
        "cancellation_deadline": "2030-08-20",
        "assignment_title": "Digitaliseringsplan för din verksamhet",
        "assignment_instructions": rich_text("<p>Beskriv ett förändringsarbete.</p>"),
        "assignment_due": "2030-11-10",
        "sessions": inline_formset(sessions if sessions is not None else [_session("2030-09-02")]),
    }
    data.update(fields)
    flat = nested_form_data(data)
    # Lists are field values here, not nested forms (nested_form_data would number them).
    flat.update({"teachers": [t.pk for t in teachers], "modules": [m.pk for m in modules]})
    return flat


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_lists_cohorts_with_dates_and_places(admin_client, programme_page, cohort, make_participant):
    make_participant(cohort)
    make_participant(cohort, status=BookingStatus.WAITING)
    other = make_cohort(programme_page, title="Hösten 2027", starts_in_days=200)
    response = admin_client.get(reverse(INDEX))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Våren 2027" in page and other.title in page
    assert "1 av 4 bokade" in page and "1 väntar" in page
    assert programme_page.title in page
    # No participant is named in the listing.
    booked = cohort.bookings.first().user
    assert booked.email not in page and booked.last_name not in page


def test_listing_filters_by_programme_and_searches(admin_client, programme_page, cohort, home_page):
    from core.pagetree import ensure_child_page
    from programmes.models import ProgrammePage

    other_page, _ = ensure_child_page(home_page, ProgrammePage, "annat-program", title="Annat program")
    make_cohort(other_page, title="Vintern 2028")
    page = admin_client.get(reverse(INDEX) + f"?programme={programme_page.pk}").content.decode()
    assert "Våren 2027" in page and "Vintern 2028" not in page
    page = admin_client.get(reverse(INDEX) + "?q=Vintern").content.decode()
    assert "Vintern 2028" in page and "Våren 2027" not in page


def test_listing_query_count_is_constant(admin_client, programme_page, make_participant, django_assert_max_num_queries):
    for n in range(6):
        c = make_cohort(programme_page, title=f"Omgång {n}", starts_in_days=30 + n * 100)
        for _ in range(3):
            make_participant(c)
    with django_assert_max_num_queries(30):
        assert admin_client.get(reverse(INDEX)).status_code == 200


def test_editor_creates_a_cohort_with_sessions(admin_client, programme_page, teacher, module):
    page = admin_client.get(reverse(ADD)).content.decode()
    assert f"{teacher.get_full_name()} (" in page
    response = admin_client.post(
        reverse(ADD),
        _form(
            programme_page,
            teachers=[teacher],
            modules=[module],
            sessions=[_session("2030-09-02"), _session("2030-09-23", title="Träff 2")],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort = Cohort.objects.get(title="Hösten 2030")
    assert list(cohort.teachers.all()) == [teacher]
    assert list(cohort.modules.all()) == [module]
    assert list(cohort.sessions.values_list("title", flat=True)) == ["Träff 1", "Träff 2"]
    first = cohort.sessions.first()
    assert timezone.localtime(first.starts_at).hour == 9


def test_editor_edits_a_cohort_and_its_sessions(admin_client, cohort, programme_page, teacher):
    sessions = list(cohort.sessions.all())
    day = cohort.starts_on.isoformat()
    rows = [
        {"id": str(s.pk), **_session(timezone.localtime(s.starts_at).date().isoformat(), title=s.title)}
        for s in sessions
    ]
    rows[0]["title"] = "Uppstart"
    rows[-1]["DELETE"] = "1"
    data = _form(
        programme_page,
        title="Våren 2027 (ändrad)",
        starts_on=day,
        ends_on=cohort.ends_on.isoformat(),
        booking_deadline=cohort.booking_deadline.isoformat(),
        cancellation_deadline=cohort.cancellation_deadline.isoformat(),
        assignment_due="",
        teachers=[teacher],
        sessions=[],
    )
    data.update(nested_form_data({"sessions": inline_formset(rows, initial=len(rows))}))
    response = admin_client.post(_edit(cohort), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort.refresh_from_db()
    assert cohort.title == "Våren 2027 (ändrad)"
    assert cohort.sessions.count() == 4
    assert cohort.sessions.order_by("sort_order").first().title == "Uppstart"


def test_teacher_chooser_offers_only_teachers(admin_client, learner, teacher, roles):
    outside = UserFactory(email="expert@example.org", first_name="Erik", last_name="Expert", organisation=None)
    outside.groups.add(roles[TEACHER])
    page = admin_client.get(reverse(ADD)).content.decode()
    assert "Erik Expert (ingen organisation)" in page
    assert f"{teacher.get_full_name()} (" in page
    assert learner.email not in page and learner.last_name not in page


@pytest.mark.parametrize(
    ("fields", "sessions", "field", "message"),
    [
        ({"ends_on": "2030-08-01"}, [], "ends_on", "kan inte sluta innan den börjar"),
        ({"booking_deadline": "2030-12-01"}, None, "booking_deadline", "får inte vara efter att omgången slutar"),
        ({"cancellation_deadline": "2030-12-01"}, None, "cancellation_deadline", "får inte vara efter"),
        ({"capacity": "0"}, None, "capacity", ""),
        ({}, [_session("2030-12-24")], "sessions-0-starts_at", "inom omgångens datum"),
        ({}, [_session("2030-09-02", start="15:00", end="10:00")], "sessions-0-ends_at", "sluta efter att den börjar"),
    ],
)
def test_validation_errors_are_shown_on_the_fields(admin_client, programme_page, fields, sessions, field, message):
    response = admin_client.post(reverse(ADD), _form(programme_page, sessions=sessions, **fields))
    assert response.status_code == 200
    assert not Cohort.objects.filter(title="Hösten 2030").exists()
    assert not Session.objects.exists()
    page = response.content.decode()
    assert message in page
    form = response.context["form"]
    if field.startswith("sessions-"):
        index, name = field.split("-")[1:]
        assert form.formsets["sessions"].forms[int(index)].errors[name]
    else:
        assert form.errors[field]


def test_capacity_cannot_go_below_the_booked_places(admin_client, cohort, programme_page, make_participant):
    for _ in range(3):
        make_participant(cohort)
    data = _form(
        programme_page,
        title=cohort.title,
        starts_on=cohort.starts_on.isoformat(),
        ends_on=cohort.ends_on.isoformat(),
        booking_deadline=cohort.booking_deadline.isoformat(),
        cancellation_deadline=cohort.cancellation_deadline.isoformat(),
        assignment_due="",
        capacity="2",
        sessions=[],
    )
    response = admin_client.post(_edit(cohort), data)
    assert response.status_code == 200
    assert "3 platser är redan bokade" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.capacity == 4


def test_deleting_a_cohort_with_bookings_gives_a_message(admin_client, cohort, make_participant):
    make_participant(cohort)
    for method in (admin_client.get, admin_client.post):
        response = method(_delete(cohort), follow=True)
        assert response.status_code == 200
        assert "kan inte tas bort" in response.content.decode()
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_deleting_a_cohort_with_certificates_gives_a_message(admin_client, cohort, make_participant):
    person = make_participant(cohort)
    Booking.objects.filter(cohort=cohort).update(status=BookingStatus.CANCELLED, cancelled_at=timezone.now())
    Certificate.objects.create(
        cohort=cohort,
        user=person,
        code="ABCD-EFGH",
        name="Anna",
        programme_title="P",
        cohort_title=cohort.title,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
    )
    response = admin_client.post(_delete(cohort), follow=True)
    assert "intyg" in response.content.decode()
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_deleting_an_unused_cohort_works(admin_client, cohort):
    response = admin_client.post(_delete(cohort))
    assert response.status_code == 302
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


def test_editor_role_holds_cohort_permissions_but_none_on_bookings(editor):
    for action in ("add", "change", "delete", "view"):
        assert editor.has_perm(f"programmes.{action}_cohort")
    for model in ("booking", "sessionattendance", "submission", "certificate"):
        for action in ("add", "change", "delete", "view"):
            assert not editor.has_perm(f"programmes.{action}_{model}")


def test_who_reaches_the_cohort_admin(client, cohort, editor, administrator, manager, learner, teacher):
    for user, expected in [(editor, 200), (administrator, 200), (manager, 302), (learner, 302), (teacher, 302)]:
        client.force_login(user)
        response = client.get(reverse(INDEX))
        assert response.status_code == expected, user.email
        client.logout()
    client.force_login(manager)
    assert client.get(_edit(cohort)).status_code == 302
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def test_menu_shows_leadership_programmes_to_editors(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Ledarprogram") in page and json.dumps("Omgångar") in page  # the sidebar is JSON
    assert "/admin/ledarprogram/omgangar/" in page


def test_edit_form_names_no_participant(admin_client, cohort, make_participant):
    person = make_participant(cohort, organisation=OrganisationFactory(name="Eskilstuna kommun"))
    page = admin_client.get(_edit(cohort)).content.decode()
    assert person.email not in page and person.last_name not in page


def test_a_session_may_end_on_the_last_day(admin_client, programme_page):
    day = datetime.date(2030, 11, 25).isoformat()
    response = admin_client.post(reverse(ADD), _form(programme_page, sessions=[_session(day)]))
    assert response.status_code == 302


def _edit_data(cohort, programme_page, **fields):
    rows = [
        {
            "id": str(s.pk),
            "title": s.title,
            "starts_at": timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M"),
            "ends_at": timezone.localtime(s.ends_at).strftime("%Y-%m-%d %H:%M"),
            "place": s.place,
            "online_url": s.online_url,
            "agenda": s.agenda,
        }
        for s in cohort.sessions.order_by("sort_order")
    ]
    data = _form(
        programme_page,
        title=cohort.title,
        starts_on=cohort.starts_on.isoformat(),
        ends_on=cohort.ends_on.isoformat(),
        booking_deadline=cohort.booking_deadline.isoformat(),
        cancellation_deadline=cohort.cancellation_deadline.isoformat(),
        capacity=str(cohort.capacity),
        assignment_due="",
        sessions=[],
    )
    data.update(nested_form_data({"sessions": inline_formset(rows, initial=len(rows))}))
    data.update(fields)
    return data


def test_changed_sessions_are_mailed_to_booked_participants(admin_client, cohort, programme_page, make_participant):
    from programmes.models import BookingMail, BookingMailKind

    Cohort.objects.filter(pk=cohort.pk).update(capacity=2)
    cohort.refresh_from_db()
    booked = [make_participant(cohort), make_participant(cohort)]
    waiting = make_participant(cohort, status=BookingStatus.WAITING)  # full: stays in the queue
    # Saving without a change sends nothing.
    assert admin_client.post(_edit(cohort), _edit_data(cohort, programme_page)).status_code == 302
    assert not BookingMail.objects.filter(kind=BookingMailKind.CHANGED).exists()
    data = _edit_data(cohort, programme_page, **{"sessions-0-place": "Stadshuset, Eskilstuna"})
    assert admin_client.post(_edit(cohort), data).status_code == 302
    changed = BookingMail.objects.filter(kind=BookingMailKind.CHANGED)
    assert set(changed.values_list("user_id", flat=True)) == {p.pk for p in booked}
    assert waiting.pk not in set(changed.values_list("user_id", flat=True))
    cohort.refresh_from_db()
    assert changed.first().sequence == cohort.ical_sequence > 0


def test_more_places_move_the_waiting_list_up(admin_client, cohort, programme_page, make_participant):
    for _ in range(cohort.capacity):
        make_participant(cohort)
    first, second = make_participant(cohort, status=BookingStatus.WAITING), None
    second = make_participant(cohort, status=BookingStatus.WAITING)
    Booking.objects.filter(user=second).update(waiting_since=timezone.now() + datetime.timedelta(minutes=1))
    data = _edit_data(cohort, programme_page, capacity=str(cohort.capacity + 1))
    assert admin_client.post(_edit(cohort), data).status_code == 302
    assert Booking.objects.get(cohort=cohort, user=first).status == BookingStatus.BOOKED
    assert Booking.objects.get(cohort=cohort, user=second).status == BookingStatus.WAITING
