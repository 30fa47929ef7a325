"""Certificates: the issuing rule, the code, the PDF (text, font, tags, QR), private storage, download
access, revoking, and the teacher's list."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from core.audit import FORMATTERS
from elearning.models import ModuleProgress
from programmes import certificates, rendering
from programmes.exceptions import NotTeacher
from programmes.models import (
    BookingMail,
    BookingMailKind,
    BookingStatus,
    Certificate,
    CertificateStatus,
    SessionAttendance,
    Submission,
    SubmissionStatus,
)
from tests.factories import PASSWORD, UserFactory

CODE = re.compile(r"^KL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
PROGRAMME = "Chefsprogram för välfärdens digitalisering"


@pytest.fixture
def full_cohort(cohort, module):
    """The cohort with a self-study module and a home assignment, so completion needs all three parts."""
    cohort.modules.set([module])
    cohort.assignment_title = "Digital förändring i min verksamhet"
    cohort.save()
    return cohort


def complete(user, cohort, sessions=4):
    """Make the data really complete: present at `sessions` sessions, modules done, assignment approved."""
    for session in cohort.sessions.order_by("starts_at")[:sessions]:
        SessionAttendance.objects.update_or_create(session=session, user=user, defaults={"present": True})
    for module in cohort.modules.all():
        ModuleProgress.objects.update_or_create(user=user, module=module, defaults={"completed_at": timezone.now()})
    if cohort.assignment_title:
        Submission.objects.update_or_create(
            cohort=cohort, user=user, defaults={"status": SubmissionStatus.APPROVED, "approved_at": timezone.now()}
        )
    return user


@pytest.fixture
def asa(full_cohort, make_participant):
    return complete(make_participant(full_cohort, first_name="Åsa", last_name="Öberg"), full_cohort)


@pytest.fixture
def issued(asa, full_cohort, django_capture_on_commit_callbacks):
    """Åsa's certificate, rendered (the task runs at commit with the ImmediateBackend)."""
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificates.issue_if_complete(asa, full_cohort)
    certificate.refresh_from_db()
    return certificate


def _pdf(certificate):
    with certificate.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


# --- The issuing rule ----------------------------------------------------------------------------


def test_no_certificate_before_completion(full_cohort, make_participant):
    person = make_participant(full_cohort, first_name="Bo", last_name="Berg")
    complete(person, full_cohort, sessions=3)  # four required
    assert certificates.issue_if_complete(person, full_cohort) is None
    complete(person, full_cohort, sessions=4)
    Submission.objects.filter(user=person).update(status=SubmissionStatus.REVISION)
    assert certificates.issue_if_complete(person, full_cohort) is None
    assert not Certificate.objects.exists()


def test_waiting_list_is_not_complete(full_cohort, make_participant):
    person = complete(make_participant(full_cohort, status=BookingStatus.WAITING), full_cohort)
    assert certificates.issue_if_complete(person, full_cohort) is None


def test_issue_snapshots_the_text_and_is_idempotent(asa, full_cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate = certificates.issue_if_complete(asa, full_cohort)
    assert len(callbacks) == 1  # rendering queued after commit, not before
    assert certificate.name == "Åsa Öberg"
    assert certificate.programme_title == PROGRAMME
    assert certificate.cohort_title == "Våren 2027"
    assert (certificate.starts_on, certificate.ends_on) == (full_cohort.starts_on, full_cohort.ends_on)
    assert CODE.match(certificate.code)
    # A later change of name or dates does not rewrite the certificate; issuing again gives the same one.
    asa.first_name = "Åsa-Lena"
    asa.save()
    assert certificates.issue_if_complete(asa, full_cohort).pk == certificate.pk
    assert Certificate.objects.get().name == "Åsa Öberg"
    assert Certificate.objects.count() == 1
    entry = ModelLogEntry.objects.get(action="programme.certificate_issued")
    assert entry.data["code"] == certificate.code


def test_a_revoked_certificate_is_not_issued_again(asa, full_cohort, teacher):
    certificate = certificates.issue_if_complete(asa, full_cohort)
    certificates.revoke(certificate, teacher, "Fel person")
    again = certificates.issue_if_complete(asa, full_cohort)
    assert again.pk == certificate.pk and again.revoked
    assert Certificate.objects.count() == 1


def test_issue_for_cohort(full_cohort, make_participant, teacher, django_assert_max_num_queries):
    done = [complete(make_participant(full_cohort), full_cohort) for _ in range(3)]
    make_participant(full_cohort)  # not complete
    with pytest.raises(NotTeacher):
        certificates.issue_for_cohort(done[0], full_cohort)
    report = certificates.issue_for_cohort(teacher, full_cohort)
    assert report.counts == {"issued": 3, "already": 0, "not_complete": 1}
    assert certificates.issue_for_cohort(teacher, full_cohort).counts == {"issued": 0, "already": 3, "not_complete": 1}
    assert ModelLogEntry.objects.filter(action="programme.certificates_issued").count() == 2


def test_issue_for_cohort_reads_completion_in_constant_queries(
    full_cohort, make_participant, teacher, django_assert_max_num_queries
):
    full_cohort.capacity = 40
    full_cohort.save()
    for _ in range(20):
        make_participant(full_cohort)
    with django_assert_max_num_queries(18):  # 20 people: no query per person
        report = certificates.issue_for_cohort(teacher, full_cohort)
    assert report.counts["not_complete"] == 20


# --- The code ------------------------------------------------------------------------------------


def test_codes_are_random_unambiguous_and_normalised():
    codes = {certificates.new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(CODE.match(code) for code in codes)
    assert not set("".join(codes)) & set("01IO")
    assert certificates.normalise(" kl 7qx4-m9pa ") == "KL-7QX4-M9PA"
    assert certificates.normalise("7QX4M9PA") == "KL-7QX4-M9PA"
    assert certificates.normalise("KL-7QX4-M9P0") is None  # 0 is not in the alphabet
    assert certificates.normalise("KL-7QX4") is None
    assert certificates.normalise("") is None


def test_a_code_clash_draws_a_new_code(full_cohort, make_participant, monkeypatch):
    first = certificates.issue_if_complete(complete(make_participant(full_cohort), full_cohort), full_cohort)
    codes = iter([first.code, "KL-2345-6789"])
    monkeypatch.setattr(certificates, "new_code", lambda: next(codes))
    second = certificates.issue_if_complete(complete(make_participant(full_cohort), full_cohort), full_cohort)
    assert second.code == "KL-2345-6789"


# --- The PDF -------------------------------------------------------------------------------------


def test_the_pdf_is_tagged_has_the_text_an_embedded_font_and_a_qr_code(issued, full_cohort):
    assert issued.status == CertificateStatus.READY
    reader = _pdf(issued)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("sv")
    assert "Åsa Öberg" in reader.metadata.title
    text = " ".join(reader.pages[0].extract_text().split())  # a long title wraps onto two lines
    for expected in ("Intyg", "Åsa Öberg", PROGRAMME, "Våren 2027", issued.code):
        assert expected in text
    assert certificates.period(full_cohort.starts_on, full_cohort.ends_on) in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
        assert "DejaVu" in str(font["/BaseFont"])
    figures = [node for node in _structure(root["/StructTreeRoot"]) if node.get("/S") == "/Figure"]
    assert [str(node["/Alt"]) for node in figures] == ["QR-kod till sidan som bekräftar detta intyg"]


def _structure(node):
    """Every element of the PDF's structure tree (the tags a screen reader follows)."""
    node = node.get_object()
    yield node
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            yield from _structure(kid)


def test_the_qr_code_points_to_the_absolute_verify_url(issued):
    url = rendering.verify_url(issued)
    assert url == f"{settings.WAGTAILADMIN_BASE_URL}/program/intyg/kontrollera/{issued.code}/"
    html = rendering.certificate_html(issued)
    assert rendering.qr_data_uri(url) in html
    assert 'alt="QR-kod' in html
    assert '<html lang="sv">' in html


def test_the_pdf_is_stored_privately(client, issued):
    path = Path(issued.pdf.path).resolve()
    assert path.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert client.get(issued.pdf.url).status_code == 404  # the media URL leads nowhere


def test_a_failed_rendering_is_marked_and_retried(asa, full_cohort, monkeypatch, django_capture_on_commit_callbacks):
    def broken(certificate):
        raise OSError("Pango is missing")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificates.issue_if_complete(asa, full_cohort)
    certificate.refresh_from_db()
    assert (certificate.status, certificate.tries, bool(certificate.pdf)) == (CertificateStatus.FAILED, 1, False)
    monkeypatch.undo()
    call_command("render_certificates", "--now", stdout=io.StringIO())
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.READY
    assert certificate.pdf


# --- Download ------------------------------------------------------------------------------------


def _client(client, user):
    client.force_login(user)
    return client


def test_the_holder_and_the_teacher_download_the_pdf(client, issued, teacher):
    url = reverse("programme_certificate_download", args=[issued.pk])
    for person in (issued.user, teacher):
        response = _client(client, person).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="intyg-{issued.code}.pdf"'
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_others_get_404_and_anonymous_logs_in(client, issued, full_cohort, make_participant, manager, programme_page):
    url = reverse("programme_certificate_download", args=[issued.pk])
    assert client.get(url)["Location"].startswith("/konto/login/")  # anonymous: to log in first
    other_teacher = UserFactory(email="annan.kursledare@example.se")
    for person in (make_participant(full_cohort), manager, other_teacher):
        assert _client(client, person).get(url).status_code == 404


def test_a_certificate_being_prepared_answers_409(client, asa, full_cohort):
    certificate = certificates.issue_if_complete(asa, full_cohort)  # no commit: not rendered
    response = _client(client, asa).get(reverse("programme_certificate_download", args=[certificate.pk]))
    assert response.status_code == 409
    assert "förbereds" in response.content.decode()


def test_a_revoked_certificate_is_not_downloaded_by_its_holder(client, issued, teacher):
    certificates.revoke(issued, teacher, "Uppgiften var plagierad")
    url = reverse("programme_certificate_download", args=[issued.pk])
    response = _client(client, issued.user).get(url)
    assert response.status_code == 410
    assert "återkallat" in response.content.decode()
    assert _client(client, teacher).get(url).status_code == 200


# --- Revoking ------------------------------------------------------------------------------------


def test_revoke_needs_a_teacher_and_a_reason(issued, teacher, administrator, full_cohort, make_participant):
    with pytest.raises(NotTeacher):
        certificates.revoke(issued, issued.user, "Jag vill inte ha det")
    with pytest.raises(certificates.ReasonRequired):
        certificates.revoke(issued, teacher, "   ")
    issued.refresh_from_db()
    assert not issued.revoked
    certificate, changed = certificates.revoke(issued, teacher, "Fel person")
    assert changed and certificate.revoked and certificate.revoked_by == teacher
    _same, changed = certificates.revoke(issued, administrator, "Igen")
    assert not changed
    assert Certificate.objects.get().revoked_reason == "Fel person"
    entry = ModelLogEntry.objects.get(action="programme.certificate_revoked")
    assert entry.user_id == teacher.pk
    assert "Fel person" in FORMATTERS["programme.certificate_revoked"]().format_message(entry)


def test_an_administrator_may_revoke(issued, administrator):
    assert certificates.revoke(issued, administrator, "Dubblett")[1]


def test_revoke_view(client, issued, teacher, full_cohort, make_participant):
    url = reverse("programme_certificate_revoke", args=[issued.pk])
    assert _client(client, make_participant(full_cohort)).post(url, {"reason": "x"}).status_code == 404
    response = _client(client, issued.user).post(url, {"reason": "x"})
    assert response.status_code == 403
    response = _client(client, teacher).post(url, {"reason": ""}, follow=True)
    assert "Ange varför" in response.content.decode()
    issued.refresh_from_db()
    assert not issued.revoked
    response = _client(client, teacher).post(url, {"reason": "Fel person"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked
    page = client.get(reverse("programme_verify_code", args=[issued.code])).content.decode()
    assert "Återkallat" in page
    assert "Fel person" not in page
    assert client.get(url).status_code == 405


# --- The teacher's list --------------------------------------------------------------------------


def test_the_teacher_issues_from_the_list(
    client, full_cohort, make_participant, teacher, django_assert_max_num_queries
):
    full_cohort.capacity = 30
    full_cohort.save()
    for _ in range(12):
        complete(make_participant(full_cohort), full_cohort)
    make_participant(full_cohort, first_name="Inte", last_name="Klar")
    url = reverse("programme_cohort_certificates", args=[full_cohort.pk])
    _client(client, teacher)
    response = client.post(url, follow=True)
    text = response.content.decode()
    assert "12 intyg utfärdade" in text
    assert Certificate.objects.filter(cohort=full_cohort).count() == 12
    with django_assert_max_num_queries(12):
        response = client.get(url)
    text = response.content.decode()
    assert "Utfärda intyg till alla som är klara" in text
    assert "Inte Klar" in text
    assert text.count('name="reason"') == 12


def test_the_list_is_only_for_the_cohorts_teachers(client, full_cohort, make_participant, manager):
    url = reverse("programme_cohort_certificates", args=[full_cohort.pk])
    assert client.get(url).status_code == 302  # to the login page
    other_teacher = UserFactory(email="annan.kursledare@example.se", password=PASSWORD)
    for person in (make_participant(full_cohort), manager, other_teacher):
        assert _client(client, person).get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not Certificate.objects.exists()


# --- The mail "Ditt intyg är klart" --------------------------------------------------------------


def test_the_holder_gets_one_mail_when_the_pdf_is_ready(issued, mailoutbox, django_capture_on_commit_callbacks):
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [issued.user.email]
    assert "Ditt intyg är klart: Chefsprogram för välfärdens digitalisering" in message.subject
    assert issued.code in message.body
    assert f"/program/omgang/{issued.cohort_id}/" in message.body
    assert f"/program/intyg/kontrollera/{issued.code}/" in message.body
    # Rendered again (a retry, a new template): no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        rendering.render(issued)
    assert len(mailoutbox) == 1
    assert BookingMail.objects.filter(kind=BookingMailKind.CERTIFICATE).count() == 1


def test_completing_the_last_module_issues_the_certificate(
    full_cohort, make_participant, module, django_capture_on_commit_callbacks
):
    """Sessions attended and the assignment approved first; the module last, through elearning's own service."""
    from tests.builders import complete as complete_module

    person = make_participant(full_cohort, first_name="Örjan", last_name="Ek")
    for session in full_cohort.sessions.order_by("starts_at")[:4]:
        SessionAttendance.objects.create(session=session, user=person, present=True)
    Submission.objects.create(
        cohort=full_cohort, user=person, status=SubmissionStatus.APPROVED, approved_at=timezone.now()
    )
    assert not Certificate.objects.filter(user=person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        complete_module(person, module)
    certificate = Certificate.objects.get(user=person, cohort=full_cohort)
    assert certificate.name == "Örjan Ek"


def test_completing_a_module_of_no_cohort_of_mine_issues_nothing(
    full_cohort, make_participant, module, django_capture_on_commit_callbacks
):
    from tests.builders import complete as complete_module

    outsider = UserFactory(email="utanfor@harnosand.se")
    with django_capture_on_commit_callbacks(execute=True):
        complete_module(outsider, module)
    assert not Certificate.objects.exists()
