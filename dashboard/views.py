from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from elearning import selectors as learning
from workshops import selectors as workshop_selectors


@login_required
def my_learning(request):
    entries = learning.my_learning(request.user)
    progress = {entry.module.pk: entry.progress for entry in entries if entry.progress}  # read once, used twice
    return render(
        request,
        "dashboard/my_learning.html",
        {
            "in_progress": [e for e in entries if e.status == "in_progress"],
            "not_started": [e for e in entries if e.status == "not_started"],
            "completed": [e for e in entries if e.status == "completed"],
            "workshops": workshop_selectors.upcoming_for_member(request.user, progress),
        },
    )
