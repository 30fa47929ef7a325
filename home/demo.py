"""Demo pages: the start page text, about, privacy and the accessibility statement. Idempotent."""

import datetime

from wagtail.models import Site

from core.pagetree import ensure_child_page

from . import demo_forms, demo_news
from .models import AccessibilityStatementPage, ContentPage, HomePage, SiteFooter
from .setup import ensure_site

HOME_INTRO = (
    "<p>Kommuner och regioner står inför ekvationen <b>125 procent välfärd med 75 procent av resurserna</b>. "
    "Digitalisering är en del av svaret, och det är en ledningsfråga. Kompetenslyft samlar e-moduler, "
    "chefsdagar, webbsändningar och mätningar av digital mognad, så att förtroendevalda, chefer och "
    "medarbetare får en gemensam förståelse och ett gemensamt språk.</p>"
)

ABOUT_BODY = [
    ("heading", "Varför Kompetenslyft?"),
    (
        "paragraph",
        "<p>Organisationer menar olika saker med ordet digitalisering. Målet med varje "
        "satsning här är en <b>gemensam förståelse och ett gemensamt språk</b> hos "
        "förtroendevalda, ledande tjänstepersoner, chefer och medarbetare.</p>",
    ),
    ("heading", "Så fungerar chefsdagen"),
    (
        "paragraph",
        "<ol><li>Alla chefer går igenom en webbmodul före chefsdagen.</li>"
        "<li>På dagen diskuteras modulens frågor i mindre grupper med en samtalsledare.</li>"
        "<li>Chefer och HR följer upp vilka som är klara och påminner dem som inte är det.</li></ol>",
    ),
    (
        "fact_box",
        {
            "heading": "Samhällsbyggnadsprocessen",
            "text": "<p>Samhällsbyggnadsprocessen motsvarar ungefär 25 procent av Sveriges BNP. "
            "Webbsändningen Våga vara digital! når ledande personer i alla län.</p>",
        },
    ),
]

PRIVACY_BODY = [
    ("heading", "Personuppgiftsansvarig"),
    (
        "paragraph",
        "<p>Den organisation du arbetar i är personuppgiftsansvarig för dina uppgifter i "
        'Kompetenslyft. Kontakta oss på <a href="mailto:dataskydd@kompetenslyft.se">'
        "dataskydd@kompetenslyft.se</a>. Dataskyddsombudet når du på "
        '<a href="mailto:dso@kompetenslyft.se">dso@kompetenslyft.se</a>.</p>',
    ),
    ("heading", "Vad vi sparar och varför"),
    (
        "paragraph",
        "<ul><li><b>Konto</b> (namn, e-post, organisation, förvaltning, målgrupp): för att du ska "
        "kunna logga in och få rätt utbildningar. Rättslig grund: anställningsförhållandet och "
        "allmänt intresse.</li><li><b>Framsteg och svar i e-moduler</b>: för att du ska kunna "
        "fortsätta där du slutade och för att din chef ska kunna följa upp att utbildningen "
        "genomförts. Rättslig grund: allmänt intresse.</li><li><b>Reflektioner</b>: syns bara för "
        "dig, om du inte själv väljer att dela dem med din workshopgrupp.</li></ul>",
    ),
    ("heading", "Formulär"),
    (
        "paragraph",
        "<p>När du skickar ett formulär, till exempel kontaktformuläret eller formuläret för att skicka in en "
        "lösning, sparar vi det du fyller i och en eventuell bifogad fil. Vi använder uppgifterna för att svara "
        "dig och för att hantera ditt förslag. Rättslig grund: allmänt intresse. Svaren läses av Kompetenslyfts "
        "redaktion. Varje formulär visar hur länge vi sparar svaren: frågor via kontaktformuläret i ett år och "
        "lösningsförslag i två år. Sedan raderas de automatiskt, med bifogade filer. Din IP-adress sparas inte "
        "med svaret: den används bara under tio minuter för att stoppa automatiska utskick (spam).</p>",
    ),
    ("heading", "Sidfeedback"),
    (
        "paragraph",
        "<p>Frågan ”Hjälpte informationen på sidan dig?” sparar bara ditt ja eller nej, sidan och dagen, "
        "och en kommentar om du skriver en. Vi sparar inte vem du är och sätter ingen kaka. Din IP-adress "
        "sparas inte med svaret: den används bara under tio minuter för att stoppa automatiska utskick. Skriv "
        "inga personuppgifter i kommentaren: den läses av redaktionen för att förbättra sidan och raderas "
        "efter ett år.</p>",
    ),
    ("heading", "Mottagare och överföring"),
    (
        "paragraph",
        "<p>Uppgifterna lämnas inte till andra och förs inte över till länder utanför EU/EES. "
        "Sidan hämtar inget från andra webbplatser.</p>",
    ),
    ("heading", "Hur länge sparar vi uppgifterna?"),
    (
        "paragraph",
        "<p>Konton som inte använts på 24 månader raderas. Framsteg sparas så länge kontot finns. "
        "Uppgifter som är allmänna handlingar sparas enligt organisationens gallringsbeslut.</p>",
    ),
    ("heading", "Dina rättigheter"),
    (
        "paragraph",
        "<p>Du kan se och ladda ned allt vi sparar om dig, rätta dina uppgifter och radera ditt "
        "konto under <b>Mina uppgifter</b> när du är inloggad. Du kan klaga hos "
        'Integritetsskyddsmyndigheten (IMY), <a href="https://www.imy.se">imy.se</a>.</p>',
    ),
    ("heading", "Kakor (cookies)"),
    (
        "paragraph",
        "<p>Vi använder bara kakor som behövs för att tjänsten ska fungera, och inga kakor för "
        "statistik eller marknadsföring.</p><ul><li><b>sessionid</b>: håller dig inloggad. "
        "Gäller i två veckor eller tills du loggar ut.</li><li><b>csrftoken</b>: skyddar formulär "
        "mot förfalskade anrop. Gäller i ett år.</li><li><b>django_language</b>: kommer ihåg valt "
        "språk. Sätts bara om du byter språk eller sparar språk i din profil. Gäller i ett år.</li></ul>",
    ),
]


def seed():
    ensure_site()
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()
    about, _ = ensure_child_page(
        home,
        ContentPage,
        "om-kompetenslyft",
        title="Om Kompetenslyft",
        intro="Kompetenslyft är en plattform för digitala kompetenssatsningar i kommuner, regioner och länsstyrelser.",
        body=ABOUT_BODY,
        last_reviewed=datetime.date(2026, 11, 1),
    )
    privacy, _ = ensure_child_page(
        home,
        ContentPage,
        "personuppgifter",
        title="Personuppgifter och kakor",
        intro="Så behandlar vi dina personuppgifter, och vilka kakor webbplatsen använder.",
        body=PRIVACY_BODY,
        last_reviewed=datetime.date(2026, 11, 1),
    )
    statement, _ = ensure_child_page(
        home,
        AccessibilityStatementPage,
        "tillganglighetsredogorelse",
        title="Tillgänglighetsredogörelse",
        organisation_name="Kompetenslyft",
        service_name="kompetenslyft.se",
        compliance_status="delvis",
        intro="<p>Vi arbetar för att alla ska kunna använda Kompetenslyft, oavsett förmåga.</p>",
        known_issues=[
            (
                "issue",
                {
                    "situation": "Utan syn",
                    "problem": "Inbäddade videor saknar i vissa fall syntolkning.",
                    "reason": "Redaktörerna kompletterar med textversioner under 2027.",
                },
            ),
            (
                "issue",
                {
                    "situation": "Med nedsatt hörsel",
                    "problem": "Äldre inspelningar av webbsändningar saknar textning.",
                    "reason": "Nya inspelningar textas. Be om en textversion så ordnar vi det.",
                },
            ),
        ],
        assessment_method="self",
        assessment_description="<p>Varje ändring testas automatiskt i en riktig webbläsare (Chromium) med "
        "axe-core mot WCAG 2.1 nivå A och AA och med Nu Html Checker. Testerna omfattar startsidan, "
        "innehållssidor, sök, inloggning, kontoskapande, Mitt konto och Mina uppgifter, kurser, "
        "modulöversikter, steg med quizfrågor före och efter svar (med och utan JavaScript), felmeddelanden "
        "i reflektionsfrågor, Mitt lärande, beredskapsrapporten, samtalsledarens material (även utskrivet) "
        "och den här redogörelsen, liksom nyhetsarkivet och nyhetsartiklar, utmaningen med "
        "kommunernas lösningar, kontaktformuläret och frågan om sidan hjälpte dig (med och utan JavaScript). "
        "Ett test tar ett modulsteg med enbart tangentbord och kontrollerar synligt "
        "fokus, ett annat sidornas utseende på en smal skärm.</p>"
        "<p>Det som automatiska tester inte fångar har vi inte granskat ännu: test med skärmläsare och med "
        "användare med funktionsnedsättning, och administrationsgränssnittet (Wagtail), som har en egen "
        "tillgänglighetsredogörelse.</p>",
        assessed_on=datetime.date(2026, 11, 25),
        updated_on=datetime.date(2026, 11, 25),
        feedback_text="<p>Om du upptäcker problem som inte är beskrivna här, eller om du behöver innehåll i ett "
        "tillgängligt format, kontakta oss.</p>",
    )
    footer = SiteFooter.for_site(site)
    footer.accessibility_page = statement
    footer.privacy_page = privacy
    footer.about_page = about
    footer.save()
    news = demo_news.seed(home)
    forms = demo_forms.seed(home)
    return {"home": home, "about": about, "privacy": privacy, "statement": statement, "news": news, "forms": forms}
