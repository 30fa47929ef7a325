"""The public page that confirms a certificate code: no login, no e-mail, noindex, 404 for an unknown
code, and a limit per client address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes import certificates
from programmes.models import Certificate, CertificateStatus
from programmes.views.certificates import VERIFY_LIMIT


@pytest.fixture
def certificate(cohort, make_participant):
    person = make_participant(cohort, first_name="Åsa", last_name="Öberg", email="asa.oberg@eskilstuna.se")
    return Certificate.objects.create(
        cohort=cohort,
        user=person,
        code="KL-7QX4-M9PA",
        name="Åsa Öberg",
        programme_title="Chefsprogram för välfärdens digitalisering",
        cohort_title="Våren 2027",
        starts_on=datetime.date(2027, 4, 3),
        ends_on=datetime.date(2027, 6, 12),
        status=CertificateStatus.READY,
    )


def test_the_form_leads_to_the_code_page(client, db):
    response = client.get(reverse("programme_verify"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="kod"' in text and "Kontrollera ett intyg" in text
    assert '<meta name="robots" content="noindex">' in text
    response = client.get(reverse("programme_verify"), {"kod": " kl 7qx4 m9pa "})
    assert response.status_code == 302
    assert response["Location"] == "/program/intyg/kontrollera/KL-7QX4-M9PA/"


def test_the_form_explains_a_malformed_code(client, db):
    response = client.get(reverse("programme_verify"), {"kod": "hej"})
    assert response.status_code == 200
    assert "Det är ingen kontrollkod" in response.content.decode()


def test_a_valid_certificate(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # the certificate, the rest is the site frame
        response = client.get(reverse("programme_verify_code", args=[certificate.code]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    text = response.content.decode()
    for expected in (
        "Åsa Öberg",
        "Chefsprogram för välfärdens digitalisering",
        "Våren 2027, 3 april – 12 juni 2027",
        "Giltigt",
        timezone.localdate(certificate.issued_at).strftime("%Y"),
        '<meta name="robots" content="noindex">',
    ):
        assert expected in text
    assert "asa.oberg" not in text and "@eskilstuna.se" not in text
    assert "Återkallat" not in text


def test_a_typed_code_is_sent_to_its_canonical_address(client, certificate):
    response = client.get(reverse("programme_verify_code", args=["kl7qx4m9pa"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programme_verify_code", args=[certificate.code])


def test_a_revoked_certificate_says_so_without_the_reason(client, certificate, teacher):
    certificates.revoke(certificate, teacher, "Hemuppgiften var plagierad", now=timezone.now())
    text = client.get(reverse("programme_verify_code", args=[certificate.code])).content.decode()
    assert "Återkallat" in text
    assert "Giltigt" not in text
    assert "plagierad" not in text


def test_an_unknown_code_is_404_with_a_clear_text(client, certificate):
    for code in ("KL-2222-3333", "nonsens"):
        response = client.get(reverse("programme_verify_code", args=[code]))
        assert response.status_code == 404
        text = response.content.decode()
        assert "Inget intyg med den koden" in text
        assert '<meta name="robots" content="noindex">' in text


def test_lookups_are_limited_per_address(client, certificate):
    url = reverse("programme_verify_code", args=["KL-2222-3333"])
    for _ in range(VERIFY_LIMIT.allowed):
        assert client.get(url, REMOTE_ADDR="10.1.1.1").status_code == 404
    response = client.get(reverse("programme_verify_code", args=[certificate.code]), REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert response["Retry-After"] == "600"
    # Another address is not affected.
    assert (
        client.get(reverse("programme_verify_code", args=[certificate.code]), REMOTE_ADDR="10.1.1.2").status_code == 200
    )


def test_certificate_name_without_a_real_name_is_not_shown_as_an_e_mail(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(name="asa.oberg@eskilstuna.se")
    text = client.get(reverse("programme_verify_code", args=[certificate.code])).content.decode()
    assert "@eskilstuna.se" not in text
    assert "(namn saknas)" in text
