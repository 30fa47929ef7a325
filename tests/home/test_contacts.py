"""Contact people: the card any page's body can show (name, role, unit, organisation, phone and e-mail links, an
optional photo), the snippet screens editors keep them in, and one place to change a phone number: the new number
shows at once on every page with the card, also on pages served from memory."""

import datetime
import re

import pytest
from django.urls import reverse

from core.models import ContactPerson
from core.pagetree import ensure_child_page
from home.models import ContentPage

from .test_news import _media, html_of, main_of, make_article, make_image, news_index  # noqa: F401

URLS = "wagtailsnippets_core_contactperson"


@pytest.fixture
def lena(db):
    return ContactPerson.objects.create(
        name="Lena Holm",
        role="HR-strateg",
        organisation="Härnösands kommun",
        unit="HR-avdelningen",
        phone="070-174 06 21",
        email="lena.holm@harnosand.se",
    )


@pytest.fixture
def johan(db):
    return ContactPerson.objects.create(
        name="Johan Nyberg", role="Digitaliseringsstrateg", organisation="Sundsvalls kommun", phone="060-19 10 00"
    )


@pytest.fixture
def pages_with_card(news_index, home_page, lena):  # noqa: F811
    article = make_article(
        news_index,
        "chefsdag",
        datetime.date(2025, 9, 23),
        title="Chefsdag i Härnösand",
        body=[("paragraph", "<p>Text.</p>"), ("contact", {"heading": "", "person": lena})],
    )
    about, _ = ensure_child_page(
        home_page,
        ContentPage,
        "om",
        title="Om",
        body=[("contact", {"heading": "Vill du veta mer om chefsdagen?", "person": lena})],
    )
    return article, about


def card_of(html):
    return html.split('<section class="contact-card">', 1)[1].split("</section>", 1)[0]


def test_the_card_shows_who_and_how_to_reach_them(client, pages_with_card):
    article, about = pages_with_card
    card = card_of(main_of(html_of(client.get(article.url))))
    assert '<h2 class="contact-card__heading">Kontakt</h2>' in card
    assert '<address class="contact-card__details">' in card
    assert '<p class="contact-card__name">Lena Holm</p>' in card
    assert "HR-strateg<br>HR-avdelningen<br>Härnösands kommun" in card
    assert '<dt>Telefon</dt><dd><a href="tel:0701740621">070-174 06 21</a></dd>' in card
    assert '<dt>E-post</dt><dd><a href="mailto:lena.holm@harnosand.se">lena.holm@harnosand.se</a></dd>' in card
    assert "<picture>" not in card  # no photo
    about_card = card_of(main_of(html_of(client.get(about.url))))
    assert '<h2 class="contact-card__heading">Vill du veta mer om chefsdagen?</h2>' in about_card


def test_a_card_without_phone_or_unit_leaves_them_out(client, news_index, johan):  # noqa: F811
    johan.phone, johan.email = "", "johan.nyberg@sundsvall.se"
    johan.save()
    page = make_article(news_index, "m", datetime.date(2025, 5, 6), body=[("contact", {"person": johan})])
    card = card_of(html_of(client.get(page.url)))
    assert "tel:" not in card and "Telefon" not in card
    assert "Digitaliseringsstrateg<br>Sundsvalls kommun" in card
    assert "mailto:johan.nyberg@sundsvall.se" in card


def test_a_card_with_a_photo_shows_it_in_modern_formats(client, news_index, lena):  # noqa: F811
    lena.photo = make_image("Lena Holm", size=(240, 240))
    lena.save()
    page = make_article(news_index, "foto", datetime.date(2025, 5, 6), body=[("contact", {"person": lena})])
    card = card_of(html_of(client.get(page.url)))
    assert '<source sizes="96px" srcset="' in card and 'type="image/avif"' in card and 'type="image/webp"' in card
    assert 'alt=""' in card  # the photo shows the person named on the card: decorative
    lena.photo_alt = "Lena Holm framför stadshuset"
    lena.save()
    from core import versions

    versions.bump(versions.CONTENT)
    assert 'alt="Lena Holm framför stadshuset"' in card_of(html_of(client.get(page.url)))


def test_a_deleted_person_leaves_no_empty_card(client, pages_with_card, lena):
    article, _ = pages_with_card
    lena.delete()
    from core import versions

    versions.bump(versions.CONTENT)
    html = html_of(client.get(article.url))
    assert "contact-card" not in main_of(html)


def test_a_new_phone_number_shows_on_every_page_with_the_card(client, editor, pages_with_card, lena):
    article, about = pages_with_card
    reader = type(client)()
    for page in pages_with_card:  # both pages served (and kept) with the old number
        assert "070-174 06 21" in html_of(reader.get(page.url))
        assert "070-174 06 21" in html_of(reader.get(page.url))
    client.force_login(editor)
    response = client.post(
        reverse(f"{URLS}:edit", args=[lena.pk]),
        {
            "name": lena.name,
            "role": lena.role,
            "organisation": lena.organisation,
            "unit": lena.unit,
            "phone": "070-174 06 99",
            "email": lena.email,
            "photo": "",
            "photo_alt": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    for page in (article, about):
        html = html_of(reader.get(page.url))
        assert '<a href="tel:0701740699">070-174 06 99</a>' in html, page.url
        assert "070-174 06 21" not in html


# --- the snippet screens --------------------------------------------------------------------------------------


def test_editors_find_contact_people_in_the_menu_list_search_and_filter(client, editor, lena, johan):
    client.force_login(editor)
    snippets = client.get(reverse("wagtailsnippets:index")).content.decode()
    assert "Kontaktpersoner" in snippets and reverse(f"{URLS}:list") in snippets
    html = client.get(reverse(f"{URLS}:list")).content.decode()
    for text in ("Lena Holm", "HR-strateg", "Härnösands kommun", "070-174 06 21", "Johan Nyberg"):
        assert text in html
    filtered = client.get(reverse(f"{URLS}:list"), {"organisation": "Sundsvalls kommun"}).content.decode()
    assert "Johan Nyberg" in filtered and "Lena Holm" not in filtered
    found = client.get(reverse(f"{URLS}:list"), {"q": "Lena"}).content.decode()
    assert "Lena Holm" in found and "Johan Nyberg" not in found


def test_editors_add_a_contact_person(client, editor):
    client.force_login(editor)
    assert client.get(reverse(f"{URLS}:add")).status_code == 200
    response = client.post(
        reverse(f"{URLS}:add"),
        {
            "name": "Maria Sjöberg",
            "role": "Programansvarig",
            "organisation": "Kompetenslyft",
            "unit": "",
            "phone": "",
            "email": "maria.sjoberg@kompetenslyft.se",
            "photo": "",
            "photo_alt": "",
        },
    )
    assert response.status_code == 302
    assert ContactPerson.objects.get(name="Maria Sjöberg").email == "maria.sjoberg@kompetenslyft.se"


def test_a_person_without_phone_and_e_mail_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse(f"{URLS}:add"),
        {"name": "Utan kontakt", "role": "Chef", "organisation": "Kramfors kommun", "phone": "", "email": ""},
    )
    assert response.status_code == 200
    assert not ContactPerson.objects.filter(name="Utan kontakt").exists()
    assert re.search(r"error|fel", response.content.decode(), re.IGNORECASE)


@pytest.mark.parametrize("who", ["learner", "manager"])
def test_people_without_the_permission_cannot_open_the_screens(client, request, who, lena):
    client.force_login(request.getfixturevalue(who))
    for url in (reverse(f"{URLS}:list"), reverse(f"{URLS}:edit", args=[lena.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Lena Holm" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, lena):
    response = client.get(reverse(f"{URLS}:list"))
    assert response.status_code == 302 and "login" in response["Location"]
