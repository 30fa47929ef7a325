"""Add Swedish translations to locale/sv/LC_MESSAGES/django.po, safely while others do the same.

Usage: python scripts/po_add.py entries.json
entries.json: {"English msgid": "Svensk text", ...}; a plural as
{"msgid": "%(n)s item", "plural": "%(n)s items", "msgstr": ["%(n)s sak", "%(n)s saker"]} in a list
under the key "plurals". An entry already present is updated. Compiles the .mo afterwards.
A lock file serialises concurrent writers (helpers working in parallel).
"""

import fcntl
import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def main(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    plurals = data.pop("plurals", [])
    with open(str(PO) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        po = polib.pofile(str(PO), wrapwidth=0)
        added = 0
        for msgid, msgstr in data.items():
            entry = po.find(msgid)
            if entry is None:
                po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
                added += 1
            else:
                entry.msgstr = msgstr
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        for item in plurals:
            entry = po.find(item["msgid"])
            forms = dict(enumerate(item["msgstr"]))
            if entry is None:
                po.append(polib.POEntry(msgid=item["msgid"], msgid_plural=item["plural"], msgstr_plural=forms))
                added += 1
            else:
                entry.msgstr_plural = forms
        po.save(str(PO))
        po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{added} added, {len(data) + len(plurals) - added} updated; compiled {PO.with_suffix('.mo')}")


if __name__ == "__main__":
    main(sys.argv[1])
