"""The admin forms of the challenge tree: they tell the page where it is going before it is in the tree.

Wagtail validates a new page before it adds the page to the tree, so the page's own clean() cannot ask for
its parent yet. These forms hand the parent over first; the rules themselves stay in the models' clean().
"""

from wagtail.admin.forms import WagtailAdminPageForm


class ChallengeTreePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Read by the model's clean(), which the form calls after this method (ModelForm._post_clean).
        self.instance.parent_for_validation = self.parent_page
        return cleaned_data
