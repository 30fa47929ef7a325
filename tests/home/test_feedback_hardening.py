"""Page feedback, hardened after review: over-long comments are refused (not cut), only pages that show
the question take an answer, and comments are blanked after their retention time."""

import datetime
import html
import io
import re

import pytest
from django.core.management import call_command
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from wagtail.models import Page, get_page_models

from core.pagetree import ensure_child_page
from home import feedback
from home.models import ContentPage, NewsIndexPage, NewsPage, PageFeedback, SiteFooter
from home.models.feedback import COMMENT_MAX_LENGTH
from tests.challenges.tree import make_part, make_solution
from tests.home.formtools import make_form

pytestmark = pytest.mark.django_db

QUESTION = "Hjälpte informationen på sidan dig?"
NO_SUCH_PAGE = "Det finns ingen publicerad sida att lämna synpunkter på här."
TOO_LONG = "Kommentaren är för lång. Skriv högst 1\xa0000 tecken."
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def about(home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "om", title="Om Kompetenslyft", intro="Vilka vi är.")
    return page


def url(page_or_id):
    return f"/sidfeedback/{getattr(page_or_id, 'pk', page_or_id)}/"


def text(response):
    return response.content.decode()


def refusal(response):
    """The sentence of a refusal without JavaScript: a page of the site, with a way back."""
    body = text(response)
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Ditt svar kunde inte tas emot</h1>" in body
    assert re.search(r'<a href="[^"]+">Tillbaka till (sidan|startsidan)</a>', body)
    return html.unescape(re.search(r'<p role="alert">(.*?)</p>', body, re.S).group(1))


# --- 1. an over-long comment is refused, not cut ------------------------------------------------------------


def test_a_100000_character_comment_is_400_with_the_limit_and_nothing_is_stored(client, about):
    response = client.post(url(about), {"helpful": "no", "comment": "x" * 100_000})
    assert response.status_code == 400
    assert refusal(response) == TOO_LONG
    assert f'<a href="{about.url}#sidfeedback">Tillbaka till sidan</a>' in text(response)
    as_json = client.post(url(about), {"helpful": "no", "comment": "x" * 100_000}, **JSON)
    assert as_json.status_code == 400
    assert as_json.json() == {"ok": False, "message": TOO_LONG}
    assert not PageFeedback.objects.exists()


def test_an_over_long_comment_after_the_no_is_400_and_the_no_stays_without_it(client, about):
    answer = feedback.record(about, False)
    response = client.post(url(about), {"token": feedback.comment_token(answer), "comment": "y" * 1001})
    assert response.status_code == 400 and refusal(response) == TOO_LONG
    answer.refresh_from_db()
    assert answer.comment == ""  # the token is still good for a comment of the right length
    assert client.post(url(about), {"token": feedback.comment_token(answer), "comment": "Kort."}).status_code == 303


def test_a_comment_exactly_at_the_limit_is_stored_whole(client, about):
    comment = "å" * (COMMENT_MAX_LENGTH - 1) + "!"
    response = client.post(url(about), {"helpful": "no", "comment": comment})
    assert response.status_code == 303
    assert PageFeedback.objects.get().comment == comment


def test_windows_line_breaks_count_as_one_character_as_in_the_textarea(about):
    line = "a" * 9 + "\r\n"  # ten characters in the browser's count
    row = feedback.record(about, False, line * (COMMENT_MAX_LENGTH // 10))
    assert len(row.comment) == COMMENT_MAX_LENGTH - 1  # the last line break is trimmed


def test_the_textarea_has_the_limit_and_the_help_names_it(client, about):
    html = text(client.get(about.url))
    assert f'maxlength="{COMMENT_MAX_LENGTH}"' in html
    assert "Högst 1\xa0000 tecken." in html


# --- 2. only pages that show the question take an answer --------------------------------------------------


def test_the_root_page_is_404_and_nothing_is_stored(client, home_page):
    root = Page.get_first_root_node()
    response = client.post(url(root), {"helpful": "yes"})
    assert response.status_code == 404 and refusal(response) == NO_SUCH_PAGE
    assert '<a href="/">Tillbaka till startsidan</a>' in text(response)  # no page to go back to
    assert client.post(url(root), {"helpful": "no", "comment": "Hej"}, **JSON).json()["message"] == NO_SUCH_PAGE
    assert not PageFeedback.objects.exists()


def test_page_types_without_the_question_are_404(client, home_page, organisation, roles):
    from challenges.models import ChallengePage

    challenge, _ = ensure_child_page(home_page, ChallengePage, "utmaning", title="Utmaningen", intro="Intro.")
    part = make_part(challenge, organisation)  # an organisation's part of the challenge
    index, _ = ensure_child_page(home_page, NewsIndexPage, "nyheter", title="Nyheter")
    assert client.get(part.url).status_code == 302  # the part only sends readers on to the challenge
    for page in (home_page, index):
        assert QUESTION not in text(client.get(page.url))
    for page in (home_page, part, index):
        response = client.post(url(page), {"helpful": "yes"})
        assert response.status_code == 404, page
        assert refusal(response) == NO_SUCH_PAGE
    assert not PageFeedback.objects.exists()


def test_a_page_outside_every_site_is_404(client, home_page):
    root = Page.get_first_root_node()
    stray = root.add_child(instance=ContentPage(title="Utanför", slug="utanfor", live=True))
    assert client.post(url(stray), {"helpful": "yes"}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_the_page_types_that_show_the_question_are_accepted(client, home_page, organisation, roles):
    from challenges.models import ChallengePage

    about, _ = ensure_child_page(home_page, ContentPage, "om", title="Om")
    form = make_form(home_page)
    index, _ = ensure_child_page(home_page, NewsIndexPage, "nyheter", title="Nyheter")
    article, _ = ensure_child_page(
        index, NewsPage, "nytt", title="Nytt", lead="Ingress.", published_on=datetime.date(2025, 1, 1)
    )
    challenge, _ = ensure_child_page(home_page, ChallengePage, "utmaning", title="Utmaningen", intro="Intro.")
    solution = make_solution(make_part(challenge, organisation))
    pages = (about, form, article, challenge, solution)
    for page in pages:
        assert QUESTION in text(client.get(page.url)), page
        assert client.post(url(page), {"helpful": "yes"}).status_code == 303, page
    assert PageFeedback.objects.count() == len(pages)


def test_the_templates_and_the_rule_agree():
    """A page type shows the question (its template includes it) exactly when the rule lists it."""
    including = set()
    for model in get_page_models():
        names = {model.template, getattr(model, "landing_page_template", None)} - {None}
        for name in names:
            try:
                source = get_template(name).template.source
            except TemplateDoesNotExist:  # a page type without a template of its own (never rendered)
                source = ""
            if "includes/page_feedback.html" in source:
                including.add(model._meta.label)
    assert including == set(feedback.PAGE_TYPES)
    assert {model._meta.label for model in get_page_models() if feedback.shows_question(model)} == including


def test_the_include_shows_nothing_on_a_page_type_outside_the_rule(rf, home_page):
    html = get_template("includes/page_feedback.html").render({"page": home_page.specific, "request": rf.get("/")})
    assert html.strip() == ""


# --- 3. comments are kept for a limited time ---------------------------------------------------------------


def _answer(page, days_ago, helpful, comment=""):
    return PageFeedback.objects.create(
        page=page, helpful=helpful, comment=comment, created_on=timezone.localdate() - datetime.timedelta(days_ago)
    )


def test_old_comments_are_blanked_and_the_figures_stay(about, settings):
    settings.PAGE_FEEDBACK_COMMENT_RETENTION_DAYS = 30
    old = _answer(about, 31, False, "Gammal kommentar")
    edge = _answer(about, 30, False, "Precis 30 dagar")
    recent = _answer(about, 2, False, "Ny kommentar")
    _answer(about, 100, True)
    _answer(about, 40, False)
    before = feedback.summary_for_page(about)

    assert feedback.clear_old_comments() == 1

    old.refresh_from_db(), edge.refresh_from_db(), recent.refresh_from_db()
    assert (old.helpful, old.comment, old.created_on) == (False, "", timezone.localdate() - datetime.timedelta(31))
    assert edge.comment == "Precis 30 dagar" and recent.comment == "Ny kommentar"
    after = feedback.summary_for_page(about)
    assert {key: after[key] for key in ("total", "yes", "no", "latest")} == {
        key: before[key] for key in ("total", "yes", "no", "latest")
    }
    assert (before["comments"], after["comments"]) == (3, 2)
    assert feedback.clear_old_comments() == 0


def test_the_default_retention_is_a_year(about, settings):
    del settings.PAGE_FEEDBACK_COMMENT_RETENTION_DAYS
    assert feedback.comment_retention_days() == feedback.COMMENT_RETENTION_DAYS == 365
    _answer(about, 366, False, "Förra året")
    _answer(about, 300, False, "I våras")
    assert feedback.clear_old_comments() == 1


def test_the_nightly_command_clears_old_comments_and_says_how_many(about, settings):
    settings.PAGE_FEEDBACK_COMMENT_RETENTION_DAYS = 30
    _answer(about, 45, False, "Gammal")
    _answer(about, 31, False, "Också gammal")
    _answer(about, 3, False, "Ny")
    out = io.StringIO()
    call_command("purge_form_submissions", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Deleted 0 form submission(s)")
    assert lines[1] == "Cleared 2 page feedback comment(s) older than 30 days."
    assert sorted(PageFeedback.objects.exclude(comment="").values_list("comment", flat=True)) == ["Ny"]
    assert PageFeedback.objects.count() == 3


def test_the_comment_field_says_how_long_and_links_the_privacy_page(client, about, home_page, settings):
    settings.PAGE_FEEDBACK_COMMENT_RETENTION_DAYS = 90
    html = text(client.get(about.url))
    assert "Vi raderar kommentarer efter 90 dagar." in html
    assert "Läs hur vi hanterar personuppgifter" not in html  # no privacy page in the footer yet

    privacy, _ = ensure_child_page(home_page, ContentPage, "personuppgifter", title="Personuppgifter")
    footer = SiteFooter.for_site(home_page.get_site())
    footer.privacy_page = privacy
    footer.save()  # bumps the content version: the kept address is built again
    html = text(client.get(about.url))
    link = re.search(r'<a href="([^"]+)">Läs hur vi hanterar personuppgifter</a>', html)
    assert link and link.group(1) == privacy.url


def test_the_privacy_link_costs_no_query_once_kept(client, about, home_page, django_assert_num_queries):
    privacy, _ = ensure_child_page(home_page, ContentPage, "personuppgifter", title="Personuppgifter")
    footer = SiteFooter.for_site(home_page.get_site())
    footer.privacy_page = privacy
    footer.save()
    assert feedback.privacy_url() == privacy.url
    with django_assert_num_queries(0):
        assert feedback.form_terms(about)["privacy_url"] == privacy.url
