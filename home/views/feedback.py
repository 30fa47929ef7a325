"""Page feedback: the yes/no answer posted from the foot of a content page (built by the feedback helper)."""

from django.http import HttpResponseNotAllowed


def page_feedback(request, page_id):
    return HttpResponseNotAllowed(["POST"])
