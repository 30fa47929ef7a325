"""The demo maturity survey: our own wording, written for this demo (not taken from any published survey).

Two dimensions: what the organisation is able to do with digital technology, and how what it already
has (systems, information, ways of working) helps or hinders. Each category names the demo e-modules
(by slug) and whether the webcast series "Våga vara digital!" is recommended for it.
"""

TITLE = "Digital mognad i offentlig verksamhet"
INTRODUCTION = (
    "Enkäten handlar om hur vi i vår organisation arbetar med digitalisering i dag. Svara utifrån din egen "
    'bild av din förvaltning eller enhet. Det finns inga rätt eller fel svar, och svaret "Vet inte" är '
    "lika värdefullt som de andra. Ingen ser vad du som person har svarat: resultaten visas bara för "
    "grupper om minst fem personer. Det tar ungefär tio minuter."
)

# (name, short name, description, [(category, description, [statements], [module slugs], webcast series?)])
DIMENSIONS = [
    (
        "Digital förmåga",
        "Förmåga",
        "Hur väl vi förstår, tar till vara och förändrar vår verksamhet med hjälp av digital teknik.",
        [
            (
                "Ledning och styrning",
                "Hur digitaliseringen leds, prioriteras och följs upp.",
                [
                    "Vi har en gemensam bild av vad digitaliseringen ska leda till för dem vi är till för.",
                    "I vår förvaltning är det tydligt vem som ansvarar för att driva digital utveckling.",
                    "Våra chefer pratar om digitalisering som en del av verksamheten, inte som en teknikfråga.",
                    "Vi följer upp om våra digitala satsningar ger den nytta vi räknade med.",
                    "När vi prioriterar mellan utvecklingsidéer väger vi in vad digitala lösningar kan göra.",
                ],
                ["att-leda-forandring", "vad-ar-digitalisering"],
                True,
            ),
            (
                "Kompetens och kultur",
                "Kunskap, lust och mod att pröva nya digitala arbetssätt.",
                [
                    "Vi får den utbildning vi behöver för att använda våra digitala verktyg.",
                    "Hos oss är det tillåtet att pröva nya digitala arbetssätt, även om alla försök inte lyckas.",
                    "Vi hjälper varandra när någon har svårt med ett digitalt verktyg.",
                    "Vi vet var vi kan vända oss när vi har en idé om hur något kan göras digitalt.",
                    "Medarbetarna är med och formar de digitala lösningar de själva ska använda.",
                ],
                ["vad-ar-digitalisering"],
                True,
            ),
            (
                "Tjänster och arbetssätt",
                "Hur digitala tjänster utvecklas tillsammans med dem som använder dem.",
                [
                    "Invånare och företag kan sköta sina vanligaste ärenden hos oss digitalt.",
                    "När vi tar fram en ny tjänst utgår vi från dem som ska använda den.",
                    "Vi ser över och förenklar arbetssätt innan vi gör dem digitala.",
                    "Våra digitala tjänster går att använda för personer med olika funktionsnedsättningar.",
                ],
                ["digital-mognad-i-var-organisation", "att-leda-forandring"],
                False,
            ),
        ],
    ),
    (
        "Digitalt arv",
        "Arv",
        "Hur befintliga system, information och arbetssätt hjälper eller hindrar oss när vi vill förändra.",
        [
            (
                "System och teknik",
                "De it-system och den teknik vi har i dag.",
                [
                    "Våra verksamhetssystem går att koppla ihop med varandra när vi behöver det.",
                    "Vi kan byta eller uppgradera ett system utan att verksamheten stannar upp.",
                    "Vi har god överblick över vilka system vi har och vad de används till.",
                    "Tekniken vi arbetar med fungerar stabilt i vardagen.",
                    "Vi är inte låsta till en enskild leverantör för att kunna utveckla våra tjänster.",
                ],
                ["digital-mognad-i-var-organisation"],
                False,
            ),
            (
                "Information och data",
                "Hur information hålls samman, delas och skyddas.",
                [
                    "Vi behöver sällan registrera samma uppgifter i flera system.",
                    "Vi vet vilken information vi har och var den finns.",
                    "Vi delar information mellan förvaltningar när det är tillåtet och till nytta.",
                    "I vår förvaltning vet vi hur vi ska hantera personuppgifter och informationssäkerhet.",
                ],
                ["vad-ar-digitalisering"],
                True,
            ),
            (
                "Processer och samverkan",
                "Hur arbetssätt, regler och samarbeten hänger ihop med det digitala.",
                [
                    "Våra rutiner är dokumenterade så att de går att förändra.",
                    "Vi arbetar sällan runt systemen med papper, egna listor eller dubbla rutiner.",
                    "Vi samverkar med andra kommuner och regionen om gemensamma digitala lösningar.",
                    "Avtal och regler hindrar sällan att vi förbättrar våra digitala arbetssätt.",
                ],
                ["att-leda-forandring"],
                False,
            ),
        ],
    ),
]
