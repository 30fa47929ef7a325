"""{% latest_news as news %}: the newest articles for the home page (home.news keeps them per process)."""

from django import template

from home import news

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_news(context, count=news.LATEST):
    articles, index = news.latest(count)
    request = context.get("request")
    return {"articles": articles, "index_url": index.get_url(request=request) if index else ""}
