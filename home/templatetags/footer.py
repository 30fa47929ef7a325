from django import template

from home.footer import footer_links

register = template.Library()


@register.simple_tag
def site_footer():
    return footer_links()
