"""{% kept %}: a fragment rendered once per process and reused while published content is unchanged.

    {% load kept %}
    {% kept "step-nav" module.pk step.number %} … {% endkept %}

The fragment is kept for the shared content version (core.versions: any page, site or footer change
makes it stale), the active language, and the values after the name, which must determine everything
inside. Nothing about the person, the request or the clock may be inside, except {% csrf_token %},
which is filled in for each response, and values named after `fill`, which are too:

    {% kept "site-account" user.is_authenticated fill name=user.get_full_name path=request.get_full_path %}
        <a href="/konto/profil/">{{ name }}</a> …
    {% endkept %}

A filled value may only be output as it is (`{{ name }}`, escaped as usual): a filter on it would
work on a placeholder, so a fragment where a placeholder does not come out whole is never kept. Django's
{% cache %} asks the cache server on every render; this asks nothing between version polls, which is
what a page every learner opens at once needs.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import versions

register = template.Library()

# Placeholders between private-use characters: never in real content, left alone by HTML escaping, and
# stripped from filled values, so a value can never pose as a placeholder.
MARK = "\ue000"
CSRF_SLOT = f"{MARK}csrf-token{MARK}"
SLOTS = re.compile(f"{MARK}(csrf-token|fill-[A-Za-z_][A-Za-z0-9_]*){MARK}")


def _slot(name):
    return f"{MARK}fill-{name}{MARK}"


_fragments = versions.Kept(versions.CONTENT, 4096)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class KeptNode(template.Node):
    def __init__(self, nodelist, name, vary_on, fills):
        self.nodelist, self.name, self.vary_on, self.fills = nodelist, name, vary_on, fills

    def render(self, context):
        token = context.get("csrf_token")
        filled = {name: value.resolve(context) for name, value in self.fills.items()}
        if token is None:  # rendered without a request (an e-mail, a test): nothing is the same twice
            return self._render_now(context, filled)
        key = (
            self.origin.name if self.origin else None,
            self.name,
            get_language(),
            context.autoescape,
            *(_hashable(value.resolve(context)) for value in self.vary_on),
        )
        html = _fragments.get(key, lambda: self._build(context))
        if html is False:  # a filled value went through a filter: render it the slow way
            return self._render_now(context, filled)
        values = {"csrf-token": str(token)}
        for name, value in filled.items():
            value = conditional_escape(value) if context.autoescape else value
            values[f"fill-{name}"] = str(value).replace(MARK, "")
        # One pass: a filled value is never searched for placeholders itself.
        html = SLOTS.sub(lambda match: values.get(match.group(1), ""), html)
        return mark_safe(html)  # noqa: S308  (rendered by the template engine, which escaped it)

    def _render_now(self, context, filled):
        with context.push(**filled):
            return self.nodelist.render(context)

    def _build(self, context):
        with context.push(csrf_token=CSRF_SLOT, **{name: _slot(name) for name in self.fills}):
            html = str(self.nodelist.render(context))
        # A placeholder changed by a filter ({{ name|upper }}) or gone altogether: not keepable. Kept as
        # False, so the check runs once.
        if any(_slot(name) not in html for name in self.fills) or MARK in SLOTS.sub("", html):
            return False
        return html


@register.tag("kept")
def do_kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("{% kept %} needs a quoted fragment name, then the values it varies on.")
    vary_on, fills = bits[2:], {}
    if "fill" in vary_on:
        at = vary_on.index("fill")
        vary_on, fill_bits = vary_on[:at], vary_on[at + 1 :]
        for bit in fill_bits:
            name, sep, value = bit.partition("=")
            if not sep or not name.isidentifier():
                raise template.TemplateSyntaxError("{% kept … fill %} takes name=value pairs.")
            fills[name] = parser.compile_filter(value)
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in vary_on], fills)


def forget_all():
    """For tests."""
    _fragments.clear()
