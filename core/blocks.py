"""StreamField blocks shared by several apps."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image with required alternative text")


class FactBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "info-circle"
        template = "blocks/fact_box.html"
        label = _("Fact box")
        description = _("A highlighted box with a key fact")
        preview_value = {
            "heading": "Visste du att…",
            "text": "<p>Kommuner och regioner står för merparten av välfärden.</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Downloadable document")
        description = _("A link to a document, with its format and size")


class ContactBlock(blocks.StructBlock):
    """A contact person card, usually at the end of a page: "Vill du veta mer? Kontakta …"."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    person = SnippetChooserBlock("core.ContactPerson", label=_("Contact person"))

    class Meta:
        icon = "user"
        template = "blocks/contact_card.html"
        label = _("Contact person")
        description = _("A card with a contact person's name, role, phone and e-mail")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Short description"), required=False, max_length=300)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"
        template = "blocks/link_card.html"
        label = _("Featured link")
        description = _("A card that links to a page on the site")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        template="blocks/heading.html",
        icon="title",
        description=_("A section heading"),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
        icon="pilcrow",
        description=_("Formatted text"),
    )
    image = ImageBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()
    contact = ContactBlock()

    class Meta:
        template = "blocks/body.html"
