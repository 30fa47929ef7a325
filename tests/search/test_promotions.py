"""Promoted search results (wagtail.contrib.search_promotions): what editors recommend for a search comes
first under "Rekommenderat", is not listed twice, and searches are counted for the popular-searches list."""

import pytest
from django.db.models import Sum
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction

from core.pagetree import ensure_child_page
from home.models import ContentPage
from search import demo as search_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def chefsdag(home_page):
    """Two pages about the chefsdag; editors promote the planning support for "chefsdag"."""
    planning, _ = ensure_child_page(
        home_page,
        ContentPage,
        "planeringsstod-chefsdag",
        title="Planeringsstöd för chefsdagen",
        intro="Så förbereder ni chefsdagen steg för steg.",
    )
    report, _ = ensure_child_page(
        home_page, ContentPage, "chefsdag-rapport", title="Rapport om chefsdag i Härnösand", intro="Vad dagen gav."
    )
    query = Query.get("chefsdag")
    SearchPromotion.objects.create(query=query, page=planning, sort_order=0, description="Börja här.")
    return {"planning": planning, "report": report}


def hits(words):
    return QueryDailyHits.objects.filter(query__query_string=words).aggregate(total=Sum("hits"))["total"] or 0


def test_a_promoted_page_comes_first_and_only_once(client, chefsdag):
    response = client.get("/sok/", {"q": "chefsdag"})
    html = response.content.decode()
    assert '<h2 id="search-promoted-heading">Rekommenderat</h2>' in html
    promoted = response.context["promoted_results"]
    assert [item["title"] for item in promoted] == ["Planeringsstöd för chefsdagen"]
    assert "Börja här." in html
    results = [page.pk for page in response.context["search_results"]]
    assert chefsdag["planning"].pk not in results  # not listed twice
    assert chefsdag["report"].pk in results
    assert html.index("Rekommenderat") < html.index("Rapport om chefsdag i Härnösand")
    assert html.count('href="/planeringsstod-chefsdag/"') == 1


def test_the_search_words_are_normalised(client, chefsdag):
    response = client.get("/sok/", {"q": "  CHEFSDAG "})
    assert [item["title"] for item in response.context["promoted_results"]] == ["Planeringsstöd för chefsdagen"]


def test_a_promotion_alone_still_shows_when_nothing_else_matches(client, home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "ledarprogram", title="Ledarprogram")
    SearchPromotion.objects.create(query=Query.get("qzxj"), page=page, sort_order=0)
    html = client.get("/sok/", {"q": "qzxj"}).content.decode()
    assert "Rekommenderat" in html and 'href="/ledarprogram/"' in html
    assert "Inga andra träffar för ”qzxj”." in html


def test_a_draft_or_restricted_promoted_page_is_left_out(client, chefsdag):
    chefsdag["planning"].unpublish()
    assert client.get("/sok/", {"q": "chefsdag"}).context["promoted_results"] == []
    chefsdag["planning"].save_revision().publish()
    PageViewRestriction.objects.create(page=chefsdag["planning"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sok/", {"q": "chefsdag"})
    assert response.context["promoted_results"] == []
    assert "Planeringsstöd" not in response.content.decode()


def test_an_external_link_can_be_promoted(client, home_page):
    SearchPromotion.objects.create(
        query=Query.get("digg"),
        external_link_url="https://www.digg.se/",
        external_link_text="Myndigheten för digital förvaltning",
        sort_order=0,
    )
    html = client.get("/sok/", {"q": "digg"}).content.decode()
    assert '<a href="https://www.digg.se/">Myndigheten för digital förvaltning</a>' in html


def test_promotions_only_on_the_first_page_of_results(client, home_page, chefsdag):
    for n in range(12):
        ensure_child_page(home_page, ContentPage, f"chefsdag-{n}", title=f"Chefsdag nummer {n}")
    first = client.get("/sok/", {"q": "chefsdag"})
    assert first.context["promoted_results"]
    second = client.get("/sok/", {"q": "chefsdag", "sida": 2})
    assert second.context["search_results"].number == 2
    assert second.context["promoted_results"] == []
    every = [p.pk for p in first.context["search_results"]] + [p.pk for p in second.context["search_results"]]
    assert chefsdag["planning"].pk not in every


def test_searches_are_counted_but_not_empty_ones(client, chefsdag):
    client.get("/sok/", {"q": "chefsdag"})
    client.get("/sok/", {"q": "Chefsdag"})
    client.get("/sok/", {"q": "chefsdag", "sida": 2})  # a further page of the same search is not a new one
    assert hits("chefsdag") == 2
    before = Query.objects.count()
    client.get("/sok/", {"q": "   "})
    client.get("/sok/")
    client.get("/sok/", {"q": "\x00"})
    assert Query.objects.count() == before


def test_a_long_search_is_counted_capped(client, home_page):
    client.get("/sok/", {"q": "a" * 5000})
    assert [len(words) for words in Query.objects.values_list("query_string", flat=True)] == [200]


def test_search_with_promotions_in_bounded_queries(client, chefsdag, django_assert_max_num_queries):
    client.get("/sok/", {"q": "chefsdag"})
    with django_assert_max_num_queries(14):
        client.get("/sok/", {"q": "chefsdag"})


def test_editors_manage_promotions_in_the_admin(client, editor, chefsdag):
    client.force_login(editor)
    response = client.get(reverse("wagtailsearchpromotions:index"))
    assert response.status_code == 200
    assert "chefsdag" in response.content.decode()


def test_demo_promotions_tolerate_missing_pages_and_run_twice(home_page):
    assert search_demo.seed() == {"chefsdag": [], "ledarprogram": [], "mognad": []}
    planning, _ = ensure_child_page(home_page, ContentPage, "planeringsstod-chefsdag", title="Planeringsstöd")
    programmes, _ = ensure_child_page(home_page, ContentPage, "ledarprogram", title="Ledarprogram")
    made = search_demo.seed()
    assert made["chefsdag"] == [planning.page_ptr] or [p.pk for p in made["chefsdag"]] == [planning.pk]
    assert [p.pk for p in made["ledarprogram"]] == [programmes.pk]
    count = SearchPromotion.objects.count()
    search_demo.seed()
    assert SearchPromotion.objects.count() == count == 2
