"""Demo content for the course "Leda digital utveckling": three e-modules in plain Swedish.

Pure data, no logic. `elearning.demo` turns it into pages and `elearning.building.raw_steps` into
StreamField data. Each step is a title and a list of `(kind, value)` pairs, where kind is one of
"text", "fact_box", "quiz", "reflection" or "discussion". The facts come from the domain notes:
the welfare equation, digitalisation as a leadership question, digital maturity with a baseline
and follow-ups, the target-group checklist, the horizontal criteria and the chefsdag model.

Block ids are derived from the module slug and the positions of steps and blocks, so changing the
order here changes the ids that demo progress is keyed to. Reseed the demo after larger edits.
"""

MODULE_1 = {
    "title": "Vad är digitalisering?",
    "slug": "vad-ar-digitalisering",
    "intro": "Här får du en gemensam grund: vad digitalisering betyder, varför den behövs och varför den är en "
    "ledningsfråga. Modulen tar ungefär 20 minuter.",
    "estimated_minutes": 20,
    "pass_mark": 60,
    "max_attempts": 3,
    "sequential": False,
    "steps": [
        {
            "title": "Varför digitalisering nu?",
            "content": [
                (
                    "text",
                    "<p>Kommuner och regioner står för det mesta av den svenska välfärden. Det gäller skola, "
                    "omsorg, vård och mycket annat. Samtidigt växer behoven snabbare än resurserna. Andelen äldre "
                    "och barn ökar, ekonomin är pressad och det blir svårare att rekrytera personal.</p>"
                    "<p>Utmaningen brukar sammanfattas som en ekvation: vi ska leverera 125 procent välfärd med 75 "
                    "procent av resurserna. Ekvationen går inte ihop om vi arbetar som i dag. Vi behöver göra saker "
                    "på nya sätt.</p>"
                    "<p>Digitalisering är ett av svaren. Den kan frigöra tid från administration, göra tjänster "
                    "enklare för invånarna och ge medarbetarna bättre stöd i arbetet. Men digitalisering löser "
                    "ingenting av sig själv. Den ger resultat först när vi ändrar hur vi arbetar.</p>",
                ),
                (
                    "fact_box",
                    {
                        "heading": "125 % välfärd med 75 % av resurserna",
                        "text": "<p>Uttrycket beskriver gapet mellan vad välfärden behöver leverera och vad den "
                        "har att arbeta med. Orsakerna är <b>demografin</b>, <b>ekonomin</b> och <b>bristen på "
                        "personal</b>.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Vad beskriver uttrycket ”125 procent välfärd med 75 procent av resurserna”?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Att behoven av välfärd växer samtidigt som resurserna inte räcker till",
                                "correct": True,
                                "feedback": "Rätt, uttrycket sammanfattar gapet mellan växande behov och begränsade "
                                "resurser.",
                            },
                            {
                                "text": "Att kommunerna ska spara 25 procent av sin budget på IT",
                                "correct": False,
                                "feedback": "Nej, uttrycket handlar om hela välfärdens utmaning och inte om en "
                                "sparsiffra för IT.",
                            },
                            {
                                "text": "Att digitala tjänster redan i dag ger 25 procent mer välfärd",
                                "correct": False,
                                "feedback": "Nej, uttrycket beskriver ett problem som vi behöver lösa, inte ett "
                                "resultat vi redan har nått.",
                            },
                        ],
                        "explanation": "<p>Demografi, ekonomi och brist på personal gör att vi inte kan arbeta "
                        "som i dag. Digitalisering är ett av flera sätt att få ekvationen att gå ihop.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Digitisering och digitalisering",
            "content": [
                (
                    "text",
                    "<p>Två ord liknar varandra men betyder olika saker. <b>Digitisering</b> betyder att vi gör "
                    "något analogt digitalt. Ett exempel är att skanna en pappersblankett och spara den som en "
                    "pdf. Arbetet är detsamma som förut, bara i ett annat format.</p>"
                    "<p><b>Digitalisering</b> betyder att vi utvecklar verksamheten med stöd av digital teknik. Vi "
                    "ändrar arbetssätt, processer och tjänster så att de blir bättre för invånarna och för "
                    "medarbetarna. Ett exempel är en e-tjänst där invånaren ansöker, uppgifterna hämtas "
                    "automatiskt och handläggaren bara behöver bedöma de ärenden som kräver en människa.</p>"
                    "<p>Skillnaden är viktig. Om vi bara digitiserar flyttar vi gamla arbetssätt till en skärm. "
                    "Om vi digitaliserar frågar vi oss först vad invånaren behöver och hur arbetet kan göras på "
                    "ett smartare sätt.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vilket exempel är digitalisering och inte bara digitisering?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Protokoll skrivs ut, skannas och sparas som pdf-filer",
                                "correct": False,
                                "feedback": "Det är digitisering, eftersom arbetssättet är detsamma och bara "
                                "formatet har ändrats.",
                            },
                            {
                                "text": "Ett ansökningsflöde görs om så att invånaren ansöker digitalt och enkla "
                                "ärenden avgörs utan manuell handpåläggning",
                                "correct": True,
                                "feedback": "Rätt, här ändras både tjänsten och arbetssättet med stöd av tekniken.",
                            },
                            {
                                "text": "En pappersblankett läggs ut som en ifyllbar pdf på webbplatsen",
                                "correct": False,
                                "feedback": "Det är digitisering, eftersom blanketten och handläggningen är "
                                "desamma som förut.",
                            },
                        ],
                        "explanation": "<p>Digitalisering är verksamhetsutveckling med stöd av digital teknik. "
                        "Det räcker inte att byta format, arbetssättet behöver också förändras.</p>",
                        "points": 1,
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Om vi skannar alla pappersakter till pdf har vi digitaliserat verksamheten.",
                        "kind": "true_false",
                        "options": [
                            {
                                "text": "Sant",
                                "correct": False,
                                "feedback": "Nej, att skanna akter är digitisering, eftersom arbetet görs på samma "
                                "sätt som förut.",
                            },
                            {
                                "text": "Falskt",
                                "correct": True,
                                "feedback": "Rätt, skanningen kan vara ett första steg men verksamheten har inte "
                                "förändrats.",
                            },
                        ],
                        "explanation": "<p>Skanning kan vara en nödvändig början. Nyttan kommer först när vi "
                        "också ändrar hur ärendena hanteras.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "En ledningsfråga, inte en teknikfråga",
            "content": [
                (
                    "text",
                    "<p>Det är lätt att se digitalisering som något för IT-avdelningen. Men erfarenheten från "
                    "kommuner och regioner visar något annat. Det som avgör om en satsning lyckas är sällan "
                    "tekniken. Det är hur vi styr, organiserar och utvecklar arbetet.</p>"
                    "<p>Fyra områden betyder mer än tekniken:</p>"
                    "<ul><li><b>Styrning</b>: vilka mål vi har och hur vi prioriterar.</li>"
                    "<li><b>Organisation</b>: vem som har ansvar och mandat.</li>"
                    "<li><b>Processer</b>: hur arbetet faktiskt går till, steg för steg.</li>"
                    "<li><b>Kompetens</b>: vad chefer och medarbetare kan och behöver lära sig.</li></ul>"
                    "<p>Därför är digitalisering en ledningsfråga. Förtroendevalda sätter mål och fattar beslut om "
                    "resurser. Ledande tjänstepersoner och chefer gör strategiska val och skapar förutsättningar i "
                    "vardagen. Med en gemensam kunskapsnivå går det att fatta snabba men kloka beslut.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vilka områden betyder mer än själva tekniken när en verksamhet digitaliseras? "
                        "Välj alla som stämmer.",
                        "kind": "multiple",
                        "options": [
                            {
                                "text": "Styrning",
                                "correct": True,
                                "feedback": "Rätt, tydliga mål och prioriteringar avgör vart arbetet leder.",
                            },
                            {
                                "text": "Organisation",
                                "correct": True,
                                "feedback": "Rätt, någon måste ha ansvar och mandat för att förändringen ska bli av.",
                            },
                            {
                                "text": "Processer",
                                "correct": True,
                                "feedback": "Rätt, nyttan kommer när vi ändrar hur arbetet går till.",
                            },
                            {
                                "text": "Kompetens",
                                "correct": True,
                                "feedback": "Rätt, chefer och medarbetare behöver kunna använda och utveckla nya "
                                "arbetssätt.",
                            },
                            {
                                "text": "Vilket varumärke datorerna har",
                                "correct": False,
                                "feedback": "Nej, valet av utrustning spelar liten roll jämfört med hur arbetet "
                                "styrs och organiseras.",
                            },
                        ],
                        "explanation": "<p>Styrning, organisation, processer och kompetens avgör om tekniken gör "
                        "nytta. Därför behöver ledningen äga frågan.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Ett gemensamt språk",
            "content": [
                (
                    "text",
                    "<p>Ordet digitalisering betyder olika saker för olika personer. För en person handlar det om "
                    "nya datorer. För en annan handlar det om e-tjänster för invånarna. För en tredje handlar det om "
                    "att förnya hela verksamheten. När vi menar olika saker med samma ord blir det svårt att fatta "
                    "beslut och att samarbeta.</p>"
                    "<p>Därför är målet med den här utbildningen en <b>gemensam förståelse</b> och ett "
                    "<b>gemensamt språk</b>. Det gäller alla grupper i organisationen:</p>"
                    "<ul><li><b>förtroendevalda</b>, som fattar de politiska besluten,</li>"
                    "<li><b>ledande tjänstepersoner</b>, som leder förvaltningarna,</li>"
                    "<li><b>chefer</b>, som leder verksamheten i vardagen,</li>"
                    "<li><b>medarbetare</b>, som känner arbetet bäst och gör förändringen i praktiken.</li></ul>"
                    "<p>När alla har samma grund går det snabbare att komma överens om vad som ska göras och "
                    "varför.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Varför är ett gemensamt språk om digitalisering viktigt?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Så att alla använder samma tekniska termer som IT-avdelningen",
                                "correct": False,
                                "feedback": "Nej, målet är inte fackspråk utan att vi menar samma sak när vi "
                                "pratar om förändringen.",
                            },
                            {
                                "text": "Så att förtroendevalda, chefer och medarbetare menar samma sak och kan "
                                "fatta beslut och samarbeta",
                                "correct": True,
                                "feedback": "Rätt, en gemensam förståelse gör det lättare att prioritera och "
                                "arbeta åt samma håll.",
                            },
                            {
                                "text": "Så att bara ledningen behöver förstå vad digitalisering är",
                                "correct": False,
                                "feedback": "Nej, det gemensamma språket ska omfatta alla grupper, även medarbetarna.",
                            },
                        ],
                        "explanation": "<p>När vi menar olika saker med samma ord blir besluten otydliga. Ett "
                        "gemensamt språk gör samarbetet enklare.</p>",
                        "points": 1,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "Vad betyder digitalisering i din egen verksamhet i dag? Beskriv ett exempel där "
                        "ett arbetssätt har förändrats, eller skulle kunna förändras, med stöd av digital teknik.",
                        "help_text": "Skriv några meningar. Svaret är ditt eget. Du väljer själv om du vill dela det "
                        "med din workshopgrupp.",
                    },
                ),
            ],
        },
        {
            "title": "Inför chefsdagen",
            "content": [
                (
                    "text",
                    "<p>Den här modulen är en förberedelse inför chefsdagen. Alla chefer går igenom samma "
                    "webbmodul före dagen. På så sätt har alla samma grund när vi ses.</p>"
                    "<p>På chefsdagen arbetar vi i en workshop. Vi delar in oss i mindre grupper av chefer. En "
                    "samtalsledare, det vill säga en person som leder samtalet, hjälper gruppen att komma igång "
                    "och hålla tiden. Grupperna diskuterar frågorna nedan.</p>"
                    "<p>Läs frågorna nu och fundera på dem i lugn och ro. Du behöver inte skriva något svar här. "
                    "Ta gärna med dig ett eller två exempel från din egen verksamhet. Konkreta exempel gör samtalet "
                    "mer givande för alla i gruppen. Tänk också på att det inte finns något rätt eller fel svar. "
                    "Syftet är att vi lär av varandra.</p>",
                ),
                (
                    "discussion",
                    {
                        "question": "Vilka exempel på digitalisering finns redan i era verksamheter, och vad har de "
                        "förändrat för invånarna och för medarbetarna?",
                        "guidance": "Låt var och en ge ett kort exempel. Skilj mellan digitisering (samma arbete i "
                        "nytt format) och digitalisering (ett nytt arbetssätt).",
                    },
                ),
                (
                    "discussion",
                    {
                        "question": "Vad behöver ni som chefer göra för att digitaliseringen ska bli en "
                        "ledningsfråga och inte bara en IT-fråga?",
                        "guidance": "Utgå från de fyra områdena styrning, organisation, processer och kompetens. "
                        "Försök enas om ett första steg som gruppen kan ta.",
                    },
                ),
            ],
        },
    ],
}

MODULE_2 = {
    "title": "Digital mognad i vår organisation",
    "slug": "digital-mognad-i-var-organisation",
    "intro": "Här lär du dig vad digital mognad är och hur vi mäter den med en 0-mätning och uppföljningar. "
    "Du får också veta hur resultatet kan bli underlag för beslut.",
    "estimated_minutes": 25,
    "pass_mark": 60,
    "max_attempts": 3,
    "sequential": False,
    "steps": [
        {
            "title": "Vad är digital mognad?",
            "content": [
                (
                    "text",
                    "<p><b>Digital mognad</b> beskriver hur väl en organisation kan ta till vara nyttan med "
                    "digitalisering. Det handlar inte om hur många system eller datorer vi har. Det handlar om vår "
                    "förmåga att förstå digitala möjligheter, välja rätt och sedan faktiskt ändra arbetet.</p>"
                    "<p>En organisation med hög digital mognad har tydliga mål och en ledning som tar ansvar. "
                    "Chefer och medarbetare har den kompetens som behövs. Nya arbetssätt införs och följs upp, "
                    "och nyttan blir synlig för invånarna.</p>"
                    "<p>En organisation med låg mognad kan ändå ha mycket teknik. Men tekniken används på gamla "
                    "sätt, projekten lever sina egna liv och ingen vet riktigt vad de ger. Därför är det viktigt "
                    "att mäta mognaden och inte bara räkna system.</p>",
                ),
                (
                    "fact_box",
                    {
                        "heading": "Mognad är inte mängden teknik",
                        "text": "<p>Digital mognad är organisationens <b>förmåga</b> att få nytta av "
                        "digitalisering. Styrning, organisation, processer och kompetens väger tyngre än vilka "
                        "system som finns.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Vad beskriver digital mognad främst?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Hur många it-system organisationen har köpt in",
                                "correct": False,
                                "feedback": "Nej, en organisation kan ha många system och ändå ha låg mognad.",
                            },
                            {
                                "text": "Organisationens förmåga att ta till vara nyttan med digitalisering",
                                "correct": True,
                                "feedback": "Rätt, mognad handlar om förmågan att förstå, välja och förändra.",
                            },
                            {
                                "text": "Hur gamla medarbetarna i organisationen är i genomsnitt",
                                "correct": False,
                                "feedback": "Nej, ålder säger ingenting om organisationens förmåga att digitalisera.",
                            },
                            {
                                "text": "Hur snabbt internetuppkopplingen är på kontoren",
                                "correct": False,
                                "feedback": "Nej, uppkopplingen är infrastruktur och säger lite om hur "
                                "verksamheten utvecklas.",
                            },
                        ],
                        "explanation": "<p>Digital mognad handlar om förmåga, inte om mängden teknik. Därför "
                        "mäts den med frågor om styrning, arbetssätt och kompetens.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "0-mätningen: var står vi i dag?",
            "content": [
                (
                    "text",
                    "<p>En <b>0-mätning</b> är en första mätning som görs innan en satsning börjar. Den kallas "
                    "också baslinje eller nollmätning. Den visar var organisationen står i dag, så att vi senare "
                    "kan se om något har förändrats.</p>"
                    "<p>Utan en 0-mätning vet vi inte om satsningen gör skillnad. Vi kan tro att vi har blivit "
                    "bättre, men vi kan inte visa det. Med en 0-mätning har vi något att jämföra med.</p>"
                    "<p>Så går en 0-mätning oftast till:</p>"
                    "<ol><li>Ledningen bestämmer vad som ska mätas och med vilket verktyg.</li>"
                    "<li>En ansvarig person väljer ut vilka som ska svara, så att urvalet speglar "
                    "organisationen.</li>"
                    "<li>De utvalda svarar på en enkät, ofta på webben.</li>"
                    "<li>Resultatet sammanställs och diskuteras i ledningsgruppen.</li></ol>"
                    "<p>Var noga med att svaren behandlas på rätt sätt. Berätta varför ni mäter och vad "
                    "resultatet ska användas till.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Varför gör man en 0-mätning av digital mognad?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "För att kunna jämföra med senare mätningar och se om satsningen gör skillnad",
                                "correct": True,
                                "feedback": "Rätt, 0-mätningen är utgångsläget som senare mätningar jämförs med.",
                            },
                            {
                                "text": "För att betygsätta enskilda medarbetare",
                                "correct": False,
                                "feedback": "Nej, mätningen gäller organisationens förmåga och inte enskilda "
                                "personers prestationer.",
                            },
                            {
                                "text": "För att den krävs innan kommunen får köpa nya datorer",
                                "correct": False,
                                "feedback": "Nej, 0-mätningen är ett stöd för utveckling och inget krav för inköp.",
                            },
                        ],
                        "explanation": "<p>En 0-mätning ger en baslinje. Utan den kan vi inte visa om "
                        "organisationen har utvecklats.</p>",
                        "points": 1,
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "En 0-mätning görs när satsningen är avslutad.",
                        "kind": "true_false",
                        "options": [
                            {
                                "text": "Sant",
                                "correct": False,
                                "feedback": "Nej, en mätning efter satsningen är en uppföljning och inte en 0-mätning.",
                            },
                            {
                                "text": "Falskt",
                                "correct": True,
                                "feedback": "Rätt, 0-mätningen görs innan satsningen börjar, så att den visar "
                                "utgångsläget.",
                            },
                        ],
                        "explanation": "<p>0-mätningen görs först. Uppföljningarna görs sedan, under och efter "
                        "satsningen.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Uppföljningar visar förändringen",
            "content": [
                (
                    "text",
                    "<p>En <b>uppföljning</b> är en ny mätning som görs efter 0-mätningen. Den visar om den "
                    "digitala mognaden har förändrats. Många organisationer mäter en gång om året. Då blir det "
                    "lätt att följa utvecklingen över tid.</p>"
                    "<p>För att jämförelsen ska bli rättvis behöver mätningarna likna varandra. Använd samma "
                    "frågor och samma verktyg. Låt samma slags grupper svara. Mät gärna vid ungefär samma tid på "
                    "året.</p>"
                    "<p>Tolka resultatet med omsorg. En liten förändring kan bero på slumpen eller på att andra "
                    "personer har svarat. En stor förändring är värd att förstå: vad har vi gjort som har gett "
                    "effekt? Resultatet är ett underlag för samtal, inte ett facit. Det blir mest värdefullt när "
                    "ledningen och medarbetarna diskuterar det tillsammans och bestämmer vad som ska göras "
                    "härnäst.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vad gör att en uppföljning går att jämföra med 0-mätningen? Välj alla som "
                        "stämmer.",
                        "kind": "multiple",
                        "options": [
                            {
                                "text": "Vi använder samma frågor och samma verktyg",
                                "correct": True,
                                "feedback": "Rätt, med samma frågor mäter vi samma sak båda gångerna.",
                            },
                            {
                                "text": "Samma slags grupper svarar",
                                "correct": True,
                                "feedback": "Rätt, om helt andra grupper svarar kan skillnaden bero på urvalet.",
                            },
                            {
                                "text": "Vi mäter vid ungefär samma tid på året",
                                "correct": True,
                                "feedback": "Rätt, då påverkas resultatet mindre av säsong och arbetsbelastning.",
                            },
                            {
                                "text": "Vi byter ut frågorna varje år så att de känns nya",
                                "correct": False,
                                "feedback": "Nej, nya frågor gör att vi inte längre kan jämföra resultaten.",
                            },
                            {
                                "text": "Vi låter bara de mest intresserade svara",
                                "correct": False,
                                "feedback": "Nej, ett sådant urval ger en för positiv bild som inte speglar "
                                "organisationen.",
                            },
                        ],
                        "explanation": "<p>En jämförelse är bara rättvis om mätningarna görs på samma sätt. "
                        "Annars vet vi inte om det är organisationen eller mätningen som har ändrats.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Vad tittar ett mognadsverktyg på?",
            "content": [
                (
                    "text",
                    "<p>Det finns färdiga verktyg för att mäta digital mognad. Ett som många kommuner och regioner "
                    "använder är <b>DiMiOS</b>, som står för Digital mognad i offentlig sektor. Det togs fram av "
                    "forskare vid Göteborgs universitet. Organisationen gör en självskattning, det vill säga "
                    "utvalda chefer och medarbetare svarar på frågor om den egna organisationen.</p>"
                    "<p>DiMiOS bedömer organisationen utifrån två dimensioner:</p>"
                    "<ul><li><b>Digital förmåga</b>: hur väl organisationen förstår, fångar och förändrar utifrån "
                    "digitala möjligheter.</li>"
                    "<li><b>Digitalt arv</b>: de investeringar som redan är gjorda, till exempel system och "
                    "infrastruktur. Arvet kan både hjälpa och hindra nya initiativ.</li></ul>"
                    "<p>Resultatet visas så att ledningen ser vad som fungerar bra och vad som behöver bli "
                    "bättre. Eftersom många använder samma modell går det också att jämföra sig med andra och "
                    "lära av dem.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vilka två dimensioner bedömer DiMiOS? Välj alla som stämmer.",
                        "kind": "multiple",
                        "options": [
                            {
                                "text": "Digital förmåga",
                                "correct": True,
                                "feedback": "Rätt, den visar hur väl organisationen förstår, fångar och förändrar "
                                "utifrån digitala möjligheter.",
                            },
                            {
                                "text": "Digitalt arv",
                                "correct": True,
                                "feedback": "Rätt, den visar om befintliga system och investeringar hjälper eller "
                                "hindrar.",
                            },
                            {
                                "text": "Antalet följare i sociala medier",
                                "correct": False,
                                "feedback": "Nej, räckvidd i sociala medier ingår inte i en mätning av digital mognad.",
                            },
                            {
                                "text": "Medarbetarnas personliga datorvana",
                                "correct": False,
                                "feedback": "Nej, DiMiOS bedömer organisationen och inte enskilda personers "
                                "färdigheter.",
                            },
                        ],
                        "explanation": "<p>DiMiOS bedömer digital förmåga och digitalt arv. Tillsammans visar de "
                        "var organisationen står och vad den bör arbeta med.</p>",
                        "points": 1,
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Ett högt resultat i en mognadsmätning betyder att organisationen har köpt "
                        "mycket ny teknik.",
                        "kind": "true_false",
                        "options": [
                            {
                                "text": "Sant",
                                "correct": False,
                                "feedback": "Nej, mätningen handlar om förmågan att få nytta av tekniken och inte "
                                "om mängden inköp.",
                            },
                            {
                                "text": "Falskt",
                                "correct": True,
                                "feedback": "Rätt, hög mognad betyder att organisationen kan förändra arbetet och "
                                "få nytta av digitaliseringen.",
                            },
                        ],
                        "explanation": "<p>Mycket teknik kan till och med sänka förmågan om systemen är gamla och "
                        "svåra att ändra. Det är just det som dimensionen digitalt arv fångar.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Från mätning till handling",
            "content": [
                (
                    "text",
                    "<p>En mätning gör nytta först när den leder till beslut. Börja med att gå igenom resultatet i "
                    "ledningsgruppen. Vilka områden är starka? Vilka är svaga? Välj sedan ett fåtal områden att "
                    "arbeta med. Det är bättre att göra några saker ordentligt än många saker halvvägs.</p>"
                    "<p>Koppla resultatet till kompetensinsatser. Om mätningen visar att chefer saknar en gemensam "
                    "bild av vad digitalisering är, kan en gemensam utbildning vara ett bra första steg. Det är "
                    "precis vad den här kursen är.</p>"
                    "<p>Berätta också för medarbetarna vad mätningen visade och vad ni tänker göra. Då ser de att "
                    "deras svar spelar roll. Det gör det lättare att få många att svara nästa gång. Följ sedan upp "
                    "med en ny mätning och se om insatserna har gett effekt.</p>",
                ),
                (
                    "reflection",
                    {
                        "prompt": "Tänk på din egen verksamhet. Inom vilket område tror du att den digitala mognaden "
                        "är lägst i dag, och vad får dig att tro det?",
                        "help_text": "Utgå gärna från styrning, organisation, processer eller kompetens. Svaret är "
                        "ditt eget och du väljer själv om du delar det.",
                    },
                ),
                (
                    "discussion",
                    {
                        "question": "Hur ska vi använda resultatet från 0-mätningen i våra verksamheter, och vem "
                        "ansvarar för att något händer?",
                        "guidance": "Om organisationen redan har gjort en 0-mätning, ta med resultatet. Annars kan "
                        "gruppen diskutera vad ni skulle vilja veta. Avsluta med att peka ut en ansvarig.",
                    },
                ),
                (
                    "discussion",
                    {
                        "question": "Hur berättar vi för medarbetarna vad mätningen visade, så att de vill svara "
                        "igen vid nästa uppföljning?",
                        "guidance": "Tänk på vem som är avsändare, vilka kanaler som når alla och hur ni visar vad "
                        "som har hänt sedan förra mätningen.",
                    },
                ),
            ],
        },
    ],
}

MODULE_3 = {
    "title": "Att leda förändring",
    "slug": "att-leda-forandring",
    "intro": "Här lär du dig hur du leder en digital förändring: med delaktighet, en tydlig plan för målgrupper "
    "och kommunikation och med hänsyn till jämställdhet och tillgänglighet.",
    "estimated_minutes": 25,
    "pass_mark": 60,
    "max_attempts": 3,
    "sequential": False,
    "shuffle_options": True,  # each learner sees the options in an order of their own
    "steps": [
        {
            "title": "Låt medarbetarna vara med",
            "content": [
                (
                    "text",
                    "<p>De som gör arbetet varje dag vet bäst var det skaver. Därför ska medarbetarna vara med "
                    "tidigt när vi förändrar arbetssätt. De kan beskriva problemen, pröva lösningar och säga till "
                    "när något inte fungerar.</p>"
                    "<p>Delaktighet ger flera vinster. Lösningarna blir bättre, eftersom de bygger på hur arbetet "
                    "faktiskt går till. Medarbetarna känner sig tryggare med de nya digitala verktygen, eftersom de "
                    "har varit med och format dem. Och förändringen går ofta snabbare, eftersom färre behöver "
                    "övertygas i efterhand.</p>"
                    "<p>Som chef är din uppgift att skapa förutsättningar. Ge tid för utvecklingsarbete. Var tydlig "
                    "med vad som redan är bestämt och vad medarbetarna kan påverka. Visa att det är tillåtet att "
                    "pröva och att göra fel. Följ upp och berätta vad som blev av förslagen.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vad är den viktigaste anledningen att låta medarbetarna vara med tidigt?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "De känner arbetet bäst och kan bidra till bättre lösningar",
                                "correct": True,
                                "feedback": "Rätt, medarbetarnas kunskap om vardagen gör lösningarna bättre och "
                                "förankringen starkare.",
                            },
                            {
                                "text": "Det är ett sätt att flytta ansvaret för förändringen från chefen",
                                "correct": False,
                                "feedback": "Nej, chefen har kvar ansvaret och ska skapa förutsättningar för "
                                "delaktighet.",
                            },
                            {
                                "text": "Det gör att ingen utbildning behövs senare",
                                "correct": False,
                                "feedback": "Nej, delaktighet ersätter inte behovet av kompetensinsatser.",
                            },
                        ],
                        "explanation": "<p>Delaktighet ger bättre lösningar och större trygghet. Chefen leder och "
                        "ansvarar, men medarbetarna bidrar med sin kunskap.</p>",
                        "points": 1,
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Medarbetarna bör involveras först när den nya lösningen är färdig och ska "
                        "införas.",
                        "kind": "true_false",
                        "options": [
                            {
                                "text": "Sant",
                                "correct": False,
                                "feedback": "Nej, då går vi miste om medarbetarnas kunskap när den gör mest nytta.",
                            },
                            {
                                "text": "Falskt",
                                "correct": True,
                                "feedback": "Rätt, medarbetarna bör vara med redan när problemen beskrivs och "
                                "lösningarna prövas.",
                            },
                        ],
                        "explanation": "<p>Ju tidigare medarbetarna är med, desto bättre blir lösningen och desto "
                        "lättare blir införandet.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Målgrupper i rätt ordning",
            "content": [
                (
                    "text",
                    "<p>En <b>målgrupp</b> är en grupp personer som en insats riktar sig till. I en kommun kan det "
                    "vara förtroendevalda, ledande tjänstepersoner, chefer och medarbetare. Grupperna behöver olika "
                    "saker, och de kan inte alltid nås samtidigt.</p>"
                    "<p>Tänk därför igenom i vilken ordning grupperna ska nås. En bra ordning gör att en grupp kan "
                    "hjälpa till att sprida insatsen till nästa. Ett exempel är chefsdagen: cheferna är målgrupp 1. "
                    "När de har en gemensam grund kan de leda samma samtal med sina medarbetare.</p>"
                    "<p>En annan kommun började med en genomgång för kommunstyrelsen. Sedan gick alla i "
                    "förvaltningarna igenom en interaktiv utbildning före sitt första möte. Därefter kom "
                    "kompletterande insatser. Båda vägarna fungerar. Det viktiga är att ordningen är ett medvetet "
                    "val.</p>",
                ),
                (
                    "fact_box",
                    {
                        "heading": "Checklista för målgrupper",
                        "text": "<ul><li>Vilka målgrupper finns?</li>"
                        "<li>Hur många personer finns i varje grupp?</li>"
                        "<li>Kan några grupper slås ihop?</li>"
                        "<li>I vilken ordning ska grupperna nås?</li>"
                        "<li>Vilken grupp hjälper till att nå nästa?</li>"
                        "<li>Hur ser kommunikationsplanen ut, och vem är avsändare?</li></ul>",
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Vilka frågor hör hemma i en genomgång av målgrupper? Välj alla som stämmer.",
                        "kind": "multiple",
                        "options": [
                            {
                                "text": "Vilka målgrupper finns och hur många är de?",
                                "correct": True,
                                "feedback": "Rätt, vi behöver veta vilka vi ska nå och hur stora grupperna är.",
                            },
                            {
                                "text": "I vilken ordning ska grupperna nås?",
                                "correct": True,
                                "feedback": "Rätt, ordningen avgör hur insatsen sprids i organisationen.",
                            },
                            {
                                "text": "Vilken grupp kan hjälpa till att nå nästa?",
                                "correct": True,
                                "feedback": "Rätt, till exempel kan chefer som har gått utbildningen leda samtalen "
                                "med sina medarbetare.",
                            },
                            {
                                "text": "Vilken grupp kan vi hoppa över helt?",
                                "correct": False,
                                "feedback": "Nej, målet är en gemensam förståelse i hela organisationen och ingen "
                                "grupp ska lämnas utanför.",
                            },
                        ],
                        "explanation": "<p>Checklistan hjälper er att planera vilka som ska nås, när och med hjälp "
                        "av vem.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "En plan för kommunikationen",
            "content": [
                (
                    "text",
                    "<p>En förändring behöver kommuniceras. Annars fyller människor själva i det som saknas, och "
                    "ofta med oro. En <b>kommunikationsplan</b> är ett enkelt dokument som beskriver hur ni "
                    "berättar om förändringen.</p>"
                    "<p>Planen svarar på några frågor:</p>"
                    "<ul><li><b>Vad</b> vill vi säga, och varför?</li>"
                    "<li><b>Till vem</b>, det vill säga vilken målgrupp?</li>"
                    "<li><b>När</b>, i förhållande till andra steg i förändringen?</li>"
                    "<li><b>Hur</b>, till exempel på arbetsplatsträffar, på intranätet eller i ett mejl?</li>"
                    "<li><b>Vem</b> är avsändare?</li></ul>"
                    "<p>Avsändaren spelar stor roll. Ett budskap från den närmaste chefen väger ofta tyngre än ett "
                    "allmänt utskick. Det är också viktigt att kommunikationen går åt båda hållen. Ge medarbetarna "
                    "sätt att ställa frågor och lämna synpunkter, och svara på dem.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vad saknas i en plan som bara säger ”vi lägger ut information på intranätet”?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Ingenting, intranätet når alla medarbetare",
                                "correct": False,
                                "feedback": "Nej, alla läser inte intranätet och planen säger inget om målgrupp, "
                                "tid eller avsändare.",
                            },
                            {
                                "text": "Vilka målgrupper som ska nås, när det ska ske och vem som är avsändare",
                                "correct": True,
                                "feedback": "Rätt, en kanal är bara en del av planen.",
                            },
                            {
                                "text": "En logotyp för förändringsprojektet",
                                "correct": False,
                                "feedback": "Nej, en logotyp kan vara trevlig men säger inget om hur budskapet når "
                                "fram.",
                            },
                        ],
                        "explanation": "<p>En kommunikationsplan svarar på vad, till vem, när, hur och vem som är "
                        "avsändare.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Jämställdhet, likabehandling och tillgänglighet",
            "content": [
                (
                    "text",
                    "<p>Satsningen ska ta hänsyn till några <b>horisontella kriterier</b>. Det betyder perspektiv "
                    "som gäller i alla delar av arbetet, inte bara i en del. Kriterierna är:</p>"
                    "<ul><li><b>jämställdhet</b> mellan kvinnor och män,</li>"
                    "<li><b>likabehandling och icke-diskriminering</b>, till exempel tillgänglighet, språkstöd och "
                    "anpassning till målgruppen,</li>"
                    "<li><b>miljö</b>.</li></ul>"
                    "<p>I praktiken betyder det att alla ska kunna ta del av utbildningen. Den ska fungera med "
                    "skärmläsare och med tangentbord. Texten ska vara lätt att förstå. Den som behöver språkstöd ska "
                    "få det. Tider och format ska passa olika yrkesgrupper, även de som arbetar skift.</p>"
                    "<p>Digitala tjänster i offentlig sektor ska uppfylla tillgänglighetskraven i WCAG 2.1 på nivå "
                    "AA. De ska också ha en tillgänglighetsredogörelse, det vill säga en sida som berättar hur "
                    "tillgänglig tjänsten är.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vilka av följande är horisontella kriterier i satsningen? Välj alla som stämmer.",
                        "kind": "multiple",
                        "options": [
                            {
                                "text": "Jämställdhet",
                                "correct": True,
                                "feedback": "Rätt, jämställdhet ska beaktas i alla delar av arbetet.",
                            },
                            {
                                "text": "Likabehandling och icke-diskriminering",
                                "correct": True,
                                "feedback": "Rätt, hit hör bland annat tillgänglighet, språkstöd och "
                                "målgruppsanpassning.",
                            },
                            {
                                "text": "Miljö",
                                "correct": True,
                                "feedback": "Rätt, miljön är ett av de horisontella kriterierna.",
                            },
                            {
                                "text": "Lägsta möjliga pris",
                                "correct": False,
                                "feedback": "Nej, pris är ingen horisontell princip utan en del av vanlig "
                                "ekonomisk planering.",
                            },
                        ],
                        "explanation": "<p>De horisontella kriterierna är jämställdhet, likabehandling och "
                        "icke-diskriminering samt miljö. De gäller hela satsningen.</p>",
                        "points": 1,
                    },
                ),
                (
                    "quiz",
                    {
                        "question": "Digitala tjänster i offentlig sektor ska uppfylla WCAG 2.1 på nivå AA.",
                        "kind": "true_false",
                        "options": [
                            {
                                "text": "Sant",
                                "correct": True,
                                "feedback": "Rätt, det är kravnivån för offentliga digitala tjänster.",
                            },
                            {
                                "text": "Falskt",
                                "correct": False,
                                "feedback": "Nej, offentliga digitala tjänster ska uppfylla WCAG 2.1 på nivå AA.",
                            },
                        ],
                        "explanation": "<p>Kraven gäller även e-moduler och webbsändningar. Tjänsten ska också ha "
                        "en tillgänglighetsredogörelse.</p>",
                        "points": 1,
                    },
                ),
            ],
        },
        {
            "title": "Så går chefsdagen till",
            "content": [
                (
                    "text",
                    "<p>Chefsdagen är en gemensam utbildningsinsats för chefer på alla nivåer. Modellen har tre "
                    "delar:</p>"
                    "<ol><li><b>Före dagen</b> går varje chef igenom webbmodulerna. Du gör dem i din egen takt och "
                    "på vilken enhet som helst.</li>"
                    "<li><b>På dagen</b> arbetar vi i en workshop. Frågorna från webbmodulerna diskuteras i mindre "
                    "grupper av chefer. En samtalsledare leder samtalet i varje grupp.</li>"
                    "<li><b>Efter dagen</b> tar du med dig slutsatserna till din egen verksamhet och dina "
                    "medarbetare.</li></ol>"
                    "<p>Hur grupperna delas in beror på organisationen. Ibland blandas chefer från olika "
                    "förvaltningar, så att de lär av varandra. Ibland sitter chefer från samma verksamhet "
                    "tillsammans, så att de kan enas om nästa steg. Samtalsledaren ser vilka i gruppen som har "
                    "gått igenom modulerna. Därför är det viktigt att du blir klar före dagen.</p>",
                ),
                (
                    "quiz",
                    {
                        "question": "Vad förväntas du göra före chefsdagen?",
                        "kind": "single",
                        "options": [
                            {
                                "text": "Gå igenom webbmodulerna, så att du har samma grund som de andra i gruppen",
                                "correct": True,
                                "feedback": "Rätt, då kan workshopen ägnas åt samtal och inte åt genomgångar.",
                            },
                            {
                                "text": "Skriva färdiga svar på diskussionsfrågorna och skicka dem till samtalsledaren",
                                "correct": False,
                                "feedback": "Nej, diskussionsfrågorna ska du fundera på och sedan prata om i gruppen.",
                            },
                            {
                                "text": "Ingenting, allt innehåll gås igenom på dagen",
                                "correct": False,
                                "feedback": "Nej, modellen bygger på att alla har gått igenom modulerna före dagen.",
                            },
                        ],
                        "explanation": "<p>Webbmodulen före dagen ger alla samma grund. På dagen används tiden "
                        "till samtal i mindre grupper.</p>",
                        "points": 1,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "Vilken förändring vill du leda i din verksamhet det närmaste året, och vilka "
                        "medarbetare behöver vara med från början?",
                        "help_text": "Beskriv förändringen kort och tänk på vem som påverkas. Du väljer själv om du "
                        "vill dela svaret med din workshopgrupp.",
                    },
                ),
            ],
        },
        {
            "title": "Frågor till workshopen",
            "content": [
                (
                    "text",
                    "<p>Nu är du klar med innehållet i modulen. Här är de två frågor som din grupp ska diskutera på "
                    "chefsdagen. Läs dem och fundera på vad du vill ta upp.</p>"
                    "<p>Tänk på det du har lärt dig i kursen. Digitalisering är en ledningsfråga. Styrning, "
                    "organisation, processer och kompetens betyder mer än tekniken. En mätning av den digitala "
                    "mognaden visar var vi står. Och förändring går bäst när medarbetarna är med, när vi har en plan "
                    "för målgrupper och kommunikation och när alla kan ta del av insatsen.</p>"
                    "<p>Ta gärna med ett konkret exempel från din egen verksamhet. Det kan vara något som fungerade "
                    "bra eller något som gick mindre bra. Båda sorterna går att lära av. Ha gärna din reflektion "
                    "från förra steget framför dig.</p>",
                ),
                (
                    "discussion",
                    {
                        "question": "Vilka målgrupper finns i er organisation, i vilken ordning bör de nås, och "
                        "vilken grupp kan hjälpa till att nå nästa?",
                        "guidance": "Använd checklistan för målgrupper. Börja med att räkna upp grupperna och enas "
                        "sedan om en ordning. Anteckna vem som kan vara avsändare till varje grupp.",
                    },
                ),
                (
                    "discussion",
                    {
                        "question": "Hur ser vi till att alla medarbetare kan ta del av förändringen, oavsett kön, "
                        "språk, funktionsförmåga eller arbetstider?",
                        "guidance": "Utgå från de horisontella kriterierna. Ge exempel på hinder som finns i dag "
                        "och föreslå en åtgärd för varje hinder.",
                    },
                ),
            ],
        },
    ],
}

COURSE = {
    "title": "Leda digital utveckling",
    "slug": "leda-digital-utveckling",
    "intro": "<p>Den här kursen ger chefer, ledande tjänstepersoner och förtroendevalda en gemensam grund för att "
    "leda digital utveckling. Du går igenom tre korta e-moduler i din egen takt, gärna före chefsdagen. Målet är "
    "en gemensam förståelse och ett gemensamt språk, så att vi kan fatta snabba men kloka beslut "
    "tillsammans.</p>",
    "target_groups": ["chef", "ledande", "fortroendevald"],
    "modules": [MODULE_1, MODULE_2, MODULE_3],
}
