"""Demo: every municipality of the three counties the demo works in, so that reach has a real denominator.

The other demos create the organisations whose people take part; here the rest of each county's
municipalities are added (organisations only, no people), so the dashboard shows a realistic share
and the list of municipalities that have not taken part yet, the list a programme owner calls next.
"""

from accounts.models import County, Organisation, OrganisationKind

MUNICIPALITIES = {
    County.Y: ["Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik"],
    County.D: [
        "Eskilstuna",
        "Flen",
        "Gnesta",
        "Katrineholm",
        "Nyköping",
        "Oxelösund",
        "Strängnäs",
        "Trosa",
        "Vingåker",
    ],
    County.C: ["Enköping", "Heby", "Håbo", "Knivsta", "Tierp", "Uppsala", "Älvkarleby", "Östhammar"],
}


def municipality_name(town):
    """The official name: a genitive -s ("Härnösands kommun"), none after a vowel or an s ("Håbo kommun",
    "Eskilstuna kommun", "Strängnäs kommun")."""
    return f"{town} kommun" if town[-1].lower() in "aeiouyåäös" else f"{town}s kommun"


def seed():
    """Idempotent: an existing organisation of that name is left as it is."""
    added = 0
    for county, towns in MUNICIPALITIES.items():
        for town in towns:
            _org, created = Organisation.objects.get_or_create(
                name=municipality_name(town), defaults={"kind": OrganisationKind.MUNICIPALITY, "county": county}
            )
            added += created
    return {"added": added}
