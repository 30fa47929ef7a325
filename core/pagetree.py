"""Making pages from code (demo content, fixtures) the way an editor would: as published revisions."""


def ensure_child_page(parent, page_class, slug, **fields):
    """Return the child of `parent` with this slug, creating and publishing it when missing.

    An existing page is left as it is, so a second run changes nothing and an editor's changes
    to demo pages survive.
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True
