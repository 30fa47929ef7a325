"""Course lists for templates of lower apps (the home page), which must not import elearning in Python."""

from collections import Counter

from django import template

from core import sites
from elearning.models import CoursePage, ModulePage

register = template.Library()


@register.simple_tag
def published_courses():
    """Live, public courses in tree order, each with `module_count` (its live modules). Two queries."""
    courses = list(sites.public(CoursePage.objects.live()).order_by("path"))
    if not courses:
        return []
    steplen = CoursePage.steplen
    depths = {course.depth + 1 for course in courses}
    paths = ModulePage.objects.live().filter(depth__in=depths).values_list("path", flat=True)
    counts = Counter(path[:-steplen] for path in paths)
    for course in courses:
        course.module_count = counts[course.path]
    return courses
