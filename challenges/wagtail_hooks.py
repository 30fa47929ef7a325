"""Admin hooks of the challenge tree: an organisation's part gets its editors when it is made or saved.

The hooks read the part as stored, never the form's unsaved page: saving a draft of a live part with another
organisation changes nothing until the draft is published (challenges/signals.py acts on publishing, also when
a reviewer approves or the scheduler publishes, and on every move, including Wagtail's bulk move).
"""

from wagtail import hooks

from .models import OrganisationSolutionsPage
from .permissions import ensure_organisation_editors


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def give_part_to_its_organisation(request, page):
    """A new part, or a part whose stored organisation changed: that organisation's editors may write there."""
    if isinstance(page, OrganisationSolutionsPage):
        stored = OrganisationSolutionsPage.objects.filter(pk=page.pk).first()
        if stored is not None and stored.organisation_id:
            ensure_organisation_editors(stored)
