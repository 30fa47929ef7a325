"""{% page_feedback_terms page as terms %}: what templates/includes/page_feedback.html needs, from the rule.

None when the page does not show the question (home.feedback.PAGE_TYPES), so the include and the view
(home/views/feedback.py) follow one rule. Otherwise the comment's length limit, how long comments are
kept, and the privacy page's address, which is kept in memory per content version (no query per page).
"""

from django import template

from home import feedback

register = template.Library()


@register.simple_tag
def page_feedback_terms(page):
    return feedback.form_terms(page)
