"""Demo forms and their submissions: the contact form and "Skicka in din lösning". Idempotent.

The submissions are written directly (as if sent earlier), so the demo sends no mail. A page that exists
already is left as it is, and submissions are added only to a form that has none.
"""

import datetime
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone

from core.pagetree import ensure_child_page

from .models import FormField, FormPage, FormPageSubmission

CONTACT_TOPICS = [
    "Fråga om en utbildning",
    "Webbsändningar",
    "Mätning av digital mognad",
    "Tillgänglighet eller fel på webbplatsen",
    "Annat",
]

CONTACT_PRIVACY = (
    "Vi använder uppgifterna för att svara på din fråga och för att se vilka frågor som är vanliga. "
    "Rättslig grund: uppgiften är av allmänt intresse (artikel 6.1 e i dataskyddsförordningen).\n\n"
    "Det du skickar läses av Kompetenslyfts redaktion och lämnas inte till någon annan. "
    "Det du skriver kan bli en allmän handling."
)

# (days ago, name, e-mail, organisation, topic, message)
CONTACT_SUBMISSIONS = [
    (
        3,
        "Maria Sjöberg",
        "maria.sjoberg@kramfors.se",
        "Kramfors kommun",
        "Fråga om en utbildning",
        "Hej! Vi vill anmäla tolv chefer från socialförvaltningen till nästa omgång av ledarskapsprogrammet. "
        "Går det att ordna en egen chefsdag för oss i Kramfors i mars?",
    ),
    (
        11,
        "Johan Berg",
        "johan.berg@timra.se",
        "Timrå kommun",
        "Tillgänglighet eller fel på webbplatsen",
        "Inspelningen av webbsändningen Våga vara digital! från i höstas saknar textning. "
        "Finns det en textversion som vi kan dela med medarbetare med nedsatt hörsel?",
    ),
    (
        19,
        "Leila Haddad",
        "leila.haddad@sundsvall.se",
        "Sundsvalls kommun",
        "Mätning av digital mognad",
        "Vi mätte vår digitala mognad förra året. Kan vi jämföra årets resultat med förra årets per "
        "förvaltning, och i så fall hur?",
    ),
    (
        33,
        "Per Nilsson",
        "per.nilsson@solleftea.se",
        "",
        "Annat",
        "Jag är ny som digitaliseringsstrateg. Finns det ett nätverk för oss som arbetar med Kompetenslyft i länet?",
    ),
]

SOLUTION_PARTS = [
    "Mäta digital mognad",
    "Målgrupper och kommunikation",
    "Planering av chefsdagar",
    "Förändringsledning och varaktig effekt",
    "Annat",
]

SOLUTION_PRIVACY = (
    "Vi använder uppgifterna för att bedöma förslaget och för att kontakta dig om det. "
    "Rättslig grund: uppgiften är av allmänt intresse (artikel 6.1 e i dataskyddsförordningen).\n\n"
    "Förslaget läses av Kompetenslyfts redaktion, som kan visa det för de kommuner som arbetar med utmaningen. "
    "Skicka inte affärshemligheter: det du skickar kan bli en allmän handling."
)


def _fields(*fields):
    """The fields in the order given: code must set sort_order itself (only the admin's formset does), or
    PostgreSQL may return them in any order and the form shows "Meddelande" before "Namn"."""
    for position, form_field in enumerate(fields):
        form_field.sort_order = position
    return list(fields)


def _field(label, field_type, required=True, choices=None, help_text=""):
    return FormField(
        label=label,
        field_type=field_type,
        required=required,
        choices="\n".join(choices or []),
        help_text=help_text,
    )


def _add_submission(page, days_ago, data, attachment=None):
    submission = FormPageSubmission(page=page, form_data=data)
    if attachment is not None:
        name, content = attachment
        submission.attachment_name = name
        submission.attachment.save(f"{secrets.token_hex(16)}.pdf", ContentFile(content), save=False)
    submission.save()
    when = timezone.now() - datetime.timedelta(days=days_ago, hours=days_ago % 7 + 1)
    FormPageSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
    return submission


def seed(home):
    contact, _ = ensure_child_page(
        home,
        FormPage,
        "kontakt",
        title="Kontakta oss",
        intro="<p>Välkommen att skicka din fråga om utbildningarna, webbsändningarna eller mätningen av digital "
        "mognad. Vi svarar oftast inom tre arbetsdagar.</p>",
        thank_you_text="<p>Vi svarar oftast inom tre arbetsdagar. Brådskande frågor om en chefsdag som ska "
        "hållas inom en vecka kan du också ställa till din samtalsledare.</p>",
        privacy_notice=CONTACT_PRIVACY,
        retention_days=365,
        to_address="kontakt@kompetenslyft.se",
        subject="Nytt meddelande via kontaktformuläret",
        search_description="Skicka en fråga till Kompetenslyft.",
        form_fields=_fields(
            _field("Namn", "singleline"),
            _field("E-post", "email", help_text="Vi svarar till den här adressen."),
            _field("Organisation", "singleline", required=False),
            _field("Ärende", "dropdown", choices=CONTACT_TOPICS),
            _field("Meddelande", "multiline"),
        ),
    )
    if not contact.get_submissions().exists():
        for days_ago, name, email, organisation, topic, message in CONTACT_SUBMISSIONS:
            _add_submission(
                contact,
                days_ago,
                {
                    "namn": name,
                    "e_post": email,
                    "organisation": organisation,
                    "arende": topic,
                    "meddelande": message,
                },
            )
    return {"contact": contact}


def ensure_solution_proposal_form(parent):
    """The "Skicka in din lösning" form page under a challenge; returns the page."""
    page, _ = ensure_child_page(
        parent,
        FormPage,
        "skicka-in-losning",
        title="Skicka in din lösning",
        intro="<p>Har ditt företag en lösning som kan hjälpa kommunerna med utmaningen? Beskriv den här. "
        "Vi läser alla förslag och hör av oss om vi vill veta mer.</p>",
        thank_you_text="<p>Tack för ditt förslag! Vi läser alla förslag och hör av oss inom tre veckor om vi "
        "vill veta mer.</p>",
        privacy_notice=SOLUTION_PRIVACY,
        retention_days=730,
        allow_attachment=True,
        to_address="kontakt@kompetenslyft.se",
        subject="Nytt lösningsförslag",
        search_description="Företag kan skicka in en lösning på utmaningen.",
        form_fields=_fields(
            _field("Företag", "singleline"),
            _field("Kontaktperson", "singleline"),
            _field("E-post", "email"),
            _field("Telefon", "singleline", required=False),
            _field("Vilken del av utmaningen gäller lösningen?", "dropdown", choices=SOLUTION_PARTS),
            _field(
                "Beskrivning av lösningen",
                "multiline",
                help_text="Vad lösningen gör, för vilka, och vad den har gett där den redan används.",
            ),
        ),
    )
    if not page.get_submissions().exists():
        _add_submission(
            page,
            6,
            {
                "foretag": "Lärverkstan Norr AB",
                "kontaktperson": "Sofia Ek",
                "e_post": "sofia.ek@larverkstan-norr.se",
                "telefon": "060-12 34 56",
                "vilken_del_av_utmaningen_galler_losningen": "Planering av chefsdagar",
                "beskrivning_av_losningen": "Ett planeringsstöd för chefsdagar: en checklista för veckorna före, "
                "diskussionsfrågor per modul och en mall för uppföljning. Används i dag av tre kommuner i länet.",
            },
            attachment=(
                "planeringsstod-chefsdag.pdf",
                small_pdf(["Planeringsstöd för chefsdagar", "Lärverkstan Norr AB", "Checklista, frågor, uppföljning"]),
            ),
        )
        _add_submission(
            page,
            15,
            {
                "foretag": "Mognadskollen Sverige AB",
                "kontaktperson": "Erik Holm",
                "e_post": "erik.holm@mognadskollen.se",
                "telefon": "",
                "vilken_del_av_utmaningen_galler_losningen": "Mäta digital mognad",
                "beskrivning_av_losningen": "En enkät i tre steg som visar resultatet per förvaltning och jämför "
                "med förra året, med öppna data i CSV-format.",
            },
        )
    return page


def small_pdf(lines):
    """A one-page PDF with a few lines of text (Helvetica, Latin-1 letters such as å, ä and ö)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = " ".join(f"({escape(line)}) '" for line in lines)
    stream = f"BT /F1 14 Tf 72 780 Td 22 TL {text} ET".encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out
