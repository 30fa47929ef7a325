"""An instrument revision as plain, immutable data: dimensions -> categories -> statements.

A revision never changes, so its structure is kept in the cache forever under its id; rounds, the
answer form, scoring and the results page all read it from here and never from the live instrument.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

CACHE_PREFIX = "maturity:structure:v1:"


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    help_text: str = ""


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str
    statements: tuple
    module_ids: tuple = ()
    webcast_ids: tuple = ()


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    short_name: str
    description: str
    categories: tuple


@dataclass(frozen=True)
class Structure:
    revision_id: int
    title: str
    introduction: str
    dimensions: tuple
    statement_index: dict = field(default_factory=dict, compare=False)

    @property
    def categories(self):
        return [category for dimension in self.dimensions for category in dimension.categories]

    @property
    def statements(self):
        return [statement for category in self.categories for statement in category.statements]

    def statement_ids(self):
        return frozenset(statement.id for statement in self.statements)

    def category_of(self, statement_id):
        return self.statement_index.get(statement_id)


def _page_ids(list_value):
    ids = []
    for page in list_value or ():
        page_id = getattr(page, "pk", page)
        if page_id:
            ids.append(int(page_id))
    return tuple(ids)


def from_instrument(instrument, revision_id=0):
    """The structure of an instrument object (a revision's object, or the one being edited)."""
    dimensions = []
    index = {}
    for dimension_block in instrument.body:
        if dimension_block.block_type != "dimension":
            continue
        value = dimension_block.value
        categories = []
        for category_child in value["categories"].bound_blocks:
            category = category_child.value
            statements = tuple(
                Statement(id=child.id, text=str(child.value["text"]), help_text=str(child.value.get("help_text") or ""))
                for child in category["statements"].bound_blocks
                if child.id
            )
            cat = Category(
                id=category_child.id,
                name=str(category["name"]),
                description=str(category.get("description") or ""),
                statements=statements,
                module_ids=_page_ids(category.get("recommended_modules")),
                webcast_ids=_page_ids(category.get("recommended_webcasts")),
            )
            for statement in statements:
                index[statement.id] = cat.id
            categories.append(cat)
        dimensions.append(
            Dimension(
                id=dimension_block.id,
                name=str(value["name"]),
                short_name=str(value.get("short_name") or value["name"]),
                description=str(value.get("description") or ""),
                categories=tuple(categories),
            )
        )
    return Structure(
        revision_id=revision_id,
        title=instrument.title,
        introduction=instrument.introduction,
        dimensions=tuple(dimensions),
        statement_index=index,
    )


def for_revision(revision_id):
    """The structure of one revision, from the cache when it has been read before (it never changes)."""
    key = f"{CACHE_PREFIX}{revision_id}"
    structure = cache.get(key)  # the cache answers None while it is down (core.cache)
    if structure is None:
        from wagtail.models import Revision

        revision = Revision.objects.get(pk=revision_id)
        structure = from_instrument(revision.as_object(), revision_id)
        cache.set(key, structure, None)
    return structure


def for_round(round_):
    return for_revision(round_.revision_id)


def live_revision_id(instrument):
    """The revision a round opened now is tied to: the published one."""
    return instrument.live_revision_id
