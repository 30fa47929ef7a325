import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core import sites

from .promotions import Search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Control characters (NUL, escapes, line breaks) are never part of a search. PostgreSQL refuses a NUL in
# a text value outright ("A string literal cannot contain NUL"), which made /sok/?q=%00 a 500.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def clean_query(raw):
    """The query as searched and echoed: control characters become spaces, runs of spaces one, capped."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH].strip()


def kind_label(page):
    """What kind of page a hit is, as a person reads it: "Utbildning", "E-modul", "Innehållssida".

    Each page type names its kind in its verbose_name (translated). A plain Wagtail page, with no type of
    its own (one made before its type existed, or whose type is gone), reads as a content page, not "Sida".
    """
    if type(page) is Page:
        return capfirst(_("content page"))
    label = capfirst(type(page)._meta.verbose_name)
    # A page type may add what a reader needs to know at a glance, such as a webcast's state
    # ("Webbsändning · Direkt nu"): its `kind_detail()`, which must not query.
    detail = page.kind_detail() if callable(getattr(page, "kind_detail", None)) else ""
    return f"{label} · {detail}" if detail else label


def _description(page):
    """A promoted page's text: its meta description (core.seo: the editor's, else its introduction)."""
    if callable(getattr(page, "meta_description", None)):
        return page.meta_description()
    return page.search_description


def search(request):
    """Site search over live, public pages. The query is echoed; empty and no-result states are explicit.

    Editors' promoted results for the query come first on the first page, under "Recommended", and are
    left out of the ordinary results so that nothing is listed twice.
    """
    query = clean_query(request.GET.get("q"))
    results = None
    promoted = []
    if query:
        asked = Search(query)
        promoted = asked.promoted(_description)
        promoted_ids = [item["page"].pk for item in promoted if item["page"] is not None]
        pages = sites.public(Page.objects.live())
        if promoted_ids:
            pages = pages.exclude(pk__in=promoted_ids)
        pages = pages.specific().search(query, operator="or")
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("sida", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        # The results are specific pages already (.specific() above): the kind comes from the class, no query.
        results.object_list = list(results.object_list)
        for page in results.object_list:
            page.kind_label = kind_label(page)
        for item in promoted:
            if item["page"] is not None:
                item["kind_label"] = kind_label(item["page"])
        if request.GET.get("sida", "1") == "1":  # a further page of results is not a new search
            asked.count()
        if results.number != 1:
            promoted = []
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results,
            "promoted_results": promoted,
            "query_prefix": urlencode({"q": query}) + "&",
        },
    )
