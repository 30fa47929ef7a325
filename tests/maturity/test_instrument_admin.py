"""The maturity survey in the Wagtail admin: editors create, draft and publish it; a round keeps its revision;
other roles cannot reach it; a survey in use cannot be deleted (a message, not an error)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from maturity import structure
from maturity.models import Instrument

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_maturity_instrument"


def _list_items(items):
    """A ListBlock as the admin posts it: count, and per item its value, order, id and deleted flag."""
    data = {"count": str(len(items))}
    for index, (item_id, value) in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index), "id": item_id or ""}
    return data


def body_data(dimensions):
    """The posted StreamField of an instrument. `dimensions` as structure.Dimension objects (ids kept) or plain
    dicts {"name", "short_name", "categories": [{"name", "statements": [text, ...]}]} (new blocks)."""
    stream = {"count": str(len(dimensions))}
    for index, dim in enumerate(dimensions):
        if isinstance(dim, dict):
            dim_id, name, short, cats = "", dim["name"], dim["short_name"], dim["categories"]
            cats = [("", c["name"], [("", text) for text in c["statements"]]) for c in cats]
        else:
            dim_id, name, short = dim.id, dim.name, dim.short_name
            cats = [(c.id, c.name, [(s.id, s.text) for s in c.statements]) for c in dim.categories]
        categories = [
            (
                cat_id,
                {
                    "name": cat_name,
                    "description": "",
                    "statements": _list_items([(sid, {"text": text, "help_text": ""}) for sid, text in statements]),
                    "recommended_modules": _list_items([]),
                    "recommended_webcasts": _list_items([]),
                },
            )
            for cat_id, cat_name, statements in cats
        ]
        stream[str(index)] = {
            "type": "dimension",
            "deleted": "",
            "order": str(index),
            "id": dim_id,
            "value": {"name": name, "short_name": short, "description": "", "categories": _list_items(categories)},
        }
    return stream


def form_data(title, dimensions, publish=False):
    data = nested_form_data(
        {"title": title, "introduction": "Svara utifrån din förvaltning.", "body": body_data(dimensions)}
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_the_editor_role_holds_the_survey_permissions(roles):
    from accounts.roles import EDITOR

    held = set(roles[EDITOR].permissions.filter(content_type__app_label="maturity").values_list("codename", flat=True))
    wanted = {f"{action}_instrument" for action in ("add", "change", "delete", "publish", "view")}
    assert wanted <= held, "maturity/apps.py: extend_role(EDITOR, ...) for the instrument permissions"


NEW_SURVEY = [
    {
        "name": "Digital förmåga",
        "short_name": "Förmåga",
        "categories": [{"name": "Ledning", "statements": ["Vi leder."]}],
    },
    {
        "name": "Digitalt arv",
        "short_name": "Arv",
        "categories": [{"name": "System", "statements": ["Systemen hänger ihop."]}],
    },
]


def test_an_editor_saves_a_draft_then_publishes_a_new_survey(client, editor):
    client.force_login(editor)
    assert client.get(reverse(f"{URLS}:add")).status_code == 200
    response = client.post(reverse(f"{URLS}:add"), form_data("Ny mognadsenkät", NEW_SURVEY))
    assert response.status_code == 302, response.content.decode()[:2000]
    instrument = Instrument.objects.get(title="Ny mognadsenkät")
    assert not instrument.live and instrument.live_revision_id is None  # a draft: no round can use it yet
    current = structure.from_instrument(instrument.latest_revision.as_object())
    response = client.post(
        reverse(f"{URLS}:edit", args=[instrument.pk]), form_data("Ny mognadsenkät", current.dimensions, publish=True)
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.live and instrument.live_revision_id
    published = structure.for_revision(instrument.live_revision_id)
    assert [d.short_name for d in published.dimensions] == ["Förmåga", "Arv"]
    assert [s.text for s in published.statements] == ["Vi leder.", "Systemen hänger ihop."]
    assert [s.id for s in published.statements] == [s.id for s in current.statements]  # ids kept through edits


def test_a_new_version_leaves_an_opened_round_on_its_own_revision(client, editor, instrument, make_round, organisation):
    round_ = make_round(organisation)
    before = structure.for_round(round_)
    client.force_login(editor)
    changed = list(before.dimensions)
    first = changed[0].categories[0].statements[0]
    edited = structure.Statement(id=first.id, text="Vi har en tydlig digital strategi.")
    category = changed[0].categories[0]
    category = structure.Category(
        id=category.id, name=category.name, description="", statements=(edited, *category.statements[1:])
    )
    changed[0] = structure.Dimension(
        id=changed[0].id,
        name=changed[0].name,
        short_name=changed[0].short_name,
        description="",
        categories=(category, *changed[0].categories[1:]),
    )
    response = client.post(
        reverse(f"{URLS}:edit", args=[instrument.pk]), form_data(instrument.title, changed, publish=True)
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.live_revision_id != round_.revision_id
    round_.refresh_from_db()
    old = structure.for_round(round_)
    assert old.statements[0].text == "D1 K1 P1"  # the round answered the old wording
    new = structure.for_revision(instrument.live_revision_id)
    assert new.statements[0].text == "Vi har en tydlig digital strategi."
    assert new.statement_ids() == old.statement_ids()  # answers stay comparable across versions


def test_the_listing_shows_status_and_how_many_rounds_use_it(
    client, editor, instrument, make_round, organisation, other_organisation, django_assert_max_num_queries
):
    make_round(organisation)
    make_round(other_organisation)
    for n in range(8):
        Instrument.objects.create(title=f"Utkast {n}", body=[])
    client.force_login(editor)
    with django_assert_max_num_queries(40):
        response = client.get(reverse(f"{URLS}:list"))
    assert response.status_code == 200
    rows = {
        " ".join(row.find("td", class_="title").get_text().split()): [td.get_text(" ", strip=True) for td in row("td")]
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    }
    assert len(rows) == 9
    survey = next(cells for title, cells in rows.items() if title.startswith("Mognadsenkät"))
    assert "2" in survey  # the number of rounds that use it
    assert "0" in next(cells for title, cells in rows.items() if title.startswith("Utkast 7"))


def test_the_menu_item_is_in_swedish_for_editors_only(client, editor, manager):
    label = json.dumps("Mognadsenkäter")  # the sidebar is JSON in the page
    client.force_login(editor)
    assert label in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(manager)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert label not in html and reverse(f"{URLS}:list") not in html


@pytest.mark.parametrize("who", ["learner", "manager"])
@pytest.mark.parametrize("view", ["list", "add", "edit", "delete", "history"])
def test_learners_and_managers_cannot_reach_the_survey_admin(client, request, instrument, who, view):
    client.force_login(request.getfixturevalue(who))
    args = [] if view in ("list", "add") else [instrument.pk]
    response = client.get(reverse(f"{URLS}:{view}", args=args))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].split("?")[0] != reverse(f"{URLS}:{view}", args=args)  # login or admin home
    response = client.post(reverse(f"{URLS}:edit", args=[instrument.pk]), form_data("Kapad", NEW_SURVEY, publish=True))
    assert response.status_code in (302, 403)
    instrument.refresh_from_db()
    assert instrument.title == "Mognadsenkät"


def test_deleting_a_survey_used_by_a_round_answers_with_a_message(client, editor, instrument, make_round, organisation):
    make_round(organisation)
    client.force_login(editor)
    url = reverse(f"{URLS}:delete", args=[instrument.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"] == reverse(f"{URLS}:list")
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Mognadsenkät" in text and "1" in text for text in texts), texts
    assert Instrument.objects.filter(pk=instrument.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=["maturity", "instrument", "delete"]) + f"?id={instrument.pk}"
    response = client.post(bulk)
    assert response.status_code == 302
    assert Instrument.objects.filter(pk=instrument.pk).exists()


def test_an_unused_survey_can_be_deleted(client, editor):
    instrument = Instrument.objects.create(title="Gammalt utkast", body=[])
    client.force_login(editor)
    response = client.post(reverse(f"{URLS}:delete", args=[instrument.pk]))
    assert response.status_code == 302
    assert not Instrument.objects.filter(pk=instrument.pk).exists()
