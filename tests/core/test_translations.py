"""Swedish first: every string our code and templates mark for translation has a Swedish text.

The msgids are read the way makemessages reads them (Python calls by AST, templates through Django's
own `templatize`), then looked up with Swedish active, through every catalogue Django loads (ours,
Django's, Wagtail's, allauth's). A msgid that comes back unchanged would show English to a Swedish
reader. Fails with the list, so a new string without a translation cannot land.
"""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
SKIP_PARTS = {"tests", "migrations", "benchmarks", "scripts", "node_modules", ".venv", "staticfiles", "settings"}
CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "gettext_noop"}
PLURAL_CALLS = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
TEMPLATE_CALL = re.compile(r"(?<![n\w])gettext\(u?('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\)")
TEMPLATE_PLURAL = re.compile(r"ngettext\(u?('(?:[^'\\]|\\.)*')\s*,\s*u?('(?:[^'\\]|\\.)*')")
# Words that are the same in both languages (compared without case).
SAME_IN_SWEDISH = {
    "text",
    "version",
    "status",
    "status:",
    "organisation",
    "workshop",
    "plan",
    "region",
    "person",
    "ok",
    "video",
    "problem",
    "situation",
    "dimension",
    "hr",
    "%(teacher)s, %(date)s",
    "version %(number)s",
    "%(minutes)s min",
    "%(module)s: status",
}


def _our_files(suffixes):
    for path in sorted(ROOT.rglob("*")):
        if path.suffix in suffixes and not SKIP_PARTS & set(path.relative_to(ROOT).parts):
            yield path


def _python_msgids(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name in CALLS and strings and name.startswith("p") is False:
            yield strings[0], None
        elif name in ("pgettext", "pgettext_lazy") and len(strings) >= 2:
            yield strings[1], strings[0]
        elif name in PLURAL_CALLS and len(strings) >= 2:
            yield (strings[1], strings[2]) if name.startswith("np") else (strings[0], strings[1]), "plural"


def _template_msgids(path):
    out = templatize(path.read_text(encoding="utf-8"))
    for match in TEMPLATE_CALL.finditer(out):
        yield ast.literal_eval(match.group(1)), None
    for match in TEMPLATE_PLURAL.finditer(out):
        yield ast.literal_eval(match.group(1)), ast.literal_eval(match.group(2))


def _template_translated(msgid, plural):
    """{% translate %} keeps a literal % as it is, {% blocktranslate %} doubles it: either may be the msgid."""
    shown = plural or msgid
    if not shown.strip() or shown.lower().strip() in SAME_IN_SWEDISH:
        return True
    for variant_id, variant_plural in ((msgid, plural), (msgid.replace("%%", "%"), (plural or "").replace("%%", "%"))):
        if variant_plural:
            if translation.ngettext(variant_id, variant_plural, 2) != variant_plural:
                return True
        elif translation.gettext(variant_id) != variant_id:
            return True
    return False


def _untranslated():
    missing = set()
    with translation.override("sv"):
        for path in _our_files({".py"}):
            for msgid, kind in _python_msgids(path):
                if kind == "plural":
                    singular, plural = msgid
                    if plural.lower() not in SAME_IN_SWEDISH and translation.ngettext(singular, plural, 2) == plural:
                        missing.add(f"{path.relative_to(ROOT)}: {plural}")
                    continue
                if not msgid.strip() or msgid.lower() in SAME_IN_SWEDISH:
                    continue
                translated = translation.pgettext(kind, msgid) if kind else translation.gettext(msgid)
                if translated == msgid:
                    missing.add(f"{path.relative_to(ROOT)}: {msgid}")
        for path in _our_files({".html", ".txt"}):
            if "templates" not in path.parts:
                continue
            for msgid, plural in _template_msgids(path):
                if not _template_translated(msgid, plural):
                    missing.add(f"{path.relative_to(ROOT)}: {plural or msgid}")
    return sorted(missing)


def test_every_marked_string_has_a_swedish_text():
    missing = _untranslated()
    assert not missing, f"{len(missing)} strings without Swedish:\n" + "\n".join(missing)


def test_the_check_finds_a_string_without_swedish(tmp_path):
    """The extraction really reads calls and tags (a check that finds nothing would pass vacuously)."""
    source = tmp_path / "x.py"
    source.write_text('from django.utils.translation import gettext as _\n_("An English sentence only")\n')
    template = tmp_path / "x.html"
    template.write_text("{% load i18n %}{% translate 'Another English sentence' %}")
    assert list(_python_msgids(source)) == [("An English sentence only", None)]
    assert list(_template_msgids(template)) == [("Another English sentence", None)]
    assert not _template_translated("Another English sentence", None)
    with translation.override("sv"):
        assert translation.gettext("An English sentence only") == "An English sentence only"
        assert translation.gettext("Booked") != "Booked"
