"""The "Digitalkompetens fas 1" challenge with four municipalities' solutions and one page waiting for review.

Each municipality's solution editor (accounts.demo.SOLUTION_EDITORS) writes under the organisation's own part
of the challenge, and the reviewer (Granskare) approves: the demo's solutions go through the review workflow
as an editor's would. Kramfors' second solution is left submitted and waiting for the reviewer.
Idempotent: what exists is left as it is, so a second run changes nothing and starts no second workflow.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.demo import REVIEWER_EMAIL, SOLUTION_EDITORS
from accounts.models import Organisation
from accounts.review import ensure_review_workflow
from core.models import ContactPerson
from home.demo_forms import ensure_solution_proposal_form

from .models import ChallengePage, OrganisationSolutionsPage, SolutionPage
from .permissions import add_organisation_editor

CHALLENGE_SLUG = "digitalkompetens-fas-1"
PENDING_SLUG = "uppfoljning-efter-forsta-traffen"


def _rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _list(*items, tag="ul"):
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


CHALLENGE = {
    "title": "Digitalkompetens fas 1",
    "intro": (
        "Hur lyfter en kommun den digitala kompetensen hos alla chefer och medarbetare, och hur vet man att "
        "det fungerar? Här delar kommunerna i Västernorrland hur de har gjort, med verktyg som andra kan "
        "använda direkt."
    ),
    "background": _rich(
        "Digitaliseringen ändrar hur kommunerna arbetar, men kunskapen om vad den betyder är ojämnt fördelad. "
        "I en del förvaltningar använder alla digitala verktyg varje dag, i andra har medarbetarna knappt "
        "tillgång till en dator på arbetstid.",
        "Kommunerna i länet tog fram utmaningen tillsammans. Den första fasen handlar om att veta var man står, "
        "välja vilka som ska utbildas först och planera så att cheferna kan leda förändringen.",
    ),
    "goal": _rich(
        "Alla chefer och medarbetare ska få en gemensam grund i digital kompetens och ett gemensamt språk för "
        "att prata om digitalisering. Varje kommun ska veta sitt nuläge och ha en plan för att nå dit den vill."
    ),
    "expected_results": _list(
        "Varje kommun har mätt sin digitala mognad och vet sitt nuläge.",
        "Ledningen har beslutat om målgrupper och i vilken ordning de ska utbildas.",
        "Cheferna har en plan för när och hur deras medarbetare går utbildningen.",
        "Kommunerna delar sina lösningar här, så att ingen behöver börja från noll.",
    ),
    "criteria": [
        (
            "Jämställdhet",
            _rich(
                "Lösningen ska nå kvinnor och män i samma utsträckning. Tänk på att yrken där många kvinnor "
                "arbetar, till exempel vård och omsorg, ofta har sämre tillgång till datorer och tid för "
                "utbildning."
            ),
        ),
        (
            "Lika behandling och icke-diskriminering",
            _rich(
                "Alla ska kunna ta del av utbildningen, oavsett funktionsförmåga, ålder eller modersmål. "
                "Material ska vara tillgängligt och skrivet på klarspråk."
            ),
        ),
        (
            "Miljö",
            _rich(
                "Välj digitala möten och utbildning på distans där det går, så att resorna blir färre. "
                "Skriv ut så lite som möjligt."
            ),
        ),
    ],
    "faq": [
        (
            "Varför ska vi utbilda i digital mognad?",
            _rich(
                "Digitalisering är i första hand en ledningsfråga, inte en teknikfråga. När chefer och "
                "medarbetare förstår vad digitaliseringen kan göra för verksamheten går förändringen fortare, "
                "och investeringarna ger mer."
            ),
        ),
        (
            "Vilka funktioner behöver samarbeta?",
            _rich(
                "HR och ledningen behöver tillsammans bestämma vilka målgrupper som ska utbildas och i vilken "
                "ordning. Kommunikatörerna behövs för att nå ut, och IT för att alla ska ha verktygen som "
                "utbildningen förutsätter."
            ),
        ),
        (
            "Varför ska vi mäta digital mognad?",
            _rich(
                "En mätning visar var ni står innan ni väljer insatser, och gör det möjligt att se om "
                "insatserna gav något när ni mäter igen. Den ger också ledningen ett gemensamt underlag att "
                "prata utifrån."
            ),
        ),
        (
            "Vilka kompetenser behövs för att leda förändringen?",
            _rich("Erfarenheten från kommunerna pekar på tre saker:")
            + _list("Förändringsledning.", "Projektledning.", "Kommunikation, internt och externt."),
        ),
        (
            "Hur får vi en bestående effekt?",
            _rich(
                "Se utbildningen som en del av ett förändringsarbete, inte som en engångsinsats. Följ upp med "
                "cheferna, mät igen efter ett år och låt det ni lär er styra nästa steg."
            ),
        ),
    ],
}

CONTACT = {
    "name": "Lena Sundberg",
    "organisation": "Region Västernorrland",
    "role": "Processledare, Digitalkompetens fas 1",
    "unit": "Regional utveckling",
    "phone": "0611-800 00",
    "email": "digitalkompetens@rvn.se",
}

# (file name, title, heading, lines): small real PDF files, made here so the demo needs no uploads.
DOCUMENTS = {
    "sundsvall": (
        "sundsvall-nulagesmatning.pdf",
        "Sundsvall: frågor för nulägesmätningen",
        "Nulägesmätning av digital mognad",
        [
            "Sundsvalls kommun, kommunstyrelsekontoret",
            "1. Hur ofta använder ni digitala verktyg i ert dagliga arbete?",
            "2. Vet ni vart ni vänder er när ett digitalt verktyg inte fungerar?",
            "3. Hur väl känner ni till förvaltningens mål för digitaliseringen?",
            "4. Vilket stöd behöver ni för att utveckla verksamheten digitalt?",
        ],
    ),
    "harnosand": (
        "harnosand-checklista-malgrupper.pdf",
        "Härnösand: checklista för målgrupper",
        "Checklista för målgrupper",
        [
            "Härnösands kommun, kommunledningsförvaltningen",
            "- Vilka målgrupper ska gå utbildningen, och i vilken ordning?",
            "- Har varje målgrupp tid och tillgång till dator eller surfplatta?",
            "- Vem är avsändare: förvaltningschef, närmaste chef eller HR?",
            "- Vilka kanaler når målgruppen: intranät, arbetsplatsträff, sms?",
            "- När följer vi upp, och vem påminner den som inte är klar?",
        ],
    ),
}

# The solutions, per organisation: (slug, fields, document key or None, first published).
SOLUTIONS = {
    "Sundsvalls kommun": [
        (
            "nulagesmatning-digital-mognad",
            {
                "title": "Nulägesmätning av digital mognad",
                "target_group": "Förvaltningsledningar och chefer",
                "summary": (
                    "Sundsvall mätte den digitala mognaden i alla förvaltningar innan utbildningen började. "
                    "Resultatet blev ett gemensamt underlag för ledningen att välja målgrupper utifrån."
                ),
                "body": [
                    ("heading", "Så gjorde vi"),
                    (
                        "paragraph",
                        _rich(
                            "Varje förvaltningsledning besvarade samma frågor om styrning, kompetens och "
                            "arbetssätt. Svaren sammanställdes per förvaltning och diskuterades i "
                            "kommunledningsgruppen.",
                            "Frågorna finns som bilaga. Använd dem gärna som de är, eller anpassa dem efter er "
                            "organisation.",
                        ),
                    ),
                ],
                "lessons": _rich(
                    "Mätningen gav mest när ledningsgruppen tog sig tid att prata om resultatet tillsammans. "
                    "Siffrorna i sig sa mindre än samtalet om varför förvaltningarna skilde sig åt."
                ),
            },
            ["Mognadsmätning"],
            "sundsvall",
            datetime.date(2025, 3, 12),
        ),
    ],
    "Örnsköldsviks kommun": [
        (
            "mognadsmatning-i-alla-forvaltningar",
            {
                "title": "Mognadsmätning i alla förvaltningar",
                "target_group": "Förvaltningsledningar",
                "summary": (
                    "Örnsköldsvik använde den nationella mätningen av digital mognad i alla förvaltningar och "
                    "jämförde resultatet med kommuner av samma storlek."
                ),
                "body": [
                    (
                        "paragraph",
                        _rich(
                            "Mätningen gjordes under två veckor i februari. Digitaliseringsstrategen samlade "
                            "varje förvaltningsledning en timme, och svaren fylldes i gemensamt under mötet.",
                            "Resultatet presenterades för kommundirektören med förslag på vilka förvaltningar "
                            "som skulle börja.",
                        ),
                    ),
                ],
                "lessons": _rich(
                    "Att fylla i mätningen tillsammans tog längre tid än att låta var och en svara, men gav en "
                    "gemensam bild som ledningen stod bakom."
                ),
            },
            ["Mognadsmätning", "Kommunikation"],
            None,
            datetime.date(2025, 4, 2),
        ),
    ],
    "Härnösands kommun": [
        (
            "checklista-malgrupper-och-kommunikation",
            {
                "title": "Checklista för målgrupper, med kommunikationstips",
                "target_group": "HR, kommunikatörer och chefer",
                "summary": (
                    "En checklista som hjälper HR och ledning att välja målgrupper och planera hur de ska nås, "
                    "med tips om avsändare, kanaler och påminnelser."
                ),
                "body": [
                    ("heading", "Kommunikationstips"),
                    (
                        "paragraph",
                        _list(
                            "Låt närmaste chef vara avsändare. Ett brev från förvaltningschefen räcker inte.",
                            "Berätta varför utbildningen görs och hur lång tid den tar.",
                            "Nå medarbetare utan egen dator på arbetsplatsträffen, inte bara på intranätet.",
                            "Påminn en vecka före sista dag, och tacka dem som är klara.",
                        ),
                    ),
                ],
                "lessons": _rich(
                    "Målgrupper som fick utbildningen presenterad av sin egen chef blev klara dubbelt så ofta "
                    "som de som bara fick ett e-postmeddelande."
                ),
            },
            ["Checklista", "Kommunikation"],
            "harnosand",
            datetime.date(2025, 5, 20),
        ),
        (
            "planeringsstod-chefsdag",
            {
                "title": "Planeringsstöd för chefsdagen",
                "target_group": "Chefer och HR",
                "summary": (
                    "Så planerade Härnösand chefsdagen: alla chefer gick webbmodulen före, och på dagen "
                    "diskuterades frågorna i små grupper med en samtalsledare."
                ),
                "body": [
                    ("heading", "Tidsplan"),
                    (
                        "paragraph",
                        _list(
                            "Sex veckor före: kallelse och länk till webbmodulen.",
                            "Två veckor före: HR ser vilka som är klara och påminner.",
                            "Dagen: samtal i grupper om fem, med en samtalsledare per grupp.",
                            "Efteråt: varje chef tar med sig en fråga till sin arbetsplatsträff.",
                            tag="ol",
                        ),
                    ),
                ],
                "lessons": _rich(
                    "Samtalen blev bättre när grupperna blandade chefer från olika förvaltningar. Planera in "
                    "tid för samtalsledarna att förbereda sig."
                ),
            },
            ["Planeringsstöd"],
            None,
            datetime.date(2025, 9, 8),
        ),
    ],
    "Kramfors kommun": [
        (
            "planeringsstod-kommunstyrelsen-forst",
            {
                "title": "Planeringsstöd: först kommunstyrelsen, sedan förvaltningarna",
                "target_group": "Förtroendevalda och förvaltningsledningar",
                "summary": (
                    "Kramfors började med en allmän dragning för kommunstyrelsen. Därefter gick varje "
                    "förvaltning den interaktiva utbildningen före sitt första möte."
                ),
                "body": [
                    (
                        "paragraph",
                        _rich(
                            "Dragningen för kommunstyrelsen tog en halvtimme och handlade om varför "
                            "digitalisering är en ledningsfråga. Sedan fick varje förvaltningsledning en länk "
                            "till utbildningen, med krav på att alla skulle vara klara före första mötet.",
                        ),
                    ),
                ],
                "lessons": _rich(
                    "När de förtroendevalda hade hört dragningen först blev det lättare för förvaltningarna "
                    "att prioritera utbildningen."
                ),
            },
            ["Planeringsstöd"],
            None,
            datetime.date(2025, 10, 14),
        ),
    ],
}

# Kramfors' second solution: submitted by its editor and waiting for the reviewer.
PENDING = {
    "title": "Uppföljning efter första träffen",
    "target_group": "Förvaltningsledningar",
    "summary": (
        "Hur Kramfors följde upp efter första mötet: en kort enkät till alla som gått utbildningen och ett "
        "samtal i varje ledningsgrupp om vad nästa steg blir."
    ),
    "body": [
        (
            "paragraph",
            _rich(
                "En vecka efter första mötet fick alla en enkät med tre frågor. Svaren togs upp i "
                "ledningsgruppen, som bestämde vad förvaltningen skulle pröva först."
            ),
        ),
    ],
    "lessons": _rich("Tre frågor räckte. En längre enkät hade fått färre svar."),
}
PENDING_TAGS = ["Planeringsstöd", "Uppföljning"]


@transaction.atomic
def seed(home, people):
    reviewer = people.get(REVIEWER_EMAIL)
    if Collection.get_first_root_node() is None:  # a flushed test database: documents need the root collection
        Collection.add_root(name="Root")
    challenge = _ensure_challenge(home)
    workflow = ensure_review_workflow()
    documents = {key: _ensure_pdf(*spec) for key, spec in DOCUMENTS.items()}
    solutions = []
    parts = {}
    for organisation_name, specs in SOLUTIONS.items():
        organisation = Organisation.objects.get(name=organisation_name)
        part = parts[organisation_name] = _ensure_part(challenge, organisation)
        editor = people.get(SOLUTION_EDITORS[organisation_name])
        if editor is not None:
            add_organisation_editor(editor, part)
        for slug, fields, tags, document_key, published_on in specs:
            attachments = []
            if document_key:
                document = documents[document_key]
                attachments = [("document", {"document": document, "title": document.title})]
            solutions.append(
                _ensure_solution(
                    part, slug, fields, tags, attachments, editor, reviewer, published_on, workflow=workflow
                )
            )
    pending = _ensure_pending(parts["Kramfors kommun"], people.get(SOLUTION_EDITORS["Kramfors kommun"]), workflow)
    form = ensure_solution_proposal_form(challenge)
    return {"challenge": challenge, "solutions": solutions, "pending": pending, "form": form}


def _ensure_challenge(home):
    existing = ChallengePage.objects.child_of(home).filter(slug=CHALLENGE_SLUG).first()
    if existing is not None:
        return existing
    person, _ = ContactPerson.objects.get_or_create(
        name=CONTACT["name"],
        organisation=CONTACT["organisation"],
        defaults={key: value for key, value in CONTACT.items() if key not in {"name", "organisation"}},
    )
    challenge = ChallengePage(
        slug=CHALLENGE_SLUG,
        title=CHALLENGE["title"],
        intro=CHALLENGE["intro"],
        background=CHALLENGE["background"],
        goal=CHALLENGE["goal"],
        expected_results=CHALLENGE["expected_results"],
        criteria=[("criterion", {"heading": heading, "text": text}) for heading, text in CHALLENGE["criteria"]],
        faq=[("question", {"question": question, "answer": answer}) for question, answer in CHALLENGE["faq"]],
        body=[("contact", {"heading": "Vill du veta mer om utmaningen?", "person": person})],
        first_published_at=_at(datetime.date(2025, 2, 3)),
    )
    home.add_child(instance=challenge)
    challenge.save_revision().publish()
    challenge.refresh_from_db()
    return challenge


def _ensure_part(challenge, organisation):
    part = OrganisationSolutionsPage.objects.child_of(challenge).filter(organisation=organisation).first()
    if part is None:
        part = OrganisationSolutionsPage(
            title=organisation.name, slug=slugify(organisation.name), organisation=organisation
        )
        challenge.add_child(instance=part)
        part.save_revision().publish()
        part.refresh_from_db()
    return part


def _ensure_solution(part, slug, fields, tags, attachments, editor, reviewer, published_on, workflow):
    """A solution as an editor writes it: saved, submitted to the review workflow and approved by the reviewer."""
    existing = SolutionPage.objects.child_of(part).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = _new_solution(part, slug, fields, tags, attachments, editor, published_on)
    if reviewer is None:  # people without the reviewer (a partial seed in a test): publish directly
        page.get_latest_revision().publish()
    else:
        workflow.start(page, editor)
        task_state = page.current_workflow_task_state.specific
        task_state.task.specific.on_action(task_state, reviewer, "approve", comment="")
    page.refresh_from_db()
    return page


def _ensure_pending(part, editor, workflow):
    existing = SolutionPage.objects.child_of(part).filter(slug=PENDING_SLUG).first()
    if existing is not None:
        return existing
    page = _new_solution(part, PENDING_SLUG, PENDING, PENDING_TAGS, [], editor, None)
    workflow.start(page, editor)
    return page


def _new_solution(part, slug, fields, tags, attachments, editor, published_on):
    page = SolutionPage(
        slug=slug,
        owner=editor,
        live=False,
        attachments=attachments,
        first_published_at=_at(published_on) if published_on else None,
        **fields,
    )
    page.tags.add(*tags)
    part.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    return page


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _ensure_pdf(filename, title, heading, lines):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(_pdf(title, heading, lines)), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _pdf(title, heading, lines):
    """A one-page PDF with a heading and lines of text (Helvetica, WinAnsi: å, ä and ö included)."""

    def text(value):
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252") + b")"

    stream = b"BT /F1 18 Tf 56 780 Td " + text(heading) + b" Tj /F1 11 Tf"
    for line in lines:
        stream += b" 0 -22 Td " + text(line) + b" Tj"
    stream += b" ET"
    title_hex = ("FEFF" + title.encode("utf-16-be").hex().upper()).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (sv-SE) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Title <" + title_hex + b"> /Producer (Kompetenslyft demo) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
