"""{% latest_news as news %}: the newest articles for the home page (home.news keeps them per process).
{% news_index_url as url %}: the header's link to the news."""

from django import template

from core import sites, versions
from home import news

register = template.Library()

# The news list's address per host, kept for the content version like the webcast list's (webcasts'
# webcast_index_url): the header of every page reads it; one query per process and content version.
_kept = versions.Kept(versions.CONTENT, 16)


@register.simple_tag(takes_context=True)
def latest_news(context, count=news.LATEST):
    articles, index = news.latest(count)
    request = context.get("request")
    return {"articles": articles, "index_url": index.get_url(request=request) if index else ""}


@register.simple_tag(takes_context=True)
def news_index_url(context):
    """The address of the site's live, public news list, or "" when there is none (then no link shows)."""
    from home.models import NewsIndexPage

    request = context.get("request")

    def find():
        index = sites.public(NewsIndexPage.objects.live()).order_by("path").first()
        return index.get_url(request) if index else ""

    return _kept.get(("news_index_url", request.get_host() if request else ""), find)
