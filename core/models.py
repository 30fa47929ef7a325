"""core's one table: contact people, a snippet that any page's body can show as a card.

The audit trail lives in Wagtail's log (see core.audit). A contact person is shared content, not a
user account: the people on the cards are often outside the platform (a municipality's programme
lead), and one row means one place to change a phone number on every page that shows it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class ContactPerson(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, help_text=_("E.g. Programme lead, digitalisation"))
    organisation = models.CharField(_("organisation"), max_length=160, help_text=_("E.g. Härnösands kommun"))
    unit = models.CharField(_("unit"), max_length=160, blank=True, help_text=_("E.g. HR department"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty when the photo only shows the person named on the card."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation"), FieldPanel("unit")],
            heading=_("Who"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("How to reach them")),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.FilterField("organisation"),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(phone="", email=""), name="contactperson_phone_or_email"),
        ]

    def __str__(self):
        return f"{self.name}, {self.organisation}"

    @property
    def phone_href(self):
        """tel: link with only digits and a leading plus: "070-123 45 67" becomes "tel:0701234567"."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
