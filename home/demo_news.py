"""Demo news: "Nyheter" with articles over 2025 and 2026, campaign images and contact people. Idempotent.

The articles tell what the other demos show: the webcast series "Våga vara digital!", maturity
measurements in Sundsvall, Örnsköldsvik and Härnösand, Härnösand's chefsdag, the "Digitalkompetens fas 1"
challenge and the leadership programme "Chefsprogram för välfärdens digitalisering" (Eskilstuna's five
managers in the spring 2026 cohort; the autumn 2027 cohort half booked). Dates are set back as if the
articles had been published then; two were updated later, so they show "Senast uppdaterad".

Images are drawn here with Pillow (abstract shapes in the site's colours) and stored as Wagtail images,
found again by title. Contact people are found again by name and organisation. A second run adds
nothing and changes nothing; an editor's changes to the demo stay.
"""

import datetime
import io
import math
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from core import versions
from core.models import ContactPerson
from core.pagetree import ensure_child_page

from .models import NewsIndexPage, NewsPage

# The site's colours (static/css/site.css).
PRIMARY, PRIMARY_DARK, ACCENT, SURFACE, SUCCESS, FOCUS = (
    "#0b4f6c",
    "#083a50",
    "#b8430a",
    "#f3f6f8",
    "#1f6b3a",
    "#ffbf47",
)
SIZE = (1600, 900)

# Phone numbers from the series the Swedish telecom regulator keeps for fiction (070-174 06 05 to 99).
CONTACTS = {
    "kompetenslyft": {
        "name": "Maria Sjöberg",
        "role": "Programansvarig, Chefsprogram för välfärdens digitalisering",
        "organisation": "Kompetenslyft",
        "unit": "Programkontoret",
        "phone": "070-174 06 10",
        "email": "maria.sjoberg@kompetenslyft.se",
    },
    "kommunikation": {
        "name": "Anders Ek",
        "role": "Kommunikatör, Våga vara digital!",
        "organisation": "Kompetenslyft",
        "unit": "Kommunikation",
        "phone": "070-174 06 54",
        "email": "anders.ek@kompetenslyft.se",
    },
    "harnosand": {
        "name": "Lena Holm",
        "role": "HR-strateg",
        "organisation": "Härnösands kommun",
        "unit": "HR-avdelningen",
        "phone": "070-174 06 21",
        "email": "lena.holm@harnosand.se",
    },
    "sundsvall": {
        "name": "Johan Nyberg",
        "role": "Digitaliseringsstrateg",
        "organisation": "Sundsvalls kommun",
        "unit": "Digitaliseringsenheten",
        "phone": "070-174 06 32",
        "email": "johan.nyberg@sundsvall.se",
    },
    "eskilstuna": {
        "name": "Nadia Karlsson",
        "role": "Digitaliseringschef",
        "organisation": "Eskilstuna kommun",
        "unit": "Kommunledningsförvaltningen",
        "phone": "070-174 06 43",
        "email": "nadia.karlsson@eskilstuna.se",
    },
}

# title -> (Swedish alt text, drawing)
IMAGES = {
    "Kampanjbild: Våga vara digital!": (
        "Abstrakt kampanjbild: orange och ljusa cirklar som sprider sig som vågor över en mörkblå bakgrund.",
        "waves",
    ),
    "Kampanjbild: Ledarprogrammet": (
        "Abstrakt kampanjbild: trappsteg av blå, gröna och orange block som leder uppåt mot en gul punkt.",
        "steps",
    ),
    "Kampanjbild: Digital mognad": (
        "Abstrakt kampanjbild: staplar i blått och grönt som växer från vänster till höger.",
        "bars",
    ),
    "Kampanjbild: Chefsdag": (
        "Abstrakt kampanjbild: färgade cirklar samlade runt ett ljust runt bord, som människor i ett samtal.",
        "table",
    ),
}

INDEX_INTRO = (
    "Nyheter om Kompetenslyfts utbildningar, webbsändningar och mätningar av digital mognad, "
    "och om hur kommuner och regioner arbetar med dem."
)


def _draw(kind):
    from PIL import Image, ImageDraw

    rng = random.Random(kind)  # noqa: S311  (a drawing: the same picture on every run)
    image = Image.new("RGB", SIZE, PRIMARY)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    if kind == "waves":
        for n in range(9, 0, -1):
            r = n * 110
            draw.ellipse((1150 - r, 620 - r, 1150 + r, 620 + r), fill=ACCENT if n % 2 else PRIMARY_DARK)
        draw.ellipse((1050, 520, 1250, 720), fill=SURFACE)
        draw.ellipse((160, 140, 420, 400), outline=FOCUS, width=18)
    elif kind == "steps":
        image.paste(SURFACE, (0, 0, width, height))
        colours = [PRIMARY, PRIMARY_DARK, SUCCESS, ACCENT, PRIMARY]
        for n, colour in enumerate(colours):
            left = 120 + n * 270
            draw.rectangle((left, height - 160 - n * 130, left + 250, height), fill=colour)
        draw.ellipse((1380, 90, 1520, 230), fill=FOCUS)
    elif kind == "bars":
        image.paste(PRIMARY_DARK, (0, 0, width, height))
        for n in range(10):
            bar = 120 + n * 60 + rng.randint(0, 60)
            left = 110 + n * 140
            draw.rectangle((left, height - 80 - bar, left + 100, height - 80), fill=SUCCESS if n % 3 else SURFACE)
        draw.line((110, 300, 1490, 120), fill=FOCUS, width=14)
    else:  # "table"
        image.paste(SURFACE, (0, 0, width, height))
        draw.ellipse((550, 200, 1050, 700), fill="#ffffff", outline=PRIMARY, width=10)
        colours = [PRIMARY, ACCENT, SUCCESS, PRIMARY_DARK, FOCUS, ACCENT, PRIMARY, SUCCESS]
        for n, colour in enumerate(colours):
            x = 800 + int(360 * math.cos(n * math.pi / 4))
            y = 450 + int(330 * math.sin(n * math.pi / 4))
            draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer


def ensure_image(title):
    """The demo image with this title, drawn and stored the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    alt, kind = IMAGES[title]
    # A flushed test database (live-server tests) has lost Wagtail's root collection, which images need.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    image = Image(title=title, description=alt, collection=root)
    image.file = ImageFile(_draw(kind), name=f"nyheter-{kind}.jpg")
    image.save()
    return image


def ensure_contacts():
    people = {}
    for key, fields in CONTACTS.items():
        person, _ = ContactPerson.objects.get_or_create(
            name=fields["name"], organisation=fields["organisation"], defaults=fields
        )
        people[key] = person
    return people


def _contact(person, heading=""):
    return ("contact", {"heading": heading, "person": person})


def _articles(images, contacts):
    """(slug, published on, updated on or None, tags, fields) of each article, oldest first."""
    return [
        (
            "vaga-vara-digital-webbsandningen-som-nar-ledningen",
            datetime.date(2025, 3, 18),
            None,
            ["Webbsändning"],
            {
                "title": "Våga vara digital! – webbsändningen som når ledningen i alla län",
                "lead": "Den 10 april startar Våga vara digital!, en serie webbsändningar för förtroendevalda, "
                "ledande tjänstepersoner och chefer. Första avsnittet handlar om varför digitalisering är en "
                "ledningsfråga.",
                "image": images["Kampanjbild: Våga vara digital!"],
                "image_alt": IMAGES["Kampanjbild: Våga vara digital!"][0],
                "image_caption": "Våga vara digital! sänds direkt och finns sedan som inspelning.",
                "body": [
                    (
                        "paragraph",
                        "<p>Kommuner och regioner står inför ekvationen 125 procent välfärd med 75 procent av "
                        "resurserna. Digitalisering är en del av svaret, men bara om ledningen förstår vad den "
                        "kräver. Därför riktar sig Våga vara digital! först till dem som fattar besluten.</p>",
                    ),
                    ("heading", "Så fungerar sändningarna"),
                    (
                        "paragraph",
                        "<ul><li>Varje avsnitt är en timme och sänds direkt.</li><li>Du kan ställa frågor "
                        "under sändningen, med eller utan ditt namn.</li><li>Inspelningen finns kvar med "
                        "kapitel och textversion.</li></ul>",
                    ),
                    (
                        "paragraph",
                        "<blockquote>Vi vill att kommunstyrelsen och förvaltningsledningen ska ha samma bild "
                        "av vad digitalisering betyder för just deras verksamhet.</blockquote><p>Det säger "
                        "Anders Ek, kommunikatör på Kompetenslyft.</p>",
                    ),
                    _contact(contacts["kommunikation"], "Frågor om webbsändningarna"),
                ],
            },
        ),
        (
            "sundsvall-och-ornskoldsvik-har-matt-sin-digitala-mognad",
            datetime.date(2025, 5, 6),
            datetime.date(2025, 6, 2),
            ["Digital mognad"],
            {
                "title": "Sundsvall och Örnsköldsvik har mätt sin digitala mognad",
                "lead": "Två kommuner i Västernorrland har gjort sin första mätning av digital mognad. "
                "Resultaten blir en nollpunkt att följa upp varje år.",
                "image": images["Kampanjbild: Digital mognad"],
                "image_alt": IMAGES["Kampanjbild: Digital mognad"][0],
                "body": [
                    (
                        "paragraph",
                        "<p>Mätningen visar två saker: hur väl organisationen kan förstå och använda digitala "
                        "möjligheter, och om de system och arbetssätt som redan finns hjälper eller hindrar. "
                        "Båda kommunerna svarade anonymt, förvaltning för förvaltning.</p>",
                    ),
                    (
                        "paragraph",
                        "<blockquote>Nu vet vi var vi står. Det viktigaste är att vi mäter igen om ett år, med "
                        "samma frågor, så att vi ser om det vi gör gör skillnad.</blockquote><p>Det säger Johan "
                        "Nyberg, digitaliseringsstrateg i Sundsvalls kommun.</p>",
                    ),
                    (
                        "paragraph",
                        "<p><b>Uppdaterat 2 juni:</b> Örnsköldsviks kommun har nu också lagt upp sin nollpunkt "
                        "som en delad lösning i utmaningen Digitalkompetens fas 1.</p>",
                    ),
                    _contact(contacts["sundsvall"]),
                ],
            },
        ),
        (
            "harnosand-samlade-alla-chefer-pa-chefsdag",
            datetime.date(2025, 9, 23),
            None,
            ["Chefsdag"],
            {
                "title": "Härnösand samlade alla chefer på chefsdag om digitalisering",
                "lead": "Alla chefer i Härnösands kommun gick en webbmodul före chefsdagen och diskuterade "
                "sedan modulens frågor i grupper med en samtalsledare.",
                "image": images["Kampanjbild: Chefsdag"],
                "image_alt": IMAGES["Kampanjbild: Chefsdag"][0],
                "body": [
                    (
                        "paragraph",
                        "<p>Chefsdagen byggde på en enkel ordning: först modulen, sedan samtalet. HR och "
                        "ledningen bestämde tillsammans vilka målgrupper som skulle med, och cheferna följde "
                        "upp vilka som var klara och påminde dem som inte var det.</p>",
                    ),
                    (
                        "paragraph",
                        "<blockquote>Att alla hade gått modulen innan gjorde att vi kunde börja i de svåra "
                        "frågorna direkt, i stället för att prata om vad digitalisering är.</blockquote>"
                        "<p>Det säger Lena Holm, HR-strateg i Härnösands kommun, som planerade dagen.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Härnösand delar nu sin checklista för målgrupper och sitt planeringsstöd för "
                        "chefsdagen med andra kommuner.</p>",
                    ),
                    _contact(contacts["harnosand"], "Vill du veta mer om chefsdagen?"),
                ],
            },
        ),
        (
            "utmaningen-digitalkompetens-fas-1-ar-oppen",
            datetime.date(2025, 11, 12),
            None,
            ["Digital mognad", "Utmaning"],
            {
                "title": "Utmaningen Digitalkompetens fas 1 är öppen",
                "lead": "Hur bygger en kommun digital kompetens som håller? Utmaningen samlar kommunernas egna "
                "lösningar, och företag kan lämna förslag.",
                "body": [
                    (
                        "paragraph",
                        "<p>Utmaningen tar upp varför digital mognad behöver tränas, vilka funktioner som måste "
                        "samarbeta, varför mognaden ska mätas och vilka kompetenser som leder förändring: "
                        "förändrings- och projektledning och kommunikation.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Sundsvall, Örnsköldsvik, Härnösand och Kramfors har redan delat det de tagit fram: "
                        "mätningar, checklistor och planeringsstöd. Kommentera gärna lösningarna.</p>",
                    ),
                ],
            },
        ),
        (
            "fem-chefer-fran-eskilstuna-gar-ledarprogrammet-tillsammans",
            datetime.date(2026, 4, 2),
            datetime.date(2026, 4, 14),
            ["Ledarprogram"],
            {
                "title": "Fem chefer från Eskilstuna går ledarprogrammet tillsammans",
                "lead": "När vårens omgång av Chefsprogram för välfärdens digitalisering startade i dag fanns "
                "fem chefer från Eskilstuna kommun på plats, från tre förvaltningar.",
                "image": images["Kampanjbild: Ledarprogrammet"],
                "image_alt": IMAGES["Kampanjbild: Ledarprogrammet"][0],
                "body": [
                    (
                        "paragraph",
                        "<p>En utvecklingschef och en kommunikationschef från två av kärnförvaltningarna, två "
                        "IT-chefer och kommunens digitaliseringschef har valt att gå programmet som en grupp. "
                        "Tanken är att de ska ta med sig samma språk tillbaka.</p>",
                    ),
                    (
                        "paragraph",
                        "<blockquote>Vi har pratat om digitalisering i var sitt hörn. Nu sitter vi vid samma "
                        "bord fem gånger under våren och gör hemuppgiften om vår egen verksamhet.</blockquote>"
                        "<p>Det säger Nadia Karlsson, digitaliseringschef i Eskilstuna kommun.</p>",
                    ),
                    (
                        "paragraph",
                        "<blockquote>För mig handlar det om omsorgen. Jag vill kunna bedöma vilka digitala "
                        "lösningar som faktiskt ger tid tillbaka till brukarna.</blockquote><p>Det säger "
                        "Linnea Sandberg, utvecklingschef på vård- och omsorgsförvaltningen.</p>",
                    ),
                    (
                        "paragraph",
                        "<p><b>Uppdaterat 14 april:</b> Alla fem har nu gått de två första e-modulerna.</p>",
                    ),
                    _contact(contacts["eskilstuna"]),
                ],
            },
        ),
        (
            "forsta-omgangen-av-ledarprogrammet-har-fatt-sina-intyg",
            datetime.date(2026, 6, 15),
            None,
            ["Ledarprogram"],
            {
                "title": "Första omgången av ledarprogrammet har fått sina intyg",
                "lead": "Vårens deltagare i Chefsprogram för välfärdens digitalisering har gått fem träffar, "
                "två e-moduler och lämnat in en hemuppgift om sin egen verksamhet.",
                "body": [
                    (
                        "paragraph",
                        "<p>Hemuppgifterna spänner från digitala detaljplaner till en gemensam kanal för "
                        "information till vårdnadshavare. Deltagarna har fått återkoppling från lärarna, och "
                        "flera uppgifter blir nu projekt i kommunerna.</p>",
                    ),
                ],
            },
        ),
        (
            "vaga-vara-digital-samhallsbyggnadsprocessen",
            datetime.date(2026, 9, 8),
            None,
            ["Webbsändning"],
            {
                "title": "Våga vara digital! tillbaka efter sommaren: samhällsbyggnadsprocessen",
                "lead": "Höstens första avsnitt handlar om den digitala samhällsbyggnadsprocessen, som "
                "motsvarar ungefär 25 procent av Sveriges BNP.",
                "image": images["Kampanjbild: Våga vara digital!"],
                "image_alt": IMAGES["Kampanjbild: Våga vara digital!"][0],
                "body": [
                    (
                        "paragraph",
                        "<p>Från planering och bygglov till förvaltning: vad betyder det för en kommun när "
                        "planbestämmelser blir data? Avsnittet sänds direkt, och inspelningen finns kvar.</p>",
                    ),
                    _contact(contacts["kommunikation"], "Frågor om webbsändningarna"),
                ],
            },
        ),
        (
            "ny-omgang-av-ledarprogrammet-hosten-2027",
            datetime.date(2026, 11, 10),
            None,
            ["Ledarprogram"],
            {
                "title": "Ny omgång av ledarprogrammet hösten 2027 – hälften av platserna är bokade",
                "lead": "Vårens omgång är fullbokad. Nästa omgång startar den 2 september. 50\u00a0% av "
                "utbildningen är redan fullbokad, så boka din plats redan idag!",
                "image": images["Kampanjbild: Ledarprogrammet"],
                "image_alt": IMAGES["Kampanjbild: Ledarprogrammet"][0],
                "body": [
                    (
                        "paragraph",
                        "<p>Chefsprogram för välfärdens digitalisering är för chefer och ledande "
                        "tjänstepersoner i kommuner och regioner. Programmet har fem träffar, e-moduler "
                        "mellan träffarna och en hemuppgift om den egna verksamheten.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Kom gärna flera från samma organisation. Eskilstunas fem chefer gick våren 2026 "
                        "tillsammans, och det gav ett gemensamt språk att ta med hem.</p>",
                    ),
                    _contact(contacts["kompetenslyft"], "Vill du veta mer om utbildningen?"),
                ],
            },
        ),
    ]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def seed(home):
    index, _ = ensure_child_page(home, NewsIndexPage, "nyheter", title="Nyheter", intro=INDEX_INTRO)
    images = {title: ensure_image(title) for title in IMAGES}
    contacts = ensure_contacts()
    articles, changed = [], False
    for slug, published_on, updated_on, tags, fields in _articles(images, contacts):
        page, created = ensure_child_page(index, NewsPage, slug, published_on=published_on, **fields)
        if created:
            page.tags.add(*tags)
            page.save_revision().publish()
            # As if written then: published in the morning, and (two of them) updated later.
            first = _at(published_on, 9)
            NewsPage.objects.filter(pk=page.pk).update(
                first_published_at=first,
                last_published_at=_at(updated_on, 14) if updated_on else first,
                latest_revision_created_at=_at(updated_on, 14) if updated_on else first,
            )
            page.refresh_from_db()
            changed = True
        articles.append(page)
    if changed:  # the dates were set with update(), which sends no signal: what was kept is stale
        versions.bump(versions.CONTENT)
    return {"index": index, "articles": articles, "contacts": contacts, "images": images}
