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
work on a placeholder, so a fragment where a placeholder does not come out whole is never kept.

Content can never pose as a placeholder: each build draws a fresh random nonce and writes it into every
placeholder, and the content rendered in that build was written before the nonce existed. The build is
split at its placeholders once, so a response joins the pieces with its values and searches nothing,
and no filled value is ever read as a placeholder either.

Why not Django's {% cache %}: it asks the cache server on every render and cannot hold a CSRF token or a
name; this asks nothing between version polls, which is what a page every learner opens at once needs.
"""

import re
import secrets

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import versions

register = template.Library()

# Placeholders sit between private-use characters, which HTML escaping leaves alone. A mark left over
# outside the placeholders means one was cut or changed (or the content has one): not keepable.
MARK = "\ue000"
CSRF = "csrf-token"

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
        self.slots = (CSRF, *(f"fill-{name}" for name in fills))

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
        parts = _fragments.get(key, lambda: self._build(context))
        if parts is False:  # a filled value went through a filter: render it the slow way
            return self._render_now(context, filled)
        values = {}
        if CSRF in parts[1::2]:  # only a fragment with a form asks for the token (and sets its cookie)
            values[CSRF] = str(token)
        for name, value in filled.items():
            values[f"fill-{name}"] = str(conditional_escape(value) if context.autoescape else value)
        # One pass over the pieces cut at build time: odd positions are slot names, the rest is markup.
        pieces = list(parts)
        pieces[1::2] = [values[slot] for slot in parts[1::2]]
        return mark_safe("".join(pieces))  # noqa: S308  (rendered by the template engine, which escaped it)

    def _render_now(self, context, filled):
        with context.push(**filled):
            return self.nodelist.render(context)

    def _build(self, context):
        """The fragment as a tuple (markup, slot name, markup, …), or False if it cannot be kept."""
        nonce = secrets.token_hex(16)
        placeholder = {slot: f"{MARK}{nonce}:{slot}{MARK}" for slot in self.slots}
        fills = {name: placeholder[f"fill-{name}"] for name in self.fills}
        with context.push(csrf_token=placeholder[CSRF], **fills):
            html = str(self.nodelist.render(context))
        alternatives = "|".join(re.escape(slot) for slot in self.slots)
        parts = tuple(re.split(f"{MARK}{nonce}:({alternatives}){MARK}", html))
        # A placeholder changed by a filter ({{ name|upper }}) or gone altogether: not keepable. Kept as
        # False, so the check runs once.
        found = set(parts[1::2])
        if any(f"fill-{name}" not in found for name in self.fills) or any(MARK in text for text in parts[0::2]):
            return False
        return parts


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
