"""Demo page feedback: answers to "Hjälpte informationen på sidan dig?" on pages of several kinds.

Runs last in seed_demo, when every demo page exists. Pages are found by slug; a missing one is skipped.
A page that already has feedback is left alone, so running it again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .feedback import clean_comment
from .models import PageFeedback

# (slug candidates, answers): an answer is (days ago, helped, comment). A slug ending in "*" is a prefix;
# "news:*" is the newest article under "nyheter", "solution:*" the first shared solution.
Y, N = True, False
FEEDBACK = [
    (
        ["om-kompetenslyft"],
        [
            (2, Y, ""),
            (5, Y, ""),
            (9, Y, ""),
            (12, N, "Jag hittade inte vem som står bakom plattformen."),
            (20, Y, ""),
            (33, Y, ""),
            (41, N, ""),
            (58, Y, ""),
        ],
    ),
    (
        ["personuppgifter"],
        [
            (1, N, "Hur länge sparas mina svar i enkäterna om digital mognad?"),
            (4, Y, ""),
            (15, Y, ""),
            (22, N, "Texten är lång. En kort sammanfattning överst skulle hjälpa."),
            (40, Y, ""),
        ],
    ),
    (
        ["tillganglighetsredogorelse"],
        [(3, Y, ""), (18, Y, ""), (26, N, "Det står inte när webbsändningarna får textning."), (60, Y, "")],
    ),
    (
        ["news:*"],
        [
            (1, Y, ""),
            (2, Y, ""),
            (6, N, "Länken till anmälan borde stå högre upp i artikeln."),
            (8, Y, ""),
            (14, Y, ""),
        ],
    ),
    (
        ["digitalkompetens-fas-1"],
        [
            (2, Y, ""),
            (7, N, "Vilka kommuner är med i fas 2?"),
            (10, Y, ""),
            (16, N, ""),
            (25, Y, ""),
            (31, N, "Jag saknar kontaktuppgifter till projektledaren."),
            (45, Y, ""),
        ],
    ),
    (
        ["planeringsstod-chefsdag", "solution:*"],
        [(4, Y, ""), (9, Y, ""), (19, N, "Går mallen för dagordningen att ladda ner som Word-fil?"), (35, Y, "")],
    ),
]


def _find(slugs):
    pages = Page.objects.live()
    for slug in slugs:
        if slug == "news:*":
            page = pages.filter(content_type__model="newspage", content_type__app_label="home")
            page = page.order_by("-first_published_at", "-pk").first()
        elif slug == "solution:*":
            page = pages.filter(content_type__model="solutionpage").order_by("path").first()
        elif slug.endswith("*"):
            page = pages.filter(slug__startswith=slug[:-1]).order_by("path").first()
        else:
            page = pages.filter(slug=slug).order_by("path").first()
        if page is not None:
            return page
    return None


@transaction.atomic
def seed():
    """Feedback rows on the demo pages; returns {page: number of answers made}."""
    today = timezone.localdate()
    made = {}
    for slugs, answers in FEEDBACK:
        page = _find(slugs)
        if page is None or page in made or PageFeedback.objects.filter(page=page).exists():
            continue
        PageFeedback.objects.bulk_create(
            PageFeedback(
                page=page,
                helpful=helpful,
                comment="" if helpful else clean_comment(comment),
                created_on=today - datetime.timedelta(days=days_ago),
            )
            for days_ago, helpful, comment in answers
        )
        made[page] = len(answers)
    return made
