"""{% picture %} as Wagtail's, without repeated widths: load ``pictures`` after ``wagtailimages_tags``.

Wagtail never enlarges an image, so ``width-{480,800,1200}`` on a 700 px photo gives 480 w, 700 w and
700 w again, and a ``srcset`` that names one width twice is invalid HTML (the browser may ignore it).
This tag keeps the first rendition of each width per format and is otherwise Wagtail's own.
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


def distinct_widths(renditions):
    """``{spec: rendition}`` without a second rendition of the same format and width (spec order kept)."""
    seen = set()
    kept = {}
    for spec, rendition in renditions.items():
        key = (next((part for part in spec.split("|") if part.startswith("format-")), ""), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class DistinctWidthPictureNode(wagtailimages_tags.PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = distinct_widths(get_renditions_or_not_found(image, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return Picture(renditions, attrs).__html__()


@register.tag
def picture(parser, token):
    node = wagtailimages_tags.image(parser, token)
    return DistinctWidthPictureNode(node.image_expr, node.filter_specs, node.output_var_name, node.attrs)
