from home import demo as home_demo


def test_search_finds_seeded_page(client, home_page):
    home_demo.seed()
    response = client.get("/sok/", {"q": "personuppgifter"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Personuppgifter och kakor" in html
    assert 'value="personuppgifter"' in html  # the query is echoed


def test_empty_query_shows_prompt(client, home_page):
    response = client.get("/sok/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["search_results"] is None
    assert "Skriv ett ord" in response.content.decode()


def test_no_results_state(client, home_page):
    response = client.get("/sok/", {"q": "xyzzyqwerty"})
    assert "Inga träffar" in response.content.decode()


def test_bad_page_number_does_not_fail(client, home_page):
    home_demo.seed()
    assert client.get("/sok/", {"q": "kompetenslyft", "sida": "abc"}).status_code == 200
    assert client.get("/sok/", {"q": "kompetenslyft", "sida": "9999"}).status_code == 200


def test_huge_query_is_truncated(client, home_page):
    response = client.get("/sok/", {"q": "a" * 5000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == 200


def test_unpublished_pages_are_not_found(client, home_page):
    from home.models import ContentPage

    draft = ContentPage(title="Hemligt utkast om digitalisering", slug="utkast", live=False)
    home_page.add_child(instance=draft)
    html = client.get("/sok/", {"q": "utkast"}).content.decode()
    assert "Hemligt utkast" not in html


def test_a_nul_byte_in_the_query_is_dropped_not_a_500(client, home_page):
    """PostgreSQL refuses a NUL in a text value; CI runs this there too."""
    response = client.get("/sok/?q=%00")
    assert response.status_code == 200
    assert response.context["search_query"] == ""
    assert "Skriv ett ord" in response.content.decode()  # the empty-query prompt


def test_control_characters_are_taken_out_of_a_real_query(client, home_page):
    home_demo.seed()
    response = client.get("/sok/?q=%00personuppgifter%00%1b%0a")
    assert response.status_code == 200
    assert response.context["search_query"] == "personuppgifter"
    assert "Personuppgifter och kakor" in response.content.decode()


def test_control_characters_between_words_separate_them(client, home_page):
    response = client.get("/sok/", {"q": "chef\x00dag\tplan\x7f  "})
    assert response.status_code == 200
    assert response.context["search_query"] == "chef dag plan"


def test_other_parameters_with_nul_do_not_fail(client, home_page):
    assert client.get("/sok/?query=%00").status_code == 200
    assert client.get("/sok/?q=kompetenslyft&sida=%00").status_code == 200


def test_each_hit_says_what_kind_of_page_it_is(client, module, django_assert_max_num_queries):
    """A course, an e-module and a content page are labelled by their (Swedish) kind, without an N+1."""
    from home import demo as home_demo

    home_demo.seed()
    response = client.get("/sok/", {"q": "testkurs"})
    html = response.content.decode()
    assert '<p class="search-results__kind">Utbildning</p>' in html
    response = client.get("/sok/", {"q": module.title})
    assert '<p class="search-results__kind">E-modul</p>' in response.content.decode()
    response = client.get("/sok/", {"q": "personuppgifter"})
    assert '<p class="search-results__kind">Innehållssida</p>' in response.content.decode()
    with django_assert_max_num_queries(12):
        client.get("/sok/", {"q": "kompetenslyft digitalisering testkurs personuppgifter"})


def test_a_plain_page_reads_as_a_content_page_not_sida(client, home_page):
    """A page without a type of its own (wagtailcore.Page) is labelled like a content page."""
    from wagtail.models import Page

    home_page.add_child(instance=Page(title="Kontaktuppgifter till projektet", slug="kontakt"))
    html = client.get("/sok/", {"q": "kontaktuppgifter"}).content.decode()
    assert "Kontaktuppgifter till projektet" in html
    assert '<p class="search-results__kind">Innehållssida</p>' in html
    assert '<p class="search-results__kind">Sida</p>' not in html


def test_every_kind_reads_well_in_swedish(home_page, module):
    """Every page type a hit can be, as it is labelled: the Swedish kind, never plain "Sida"."""
    from django.utils import translation
    from wagtail.models import Page

    from search.views import kind_label

    expected = {
        "HomePage": "Startsida",
        "CourseIndexPage": "Utbildningslista",
        "CoursePage": "Utbildning",
        "ModulePage": "E-modul",
        "ContentPage": "Innehållssida",
        "AccessibilityStatementPage": "Tillgänglighetsredogörelse",
        "Page": "Innehållssida",
    }
    from home.models import AccessibilityStatementPage, ContentPage

    pages = [page.specific for page in Page.objects.filter(depth__gt=1)]
    pages += [ContentPage(title="x"), AccessibilityStatementPage(title="y"), Page(title="z")]
    with translation.override("sv"):
        labels = {type(page).__name__: str(kind_label(page)) for page in pages}
    assert labels == expected
