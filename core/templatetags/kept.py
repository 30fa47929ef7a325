"""{% kept %}: a fragment rendered once per process and reused while published content is unchanged.

    {% load kept %}
    {% kept "step-nav" module.pk step.number %} … {% endkept %}

The fragment is kept for the shared content version (core.versions: any page, site or footer change
makes it stale), the active language, and the values after the name, which must determine everything
inside. Nothing about the person, the request or the clock may be inside, except {% csrf_token %},
which is filled in for each response. Django's {% cache %} asks the cache server on every render; this
asks nothing between version polls, which is what a page every learner opens at once needs.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import versions

register = template.Library()

# Private-use characters: never in real content, and left alone by HTML escaping.
CSRF_SLOT = "\ue000csrf-token\ue000"

_fragments = versions.Kept(versions.CONTENT, 4096)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class KeptNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        token = context.get("csrf_token")
        if token is None:  # rendered without a request (an e-mail, a test): nothing is the same twice
            return self.nodelist.render(context)
        key = (
            self.origin.name if self.origin else None,
            self.name,
            get_language(),
            context.autoescape,
            *(_hashable(value.resolve(context)) for value in self.vary_on),
        )

        def build():
            with context.push(csrf_token=CSRF_SLOT):
                return str(self.nodelist.render(context))

        html = _fragments.get(key, build)
        if CSRF_SLOT in html:
            html = html.replace(CSRF_SLOT, str(token))
        return mark_safe(html)  # noqa: S308  (rendered by the template engine, which escaped it)


@register.tag("kept")
def do_kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("{% kept %} needs a quoted fragment name, then the values it varies on.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


def forget_all():
    """For tests."""
    _fragments.clear()
