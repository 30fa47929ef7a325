"""Page feedback: the answer to "Hjälpte informationen på sidan dig?" posted from the foot of a page.

POST /sidfeedback/<page_id>/ with `helpful` (yes or no), or, for the comment to a "no", `token` and
`comment`. The rule is home.feedback; this view only translates between HTTP and it.

- Without JavaScript the form posts and the answer redirects (303) back to the page: a yes to
  `?tack=1#sidfeedback` (the thank-you), a no to `?kommentera=<token>#sidfeedback` (the comment field,
  then the thank-you). No message framework: its cookie would be a new one.
- With JavaScript (static/js/site.js) the same form is sent with fetch() and `Accept: application/json`,
  and the answer is JSON: {"ok": true, "step": "thanks"|"comment", "message", "token"?}, or
  {"ok": false, "message"} with the status below.
- A page that does not take feedback (does not exist, is not published or public, lies outside every
  site, or is of a type that does not show the question: home.feedback.page_for_feedback): 404; GET: 405;
  a value that is not an answer, a comment over the length limit (refused, never cut, nothing stored) or
  a bad comment token: 400; past the rate limit: 429. Always with a sentence, never a 500: without
  JavaScript a page of the site with the sentence and a link back to the page, JSON with it (_refusal).
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import feedback

THANKS_ANCHOR = "#sidfeedback"


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refusal(request, status, message, page=None):
    """The refusal: JSON for the script, else a page of the site that says why and leads back."""
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": str(message)}, status=status)
    context = {"message": message, "back_url": "/", "back_label": _("Back to the start page")}
    if page is not None:
        context.update(back_url=f"{page.get_url(request) or '/'}{THANKS_ANCHOR}", back_label=_("Back to the page"))
    return render(request, "home/feedback_refused.html", context, status=status)


def _back_to(request, page, **params):
    """303 to the page, at the feedback, with `params` (the thank-you or the comment step)."""
    url = page.get_url(request) or "/"
    response = HttpResponseRedirect(f"{url}?{urlencode(params)}{THANKS_ANCHOR}")
    response.status_code = 303
    return response


def page_feedback(request, page_id):
    if request.method != "POST":
        response = _refusal(request, 405, _("Answer the question on the page itself."))
        response["Allow"] = "POST"
        return response
    page = feedback.page_for_feedback(page_id)
    if page is None:
        return _refusal(request, 404, _("There is no published page to give feedback on here."))
    if feedback.LIMIT.exceeded(request):
        message = _("You have answered many times in a short while. Try again later.")
        response = _refusal(request, 429, message, page)
        response["Retry-After"] = str(feedback.LIMIT.window)
        return response
    thanks = _("Thank you for helping us!")
    try:
        if "token" in request.POST:
            feedback.add_comment(page, request.POST["token"], request.POST.get("comment", ""))
            answer, token = None, None
        else:
            helpful = feedback.parse_helpful(request.POST.get("helpful"))
            answer = feedback.record(page, helpful, request.POST.get("comment", ""))
            token = None if (helpful or answer.comment) else feedback.comment_token(answer)
    except feedback.FeedbackError as error:
        return _refusal(request, 400, str(error), page)
    feedback.LIMIT.count(request)
    if token:  # a "no" without a comment yet: ask for one
        if _wants_json(request):
            return JsonResponse(
                {"ok": True, "step": "comment", "token": token, "message": _("Thank you for your answer.")}
            )
        return _back_to(request, page, kommentera=token)
    if _wants_json(request):
        return JsonResponse({"ok": True, "step": "thanks", "message": thanks})
    return _back_to(request, page, tack=1)
