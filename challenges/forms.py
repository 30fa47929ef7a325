"""The admin forms of the challenge tree: they tell the page where it is going before it is in the tree.

Wagtail validates a new page before it adds the page to the tree, so the page's own clean() cannot ask for
its parent yet. These forms hand the parent over first; the rules themselves stay in the models' clean().

A part's organisation decides who may write in it (challenges/permissions.py). The part's own solution editors
may edit the part (their change permission covers it), so the field is read-only for anyone who may not
publish the part: otherwise they could hand their part, and its solutions, to another organisation.
"""

from wagtail.admin.forms import WagtailAdminPageForm


class ChallengeTreePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        may_publish = self.for_user is None or self.instance.permissions_for_user(self.for_user).can_publish()
        if field is not None and self.instance.pk and not may_publish:
            field.disabled = True  # a disabled field keeps the stored value whatever is posted

    def clean(self):
        cleaned_data = super().clean()
        # Read by the model's clean(), which the form calls after this method (ModelForm._post_clean).
        self.instance.parent_for_validation = self.parent_page
        return cleaned_data
