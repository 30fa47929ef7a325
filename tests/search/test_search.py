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
