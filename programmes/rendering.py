"""The certificate as a PDF: HTML from a Django template, rendered by WeasyPrint in a background task.

The PDF is tagged (PDF/UA-1: a structure tree, the language "sv", a title), its font embedded (DejaVu
Sans from the system, with å, ä, ö), and it carries a QR code to the public verification page. It is
stored in private storage (`core.storage`), outside MEDIA_ROOT, and served only by
`programmes.views.certificates.download` after `programmes.access` said yes.

WeasyPrint needs Pango; it is imported inside the task so that the site runs without it. A failure
marks the certificate FAILED (tries + 1) and is logged; `manage.py render_certificates` retries.
The first time a PDF is ready, the holder gets the mail "Ditt intyg är klart" (`certificate_mails`).
"""

import base64
import logging

from django.core.files.base import ContentFile
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.calendar import absolute_url

from .certificate_mails import queue_ready_mail
from .certificates import period
from .models import Certificate, CertificateStatus

logger = logging.getLogger(__name__)

TEMPLATE = "programmes/certificates/pdf.html"
PDF_VARIANT = "pdf/ua-1"


def verify_url(certificate):
    """The public page that confirms the certificate (absolute: it is printed and put in the QR code)."""
    return absolute_url(reverse("programme_verify_code", args=[certificate.code]))


def qr_data_uri(url):
    """The URL as a QR code: an SVG (vector, sharp when printed) as a data URI for an <img>."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def certificate_html(certificate):
    url = verify_url(certificate)
    with translation.override("sv"), timezone.override("Europe/Stockholm"):
        return render_to_string(
            TEMPLATE,
            {
                "certificate": certificate,
                "period": period(certificate.starts_on, certificate.ends_on),
                "issued_on": timezone.localdate(certificate.issued_at),
                "verify_url": url,
                "qr": qr_data_uri(url),
            },
        )


def render_pdf(certificate):
    """The certificate's PDF as bytes."""
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per step otherwise
    return HTML(string=certificate_html(certificate)).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_name(certificate):
    return f"intyg-{certificate.code}.pdf"


def render(certificate):
    """Render and store the PDF; READY afterwards, or FAILED with tries + 1 (and logged). Returns the status."""
    try:
        data = render_pdf(certificate)
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.pdf.save(pdf_name(certificate), ContentFile(data), save=False)
    except Exception:
        logger.exception("certificate %s: rendering the PDF failed", certificate.pk)
        Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.FAILED, tries=F("tries") + 1)
        return CertificateStatus.FAILED
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name, status=CertificateStatus.READY)
    if not certificate.revoked:
        queue_ready_mail(certificate)  # once per person and cohort
    return CertificateStatus.READY


@task()
def render_certificate(certificate_id):
    """Queued after commit when a certificate is issued (and by `render_certificates` for retries)."""
    certificate = Certificate.objects.select_related("cohort").filter(pk=certificate_id).first()
    if certificate is None:
        return None
    if certificate.status == CertificateStatus.READY and certificate.pdf:
        return str(certificate.status)
    return str(render(certificate))
