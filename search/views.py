from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over live, public pages. The query is echoed; empty and no-result states are explicit."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query, operator="or")
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("sida", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "query_prefix": urlencode({"q": query}) + "&"},
    )
